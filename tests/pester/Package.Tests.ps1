# The Gallery path end to end: pack with PSResourceGet (tools/Package.ps1, what build.ps1 -Task Package runs),
# install from a repository, import BY NAME in a fresh pwsh, run commands.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    $script:ModuleDir = Split-Path $env:SEMAPHOREOIDC_MODULE
    $script:Version = (Import-PowerShellDataFile $env:SEMAPHOREOIDC_MODULE).ModuleVersion
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "semaphoreoidc-package-$([guid]::NewGuid().ToString('N'))"
    $script:RepositoryDir = Join-Path $Work 'repository'
    $script:InstallDir = Join-Path $Work 'modules'
    New-Item -ItemType Directory -Force $InstallDir | Out-Null

    $script:Package = & (Join-Path $PSScriptRoot '../../tools/Package.ps1') -ModuleDirectory $ModuleDir -RepositoryDirectory $RepositoryDir
    $script:RepositoryName = "SemaphoreOidcTest-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    Register-PSResourceRepository -Name $RepositoryName -Uri ([Uri]::new($RepositoryDir)) -Trusted

    function Invoke-FreshPwsh([string] $Script) {
        # Only the temporary folder on PSModulePath besides PowerShell's own: nothing else can answer the name.
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = $InstallDir + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output | Out-String) }
        }
        finally { $env:PSModulePath = $saved }
    }
}

AfterAll {
    if ($RepositoryName) { Unregister-PSResourceRepository -Name $RepositoryName -ErrorAction Ignore }
    Remove-Item $Work -Recurse -Force -ErrorAction Ignore
}

Describe 'Package' {
    It 'is one .nupkg named for the module and its version' {
        $Package | Should -Exist
        Split-Path $Package -Leaf | Should -Be "SemaphoreOidc.$Version.nupkg"
        @(Get-ChildItem $RepositoryDir -Filter *.nupkg).Count | Should -Be 1
    }

    It 'holds the module folder: manifest, cmdlets, engine in dependencies/, views, help; no help sources or symbols' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Package)
        try { $entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($path in 'SemaphoreOidc.psd1', 'SemaphoreOidc.PowerShell.dll', 'SemaphoreOidc.Format.ps1xml', 'dependencies/SemaphoreOidc.dll',
            'dependencies/AWSSDK.Core.dll', 'dependencies/linux-x64/AWSSDK.Core.dll', 'en-US/SemaphoreOidc.PowerShell.dll-Help.xml', 'en-US/about_SemaphoreOidc.help.txt') {
            $entries | Should -Contain $path
        }
        $entries | Where-Object { $_ -like 'help/*' -or $_ -like '*.pdb' } | Should -BeNullOrEmpty
    }

    It 'carries the Gallery metadata in its nuspec' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'SemaphoreOidc.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'SemaphoreOidc'
        $metadata.version | Should -Be $Version
        $metadata.tags -split ' ' | Should -Contain 'PSEdition_Core'
        # PSModule is how the Gallery tells a module from a script or a DSC resource.
        $metadata.tags -split ' ' | Should -Contain 'PSModule'
        $metadata.projectUrl | Should -Match '^https://'
        $metadata.licenseUrl | Should -Match 'LICENSE$'
    }
}

Describe 'Installed from a repository' {
    BeforeAll {
        Save-PSResource -Name SemaphoreOidc -Repository $RepositoryName -Path $InstallDir -TrustRepository -ErrorAction Stop
    }

    It 'lands in a folder named for the module and its version, as PowerShell''s module discovery expects' {
        Join-Path $InstallDir "SemaphoreOidc/$Version/SemaphoreOidc.psd1" | Should -Exist
    }

    It 'imports by name in a fresh pwsh and converts literal credentials' {
        $result = Invoke-FreshPwsh @'
$ErrorActionPreference = 'Stop'
Import-Module SemaphoreOidc
$m = Get-Module SemaphoreOidc
"BASE=$($m.ModuleBase)"
[pscustomobject]@{ AccessKeyId = 'ASIAPACKAGETEST'; SecretAccessKey = 's3cr3t'; SessionToken = 'tok'; Region = 'eu-west-1' } | ConvertTo-AwsEnv -Format Dotenv
'@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match ([regex]::Escape("BASE=$(Join-Path $InstallDir "SemaphoreOidc/$Version")"))
        $result.Text | Should -Match 'AWS_ACCESS_KEY_ID=.?ASIAPACKAGETEST'
        $result.Text | Should -Match 'AWS_REGION=.?eu-west-1'
    }

    It 'decodes a literal token and finds its help' {
        $token = New-TestToken @{ organization = 'package-org' }
        $result = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
(Get-SemaphoreOidcToken -Token '$token').Organization
(Get-Help Get-SemaphoreOidcToken).Synopsis
"@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match 'package-org'
        $result.Text | Should -Match 'Decodes \(and with -Verify, verifies\)'
    }
}
