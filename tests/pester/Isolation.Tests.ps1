# The module's AWSSDK.Core (4.x) must coexist with another module's AWSSDK.Core 3.7 (AWS Tools for PowerShell
# ships 3.7 under the same assembly name; aws/aws-sdk-net#968) in one PowerShell 7 process, in either load order.
# Each order runs in a fresh pwsh: an assembly, once loaded, never leaves a process.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:OldSdkVersion = '3.7.402'

    # The run's NuGet cache is the one Pester itself came from (Run-Pester gives the tests a temporary HOME, so
    # the default ~/.nuget would be an empty one). PackageDownload brings the package there without a build.
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { (Get-Module Pester).ModuleBase | Split-Path | Split-Path | Split-Path }
    $script:OldSdkPath = Join-Path $packages "awssdk.core/$OldSdkVersion/lib/netstandard2.0/AWSSDK.Core.dll"
    if (-not (Test-Path $OldSdkPath)) {
        $project = Join-Path ([IO.Path]::GetTempPath()) "semaphoreoidc-oldsdk-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory $project | Out-Null
        Set-Content (Join-Path $project 'OldSdk.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="AWSSDK.Core" Version="[$OldSdkVersion]" /></ItemGroup>
</Project>
"@
        # HTTPS_PROXY points at the emulator, which tunnels only AWS and Semaphore hosts: NuGet must go direct.
        $proxy = $env:HTTPS_PROXY
        try {
            Remove-Item Env:HTTPS_PROXY -ErrorAction Ignore
            & dotnet restore $project --nologo -v quiet --packages $packages | Out-Host
        }
        finally {
            $env:HTTPS_PROXY = $proxy
            Remove-Item $project -Recurse -Force -ErrorAction Ignore
        }
    }
    if (-not (Test-Path $OldSdkPath)) { throw "AWSSDK.Core $OldSdkVersion not found at $OldSdkPath after restore." }

    Register-TestProvider -Organization 'isolation-org' | Out-Null
    $script:RoleArn = Register-TestRole -RoleName "isolation-$([guid]::NewGuid().ToString('N').Substring(0, 8))" -Organization 'isolation-org' -Subject 'org:isolation-org:*'

    # Runs a script in a fresh pwsh (which inherits HTTPS_PROXY, AWS_CA_BUNDLE and SEMAPHOREOIDC_EMULATOR) and
    # returns the JSON it prints last.
    function Invoke-Isolated([string] $Script, [string] $Module = $env:SEMAPHOREOIDC_MODULE) {
        $file = Join-Path ([IO.Path]::GetTempPath()) "isolation-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content $file $Script
        try {
            $env:ISOLATION_MODULE = $Module
            $env:ISOLATION_OLD_SDK = $OldSdkPath
            $env:ISOLATION_ROLE_ARN = $RoleArn
            $env:ISOLATION_TOKEN = New-TestToken @{ organization = 'isolation-org' }
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $file 2>&1
            if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed ($LASTEXITCODE):`n$($output | Out-String)" }
            ($output | Select-Object -Last 1) | ConvertFrom-Json
        }
        finally {
            Remove-Item $file -ErrorAction Ignore
            Remove-Item Env:ISOLATION_MODULE, Env:ISOLATION_OLD_SDK, Env:ISOLATION_ROLE_ARN, Env:ISOLATION_TOKEN -ErrorAction Ignore
        }
    }

    # What the child prints: every AWSSDK.Core it holds, with its load context, and the exchange's key id.
    $script:Report = @'
function Get-SdkReport($Exchange, $Extra) {
    $sdks = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object {
        [pscustomobject]@{
            # Both SDK lines keep one assembly version for years; the file version tells them apart.
            Version     = [Diagnostics.FileVersionInfo]::GetVersionInfo($_.Location).FileVersion
            Location    = $_.Location
            # The module's context has no name; its type says whose it is.
            LoadContext = $(if ($alc = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_)) { if ($alc.Name) { $alc.Name } else { $alc.GetType().Name } })
        }
    }
    [pscustomobject]@{ Sdks = @($sdks); AccessKeyId = $Exchange.AccessKeyId; Extra = $Extra } | ConvertTo-Json -Depth 4 -Compress
}
'@
}

Describe 'Dependency isolation on PowerShell 7' {
    It 'AWSSDK.Core 3.7 loaded first: the module still imports and exchanges, each SDK in its own load context' {
        $result = Invoke-Isolated ($Report + @'
$ErrorActionPreference = 'Stop'
Add-Type -Path $env:ISOLATION_OLD_SDK
Import-Module $env:ISOLATION_MODULE
$c = Invoke-SemaphoreAssumeRole -RoleArn $env:ISOLATION_ROLE_ARN -Token $env:ISOLATION_TOKEN -Region us-east-1
Get-SdkReport $c ([Amazon.RegionEndpoint]::EUWest1.SystemName)
'@)
        $result.AccessKeyId | Should -Match '^ASIA'
        $old = @($result.Sdks | Where-Object Location -eq $OldSdkPath)
        $ours = @($result.Sdks | Where-Object Location -ne $OldSdkPath)
        $old.Count | Should -Be 1
        $ours.Count | Should -Be 1
        $old[0].Version | Should -BeLike '3.7.*'
        $ours[0].Version | Should -BeLike '4.*'
        $ours[0].Location | Should -BeLike "*$([IO.Path]::DirectorySeparatorChar)dependencies$([IO.Path]::DirectorySeparatorChar)*AWSSDK.Core.dll"
        $old[0].LoadContext | Should -Be 'Default'
        $ours[0].LoadContext | Should -Be 'EngineLoadContext'
        $result.Extra | Should -Be 'eu-west-1'
    }

    It 'module imported and used first: AWSSDK.Core 3.7 loads afterwards and its types resolve from 3.7' {
        $result = Invoke-Isolated ($Report + @'
$ErrorActionPreference = 'Stop'
Import-Module $env:ISOLATION_MODULE
$c = Invoke-SemaphoreAssumeRole -RoleArn $env:ISOLATION_ROLE_ARN -Token $env:ISOLATION_TOKEN -Region us-east-1
Add-Type -Path $env:ISOLATION_OLD_SDK
$type = [Amazon.RegionEndpoint]
$name = [Amazon.RegionEndpoint]::USEast1.SystemName
# The module keeps working with the other SDK present.
$again = Invoke-SemaphoreAssumeRole -RoleArn $env:ISOLATION_ROLE_ARN -Token $env:ISOLATION_TOKEN -Region us-east-1
Get-SdkReport $again @{ Name = $name; From = $type.Assembly.Location; First = $c.AccessKeyId }
'@)
        $result.Extra.Name | Should -Be 'us-east-1'
        $result.Extra.From | Should -Be $OldSdkPath
        $result.Extra.First | Should -Match '^ASIA'
        $result.AccessKeyId | Should -Match '^ASIA'
        @($result.Sdks).Count | Should -Be 2
        @($result.Sdks | Where-Object Location -eq $OldSdkPath).LoadContext | Should -Be 'Default'
        @($result.Sdks | Where-Object Location -ne $OldSdkPath).LoadContext | Should -Be 'EngineLoadContext'
    }
}

Describe 'Precompiled dependencies (dependencies/linux-x64)' {
    BeforeAll {
        $script:Portable = Join-Path (Split-Path $env:SEMAPHOREOIDC_MODULE) 'dependencies'
        $script:Native = Join-Path $Portable 'linux-x64'
        function script:Test-ReadyToRun([string] $Path) {
            $stream = [IO.File]::OpenRead($Path)
            try { ([System.Reflection.PortableExecutable.PEReader]::new($stream)).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
            finally { $stream.Dispose() }
        }
    }

    It 'holds the engine and the SDK precompiled, each the same assembly as its portable copy' {
        foreach ($name in 'SemaphoreOidc.dll', 'AWSSDK.Core.dll', 'AWSSDK.SecurityToken.dll', 'Microsoft.IdentityModel.Tokens.dll') {
            Join-Path $Native $name | Should -Exist
        }
        foreach ($file in Get-ChildItem $Native -Filter *.dll) {
            # (PowerShell names ignore case: not $portable, which is $Portable.)
            $portableCopy = Join-Path $Portable $file.Name
            $portableCopy | Should -Exist -Because "$($file.Name) must have a portable copy for every other platform"
            Test-ReadyToRun $file.FullName | Should -BeTrue -Because "$($file.Name) is precompiled"
            Test-ReadyToRun $portableCopy | Should -BeFalse -Because "the portable $($file.Name) stays IL only"
            [Reflection.AssemblyName]::GetAssemblyName($file.FullName).FullName | Should -Be ([Reflection.AssemblyName]::GetAssemblyName($portableCopy).FullName)
        }
    }

    # -Skip is read at discovery, before any BeforeAll runs: the condition is written out here.
    It 'are what PowerShell 7 on linux-x64 loads' -Skip:(-not ($IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64')) {
        $result = Invoke-Isolated ($Report + @'
$ErrorActionPreference = 'Stop'
Import-Module $env:ISOLATION_MODULE
$c = Invoke-SemaphoreAssumeRole -RoleArn $env:ISOLATION_ROLE_ARN -Token $env:ISOLATION_TOKEN -Region us-east-1
Get-SdkReport $c ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'SemaphoreOidc' }).Location
'@)
        $result.AccessKeyId | Should -Match '^ASIA'
        $result.Sdks[0].Location | Should -Be (Join-Path $Native 'AWSSDK.Core.dll')
        $result.Extra | Should -Be (Join-Path $Native 'SemaphoreOidc.dll')
    }

    It 'are optional: without them the module loads the portable assemblies and exchanges all the same' {
        $copy = Join-Path ([IO.Path]::GetTempPath()) "semaphoreoidc-portable-$([guid]::NewGuid().ToString('N'))"
        Copy-Item (Split-Path $env:SEMAPHOREOIDC_MODULE) $copy -Recurse
        try {
            Remove-Item (Join-Path $copy 'dependencies/linux-x64') -Recurse -Force
            $result = Invoke-Isolated -Module (Join-Path $copy 'SemaphoreOidc.psd1') -Script ($Report + @'
$ErrorActionPreference = 'Stop'
Import-Module $env:ISOLATION_MODULE
$c = Invoke-SemaphoreAssumeRole -RoleArn $env:ISOLATION_ROLE_ARN -Token $env:ISOLATION_TOKEN -Region us-east-1
Get-SdkReport $c $null
'@)
            $result.AccessKeyId | Should -Match '^ASIA'
            $result.Sdks[0].Location | Should -Be (Join-Path $copy 'dependencies' 'AWSSDK.Core.dll')
        }
        finally { Remove-Item $copy -Recurse -Force -ErrorAction Ignore }
    }
}
