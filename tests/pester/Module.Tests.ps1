# The shipped module folder as the Gallery and a user see it: manifest, exports, version, format views.
BeforeDiscovery {
    # Test cases come from the built module itself, so a new output type gets its view checks with no edit here.
    Import-Module $env:SEMAPHOREOIDC_MODULE -Force
    $script:OutputTypeNames = @(Get-Command -Module SemaphoreOidc | ForEach-Object { $_.OutputType.Name } |
        Where-Object { $_ -and $_ -ne 'System.String' } | Sort-Object -Unique)
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:RepoRoot = (Resolve-Path "$PSScriptRoot/../..").Path
    $script:ManifestPath = $env:SEMAPHOREOIDC_MODULE
    $script:ModuleDir = Split-Path $ManifestPath
    $script:Data = Import-PowerShellDataFile $ManifestPath
    $script:Module = Get-Module SemaphoreOidc
    $script:Assembly = (Get-Command -Module SemaphoreOidc | Select-Object -First 1).ImplementingType.Assembly

    # Which core library an assembly was compiled against, read from its metadata without loading it: "netstandard 2.0.0.0"
    # for a .NET Standard 2.0 library; System.Runtime or System.Private.CoreLib for .NET (Core) only, mscorlib for .NET Framework.
    function Get-CoreLibraryReference([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
            foreach ($handle in $metadata.AssemblyReferences) {
                $reference = $metadata.GetAssemblyReference($handle)
                $name = $metadata.GetString($reference.Name)
                if ($name -in 'netstandard', 'System.Runtime', 'System.Private.CoreLib', 'mscorlib') { "$name $($reference.Version)" }
            }
        }
        finally { $stream.Dispose() }
    }

    # Every type a command declares in [OutputType], except plain strings (ConvertTo-AwsEnv's text).
    $script:OutputTypes = @(Get-Command -Module SemaphoreOidc | ForEach-Object { $_.OutputType.Name } |
        Where-Object { $_ -and $_ -ne 'System.String' } | Sort-Object -Unique)
}

Describe 'Manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest $ManifestPath -ErrorAction Stop
        $info.Name | Should -Be 'SemaphoreOidc'
    }

    It 'exports names, never wildcards (the Gallery and command discovery read them without importing)' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $Data.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit"
            @($Data[$key]) -join ',' | Should -Not -Match '\*'
        }
    }

    It 'offers exactly the [Cmdlet] classes of the assembly, to command discovery before import and after it' {
        $classes = @($Assembly.GetTypes() | Where-Object { $_.IsPublic -and -not $_.IsAbstract } | ForEach-Object {
            $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
            if ($attribute) { "$($attribute.VerbName)-$($attribute.NounName)" }
        } | Sort-Object)
        $classes | Should -Contain 'Invoke-SemaphoreAssumeRole'
        # What Get-Command and tab completion offer from the module folder, without importing it.
        $discovered = (Get-Module -ListAvailable $ManifestPath).ExportedCmdlets.Keys
        @($discovered | Sort-Object) | Should -Be $classes
        @((Get-Command -Module SemaphoreOidc).Name | Sort-Object) | Should -Be $classes
    }

    It 'ships only assemblies both editions it declares can load (netstandard2.0 at most: Windows PowerShell 5.1 on .NET Framework 4.7.2+)' {
        $Data.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $Data.PowerShellVersion | Should -Be '5.1'
        # The portable assemblies every platform but PowerShell 7 on linux-x64 loads (dependencies/linux-x64 holds the same, precompiled).
        $shipped = @(Get-ChildItem $ModuleDir -Filter *.dll) + @(Get-ChildItem (Join-Path $ModuleDir 'dependencies') -Filter *.dll)
        $shipped.Name | Should -Contain 'SemaphoreOidc.PowerShell.dll'
        $shipped.Name | Should -Contain 'SemaphoreOidc.dll'
        foreach ($dll in $shipped) {
            # .NET Framework 4.7.2, under Windows PowerShell 5.1, loads .NET Standard up to 2.0; anything built against .NET's own core library it cannot.
            @(Get-CoreLibraryReference $dll.FullName) | Should -Be @('netstandard 2.0.0.0') -Because "$($dll.Name) must load on Windows PowerShell 5.1 too"
        }
    }

    It 'carries the Gallery metadata' {
        $psData = $Data.PrivateData.PSData
        foreach ($tag in 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS', 'AWS', 'OIDC', 'Semaphore') {
            $psData.Tags | Should -Contain $tag
        }
        # The Gallery rejects tags with spaces.
        $psData.Tags | Where-Object { $_ -match '\s' } | Should -BeNullOrEmpty
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -Match '^https://.+/LICENSE$'
        $psData.ReleaseNotes | Should -Match ([regex]::Escape($Module.Version.ToString())) -Because 'a version bump needs its release notes'
        $Data.Description.Length | Should -BeGreaterThan 50
        Test-Path (Join-Path $RepoRoot 'LICENSE') | Should -BeTrue -Because 'LicenseUri points at it'
    }

    It 'has the version of Directory.Build.props, the one source' {
        $props = [xml](Get-Content (Join-Path $RepoRoot 'Directory.Build.props') -Raw)
        $prefix = @($props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ })[0]
        $Data.ModuleVersion | Should -Be $prefix
        $Module.Version | Should -Be ([version]$prefix)
    }

    It 'ships a DLL whose file and informational versions are the module version' {
        $version = [version]$Data.ModuleVersion
        $dll = Join-Path $ModuleDir 'SemaphoreOidc.PowerShell.dll'
        $file = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($dll)
        [version]$file.FileVersion | Should -Be ([version]::new($version.Major, $version.Minor, $version.Build, 0))
        # The SDK appends +<commit> to the informational version when built from git.
        $informational = $Assembly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false)[0].InformationalVersion
        ($informational -split '\+')[0] | Should -Be $Data.ModuleVersion
    }
}

