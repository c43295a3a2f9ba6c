<#
.SYNOPSIS
    The one entry point: builds the shippable module, runs every test against it, packs it for the Gallery, runs the demo and the bench,
    and writes docs/errors.md from the error catalogue.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Bench', 'Docs', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: runs per figure (medians are reported).
    [ValidateRange(3, 200)]
    [int] $Runs = 15,

    # Test: run only one of the two suites while developing (CI always runs both).
    [ValidateSet('All', 'Xunit', 'Pester')]
    [string] $Suite = 'All',

    # Test: while developing, only the Pester files whose names match (e.g. 'SetAwsEnv*') and the xunit tests
    # that dotnet test's --filter selects (e.g. 'FullyQualifiedName~Tokens'). CI always runs everything.
    [string] $PesterFile = '*',
    [string] $XunitFilter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'SemaphoreOidc'
$EmulatorOut = Join-Path $Out 'emulator'
$ResultsDir = Join-Path $Out 'test-results'

. (Join-Path $Root 'tools/BuildHelpers.ps1')

function Invoke-ModuleBuild {
    Write-Step "Building SemaphoreOidc ($Configuration)"
    $publish = Join-Path $Out 'publish'
    Remove-Item $publish, $ModuleOut -Recurse -Force -ErrorAction Ignore
    Invoke-Native dotnet publish (Join-Path $Root 'src/SemaphoreOidc.PowerShell') -c $Configuration -o $publish --nologo -v quiet

    # Only the cmdlet assembly beside the manifest; the engine and everything third-party in dependencies/,
    # where PowerShell does not probe and the module's loader isolates them (ModuleLoader.cs).
    $deps = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'dependencies')
    foreach ($file in Get-ChildItem $publish -Filter *.dll) {
        if ($file.Name -in 'System.Management.Automation.dll', 'System.Runtime.Loader.dll') { continue }
        $target = if ($file.Name -eq 'SemaphoreOidc.PowerShell.dll') { $ModuleOut } else { $deps.FullName }
        Copy-Item $file.FullName $target
    }
    Invoke-ReadyToRun $deps.FullName
    # module/help/ is the help's source, not something to ship: Invoke-HelpBuild turns it into MAML.
    Get-ChildItem (Join-Path $Root 'module') -Exclude 'help' | Copy-Item -Destination $ModuleOut -Recurse

    $version = Get-ModuleVersion $Root
    $manifest = Get-Content (Join-Path $Root 'SemaphoreOidc.psd1') -Raw
    $manifest = $manifest -replace "ModuleVersion(\s*)= '0\.0\.0'", "ModuleVersion`$1= '$version'"
    Set-Content (Join-Path $ModuleOut 'SemaphoreOidc.psd1') $manifest -Encoding utf8NoBOM
    Invoke-HelpBuild (Join-Path $publish 'SemaphoreOidc.PowerShell.xml')
    Write-Host "Module $version assembled at $ModuleOut"
}

# The same dependency assemblies precompiled for linux-x64, the CI runners' platform, in dependencies/linux-x64/
# (CoreIsolation.cs loads them there on PowerShell 7; everywhere else the portable IL is used). The IL is
# unchanged, so Windows PowerShell 5.1 and other platforms see exactly what they saw before.
function Invoke-ReadyToRun([string] $DependencyDirectory) {
    $rid = 'linux-x64'
    $publish = Join-Path $Out "readytorun-$rid"
    Remove-Item $publish -Recurse -Force -ErrorAction Ignore
    Invoke-Native dotnet publish (Join-Path $Root 'tools/ReadyToRun') -c $Configuration -r $rid -o $publish --nologo -v quiet "-p:DependencyDirectory=$DependencyDirectory"
    $native = New-Item -ItemType Directory -Force (Join-Path $DependencyDirectory $rid)
    # Only what the portable folder also has: the SDK's shims for framework assemblies stay out, as does the project's own stub.
    foreach ($file in Get-ChildItem $publish -Filter *.dll) {
        if (Test-Path (Join-Path $DependencyDirectory $file.Name)) { Copy-Item $file.FullName $native.FullName }
    }
}

