<#
.SYNOPSIS
    Writes the module's MAML help (SemaphoreOidc.PowerShell.dll-Help.xml) from the built assembly and the help source.
.DESCRIPTION
    platyPS is not available, so the build owns the help. Three sources are merged:
    - the built cmdlets (imported here, so Get-Command's reflection gives names, types, parameter sets,
      mandatory/position/pipeline flags, aliases and output types: nothing is typed twice);
    - the XML documentation the compiler writes from each parameter's /// <summary>;
    - module/help/<Verb-Noun>.psd1: Synopsis, Description, Examples (Code, Remarks), Notes, Outputs, Links, and
      Parameters = @{ Name = 'text' } where a parameter needs more than its one-line summary.
    Runs in a child pwsh (build.ps1) so the build process never loads the assembly it may rebuild next.
    Fails on any gap (a cmdlet without a source file, a parameter without text, fewer than two examples), so a
    new parameter cannot ship undocumented.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $DocumentationXml,
    [Parameter(Mandatory)] [string] $HelpSourceDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Absolute paths: a relative 'out/SemaphoreOidc/...' would be read as a module name.
$ModuleDirectory = (Resolve-Path $ModuleDirectory).ProviderPath
$DocumentationXml = (Resolve-Path $DocumentationXml).ProviderPath
$module = Import-Module (Join-Path $ModuleDirectory 'SemaphoreOidc.psd1') -PassThru -Force
$docs = [xml](Get-Content $DocumentationXml -Raw)
$outputPath = Join-Path $ModuleDirectory 'en-US/SemaphoreOidc.PowerShell.dll-Help.xml'

# ShouldProcess's two parameters are in Get-Command's list but not in its CommonParameters; they still need text.
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$shouldProcessText = @{
    WhatIf  = 'Shows what the command would change, without changing it.'
    Confirm = 'Asks for confirmation before the change.'
}

function Get-DocSummary([string] $MemberId) {
    $member = $docs.doc.members.member | Where-Object { $_.name -eq $MemberId } | Select-Object -First 1
    if (-not $member -or -not $member['summary']) { return $null }
    # <see cref="T:X.Y"/> reads as Y, <c>x</c> as x; whitespace from the source's line breaks collapses.
    $summary = $member['summary'].Clone()
    foreach ($see in @($summary.SelectNodes('.//see'))) {
        $name = if ($see.GetAttribute('cref')) { ($see.GetAttribute('cref') -split '[.:]')[-1] } else { $see.InnerText }
        $see.ParentNode.ReplaceChild($docs.CreateTextNode($name), $see) | Out-Null
    }
    ($summary.InnerText -replace '\s+', ' ').Trim()
}

function Get-TypeLabel([type] $Type) {
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { $Type = $inner }
    if ($Type.IsArray) { return (Get-TypeLabel $Type.GetElementType()) + '[]' }
    $Type.Name
}