Describe 'Format views' {
    It 'covers at least the output types this test was written against' {
        foreach ($type in 'SemaphoreOidc.Credentials.AssumeRoleResult', 'SemaphoreOidc.Tokens.SemaphoreToken',
            'SemaphoreOidc.Providers.SemaphoreOidcProvider', 'SemaphoreOidc.Policies.TrustPolicy',
            'SemaphoreOidc.Policies.PolicyDecision', 'SemaphoreOidc.Policies.PolicyFinding') {
            $OutputTypes | Should -Contain $type
        }
    }

    It '<_> has a table view and a list view' -ForEach $OutputTypeNames {
        $views = (Get-FormatData -TypeName $_ -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition
        $kinds = @($views | ForEach-Object { $_.Control.GetType().Name })
        $kinds | Should -Contain 'TableControl'
        $kinds | Should -Contain 'ListControl'
    }

    It 'no view names a secret property' {
        # Read the XML rather than the loaded views: a script-block column could read a secret under any label.
        $xml = Get-Content (Join-Path $ModuleDir 'SemaphoreOidc.Format.ps1xml') -Raw
        foreach ($secret in 'SecretAccessKey', 'SessionToken', 'WebIdentityToken', 'RawToken') {
            $refs = [regex]::Matches($xml, "<(PropertyName|ScriptBlock)>[^<]*\b$secret\b[^<]*</\1>") |
                Where-Object { $_.Value -notmatch "^<ScriptBlock>'\(hidden: read \`$_\.$secret\)'</ScriptBlock>$" }
            @($refs).Count | Should -Be 0 -Because "$secret must never be formatted"
        }
    }

    It 'a trust policy table shows size, statement count and subjects, not the JSON' {
        $policy = New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Repository web -Branch main
        $table = $policy | Format-Table | Out-String -Width 300
        $table | Should -Match 'Statements\s+Size\s+SubjectPatterns'
        $table | Should -Match "\b1\s+$($policy.Size)\s+org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web"
        $table | Should -Not -Match 'Federated'
    }

    It 'a token table shows who, what and when' {
        $token = Get-SemaphoreOidcToken -Token (New-TestToken @{ branch = 'main' })
        $table = $token | Format-Table | Out-String -Width 300
        $table | Should -Match 'Organization\s+Repository\s+Ref\s+JobId\s+IssuedAt \(UTC\)\s+ExpiresAt \(UTC\)'
        $table | Should -Match "$($token.Organization)\s+$($token.Repository)\s+branch main\s+$($token.JobId)"
    }
}