# MAML help from the built cmdlets, their /// <summary> text and module/help/*.psd1 (tools/HelpBuilder.ps1), in a
# child pwsh so this process never loads the assembly the next build overwrites.
function Invoke-HelpBuild([string] $DocumentationXml) {
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/HelpBuilder.ps1'),
        '-ModuleDirectory', $ModuleOut, '-DocumentationXml', $DocumentationXml, '-HelpSourceDirectory', (Join-Path $Root 'module/help'))
    Invoke-Native $pwsh[0] @arguments
}

function Invoke-EmulatorBuild {
    Invoke-Native dotnet build (Join-Path $Root 'tests/SemaphoreOidc.Emulator') -c $Configuration -o $EmulatorOut --nologo -v quiet
}

function Invoke-XunitSuite {
    Write-Step 'xunit (engine and emulator)'
    $filter = if ($XunitFilter) { @('--filter', $XunitFilter) } else { @() }
    & dotnet test (Join-Path $Root 'tests/SemaphoreOidc.Tests') -c $Configuration --nologo @filter `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $ResultsDir | Out-Host
    $counts = Read-TrxCounts (Join-Path $ResultsDir 'xunit.trx')
    if ($LASTEXITCODE -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }   # a build or runner failure counts
    $counts
}

function Invoke-PesterSuite {
    Write-Step 'Pester (the built module against the emulator)'
    Invoke-PesterRun -ModuleDirectory $ModuleOut -EmulatorDirectory $EmulatorOut -ResultsDirectory $ResultsDir `
        -TestsDirectory (Join-Path $Root 'tests/pester') -PesterVersion (Get-PackageVersion $Root 'Pester') -FileFilter $PesterFile
}

function Invoke-Test {
    Invoke-ModuleBuild
    Invoke-EmulatorBuild
    Remove-Item $ResultsDir -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory $ResultsDir | Out-Null

    $none = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $xunit = if ($Suite -ne 'Pester') { Invoke-XunitSuite } else { $none }
    $pester = if ($Suite -ne 'Xunit') { Invoke-PesterSuite } else { $none }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host ''
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

# The .nupkg the Gallery takes, packed by PSResourceGet's Publish-PSResource into a local file repository.
function Invoke-Package {
    Invoke-ModuleBuild
    Write-Step 'Packing the module (Publish-PSResource to a local repository)'
    $package = & (Join-Path $Root 'tools/Package.ps1') -ModuleDirectory $ModuleOut -RepositoryDirectory (Join-Path $Out 'repository')
    Write-Host "Package: $package"
}

function Invoke-Demo {
    Invoke-ModuleBuild
    Invoke-EmulatorBuild
    $code = Invoke-WithEmulator -EmulatorDirectory $EmulatorOut -ScriptPath (Join-Path $Root 'tools/Demo.ps1') -Arguments @('-ModuleDirectory', $ModuleOut)
    if ($code -ne 0) { exit $code }
}

# docs/errors.md from the error catalogue of the module just built (tools/ErrorCatalogue.ps1), in a child pwsh as the
# help is; a Pester test fails while the checked-in page differs from what this writes.
function Invoke-Docs {
    Invoke-ModuleBuild
    Write-Step 'Writing docs/errors.md from the error catalogue'
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/ErrorCatalogue.ps1'),
        '-ModuleDirectory', $ModuleOut, '-OutputPath', (Join-Path $Root 'docs/errors.md'))
    Invoke-Native $pwsh[0] @arguments
}

function Invoke-Bench {
    Invoke-ModuleBuild
    Invoke-EmulatorBuild
    $code = Invoke-WithEmulator -EmulatorDirectory $EmulatorOut -ScriptPath (Join-Path $Root 'tools/Bench.ps1') -Arguments @('-ModuleDirectory', $ModuleOut, '-Runs', $Runs)
    if ($code -ne 0) { exit $code }
}

switch ($Task) {
    'Build' { Invoke-ModuleBuild }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Docs' { Invoke-Docs }
    'Clean' { Remove-Item $Out -Recurse -Force -ErrorAction Ignore }
}