# MAML wants pipeline input as "True (ByValue, ByPropertyName)" or "False".
function Get-PipelineLabel($Attributes) {
    $kinds = @()
    if ($Attributes | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($Attributes | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-Position($Attributes) {
    $position = @($Attributes | Where-Object { $_.Position -ge 0 } | ForEach-Object Position) | Select-Object -First 1
    if ($null -ne $position) { [string]$position } else { 'named' }
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory -Force (Split-Path $outputPath) | Out-Null
$w = [System.Xml.XmlWriter]::Create($outputPath, $settings)

function Write-Paras([string] $Text) {
    $w.WriteStartElement('maml', 'description', $ns.maml)
    # Blank lines separate paragraphs; Get-Help prints each <maml:para> as one.
    foreach ($para in ($Text.Trim() -split '\r?\n\s*\r?\n')) { $w.WriteElementString('maml', 'para', $ns.maml, ($para -replace '\s*\r?\n\s*', ' ').Trim()) }
    $w.WriteEndElement()
}

function Write-Parameter($Name, $Parameter, $Attributes, [string] $Text) {
    $isSwitch = $Parameter.ParameterType -eq [switch]
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', ([string][bool]($Attributes | Where-Object Mandatory)).ToLower())
    $w.WriteAttributeString('variableLength', ([string]$Parameter.ParameterType.IsArray).ToLower())
    $w.WriteAttributeString('globbing', 'false')
    $w.WriteAttributeString('pipelineInput', (Get-PipelineLabel $Attributes))
    $w.WriteAttributeString('position', (Get-Position $Attributes))
    $w.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $Name)
    Write-Paras $Text
    if (-not $isSwitch) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', 'true')
        $w.WriteAttributeString('variableLength', ([string]$Parameter.ParameterType.IsArray).ToLower())
        $w.WriteString((Get-TypeLabel $Parameter.ParameterType))
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev)
    $w.WriteElementString('maml', 'name', $ns.maml, $Parameter.ParameterType.FullName)
    $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, $(if ($isSwitch) { 'False' } else { 'None' }))
    $w.WriteEndElement()
}

$problems = [System.Collections.Generic.List[string]]::new()
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')

foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $sourcePath = Join-Path $HelpSourceDirectory "$($command.Name).psd1"
    if (-not (Test-Path $sourcePath)) { $problems.Add("$($command.Name): no help source at $sourcePath"); continue }
    $source = Import-PowerShellDataFile $sourcePath
    $type = $command.ImplementingType
    $overrides = if ($source.ContainsKey('Parameters')) { $source.Parameters } else { @{} }

    # Text per parameter: the help source's override, else the property's /// <summary> (declared on a base class
    # for shared parameters such as -Region), else WhatIf/Confirm's standard text.
    $texts = [ordered]@{}
    foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $common -or $shouldProcessText.ContainsKey($_.Name) }) {
        $property = $type.GetProperty($parameter.Name)
        $text = if ($overrides.ContainsKey($parameter.Name)) { $overrides[$parameter.Name] }
        elseif ($property) { Get-DocSummary "P:$($property.DeclaringType.FullName).$($property.Name)" }
        else { $shouldProcessText[$parameter.Name] }
        if (-not $text) { $problems.Add("$($command.Name) -$($parameter.Name): no /// <summary> and no Parameters entry in $sourcePath") }
        $texts[$parameter.Name] = [string]$text
    }
    foreach ($key in 'Synopsis', 'Description') {
        if (-not $source[$key]) { $problems.Add("$($command.Name): $key missing in $sourcePath") }
    }
    if (@($source.Examples).Count -lt 2) { $problems.Add("$($command.Name): fewer than two Examples in $sourcePath") }
    foreach ($name in $overrides.Keys) {
        if (-not $command.Parameters.ContainsKey($name)) { $problems.Add("$($command.Name): $sourcePath describes -$name, which the cmdlet does not have") }
    }

    $w.WriteStartElement('command', 'command', $ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $command.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $command.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $command.Noun)
    Write-Paras ([string]$source.Synopsis)
    $w.WriteEndElement()
    Write-Paras ([string]$source.Description)

    $w.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $command.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $command.Name)
        foreach ($p in $set.Parameters | Where-Object { $texts.Contains($_.Name) }) {
            $attributes = @($command.Parameters[$p.Name].Attributes | Where-Object { $_ -is [Parameter] -and $_.ParameterSetName -in $set.Name, '__AllParameterSets' })
            Write-Parameter $p.Name $command.Parameters[$p.Name] $attributes $texts[$p.Name]
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($name in $texts.Keys) {
        $parameter = $command.Parameters[$name]
        Write-Parameter $name $parameter @($parameter.Attributes | Where-Object { $_ -is [Parameter] }) $texts[$name]
    }
    $w.WriteEndElement()

    # Inputs: the types of the parameters that take pipeline input, with the parameters they bind to.
    $w.WriteStartElement('command', 'inputTypes', $ns.command)
    $byType = $command.Parameters.Values | Where-Object { $_.Name -notin $common } | ForEach-Object {
        $piped = @($_.Attributes | Where-Object { $_ -is [Parameter] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) })
        if ($piped) { [pscustomobject]@{ Type = $_.ParameterType.FullName; Name = $_.Name; ByValue = [bool]($piped | Where-Object ValueFromPipeline) } }
    } | Group-Object Type
    foreach ($group in $byType) {
        $w.WriteStartElement('command', 'inputType', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev)
        $w.WriteElementString('maml', 'name', $ns.maml, $group.Name)
        $w.WriteEndElement()
        $text = ($group.Group | ForEach-Object { "-$($_.Name) ($(if ($_.ByValue) { 'by value' } else { 'by property name' }))" }) -join ', '
        Write-Paras "Binds to $text."
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $ns.command)
    $outputs = if ($source.ContainsKey('Outputs')) { $source.Outputs } else { @{} }
    foreach ($output in $command.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $ns.command)
        $w.WriteStartElement('dev', 'type', $ns.dev)
        $w.WriteElementString('maml', 'name', $ns.maml, $output.Name)
        $w.WriteEndElement()
        Write-Paras $(if ($outputs.ContainsKey($output.Name)) { $outputs[$output.Name] } else { ' ' })
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($source.ContainsKey('Notes')) {
        $w.WriteStartElement('maml', 'alertSet', $ns.maml)
        $w.WriteStartElement('maml', 'alert', $ns.maml)
        foreach ($para in ($source.Notes.Trim() -split '\r?\n\s*\r?\n')) { $w.WriteElementString('maml', 'para', $ns.maml, ($para -replace '\s*\r?\n\s*', ' ').Trim()) }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in @($source.Examples)) {
        $number++
        $w.WriteStartElement('command', 'example', $ns.command)
        $title = if ($example.ContainsKey('Title')) { "Example $($number): $($example.Title)" } else { "Example $number" }
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $title --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, $example.Code.Trim())
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($para in ([string]$example.Remarks).Trim() -split '\r?\n\s*\r?\n') { $w.WriteElementString('maml', 'para', $ns.maml, ($para -replace '\s*\r?\n\s*', ' ').Trim()) }
        $w.WriteEndElement()
        $w.WriteEndElement()
        if (-not $example.Code -or -not $example.Remarks) { $problems.Add("$($command.Name): example $number needs Code and Remarks") }
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @('about_SemaphoreOidc') + @($(if ($source.ContainsKey('Links')) { $source.Links }))) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link)
        $w.WriteElementString('maml', 'uri', $ns.maml, '')
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}

$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()

if ($problems.Count) {
    # No half-written help in the module folder: a later step must not ship it.
    Remove-Item $outputPath -ErrorAction Ignore
    throw "Help is incomplete:`n  $($problems -join "`n  ")"
}
Write-Host "Help for $(@(Get-Command -Module $module.Name).Count) cmdlets written to $outputPath"
