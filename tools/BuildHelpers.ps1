# Helpers for build.ps1: native calls that fail loudly, the version source, test-result counting, and the
# emulator process that Pester, the demo and the bench run against.

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "==> $Text" -ForegroundColor Cyan
}

function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "'$command $($arguments -join ' ')' failed with exit code $LASTEXITCODE" }
}

function Get-ModuleVersion([string] $Root) {
    $props = [xml](Get-Content (Join-Path $Root 'Directory.Build.props') -Raw)
    [string]($props.Project.PropertyGroup | Where-Object { $_['VersionPrefix'] } | Select-Object -First 1).VersionPrefix
}

# PowerShell's own executable for child processes: the dotnet tool is a framework-dependent pwsh.dll.
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $dll) { return @('dotnet', $dll) }
    return @((Get-Process -Id $PID).Path)
}

function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    $trx = [xml](Get-Content $Path -Raw)
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.notExecuted
    }
}

# Directory.Packages.props is the one place package versions live, Pester's included (it is not a NuGet reference
# of any project, so build.ps1 and tools/Tools.proj read it from there).
function Get-PackageVersion([string] $Root, [string] $Package) {
    $props = [xml](Get-Content (Join-Path $Root 'Directory.Packages.props') -Raw)
    $entry = $props.Project.ItemGroup.PackageVersion | Where-Object { $_.Include -eq $Package } | Select-Object -First 1
    if (-not $entry) { throw "Directory.Packages.props has no PackageVersion for $Package." }
    [string]$entry.Version
}

function Get-PesterModulePath([string] $Version) {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $psd1 = Join-Path $packages "pester/$Version/tools/Pester.psd1"
    if (-not (Test-Path $psd1)) {
        # Pester ships as a NuGet package; a PackageDownload project brings it into the NuGet cache.
        Invoke-Native dotnet restore (Join-Path $PSScriptRoot 'Tools.proj') --nologo -v quiet "-p:PesterVersion=$Version"
    }
    if (-not (Test-Path $psd1)) { throw "Pester $Version not found at $psd1 after restore." }
    $psd1
}

# Runs a script in a fresh pwsh whose environment points every AWS and HTTPS client at the emulator:
# HTTPS_PROXY tunnels the real host names (sts.<region>.amazonaws.com, <org>.semaphoreci.com) to it and
# AWS_CA_BUNDLE makes its test CA trusted, exactly as a TLS-inspecting corporate proxy would be set up.
function Invoke-WithEmulator([string] $EmulatorDirectory, [string] $ScriptPath, [string[]] $Arguments) {
    Import-Module (Join-Path $PSScriptRoot '../tests/SemaphoreOidc.Emulator/EmulatorControl.psm1') -Force
    $emulator = Start-TestEmulator -DllPath (Join-Path $EmulatorDirectory 'SemaphoreOidc.Emulator.dll')
    try {
        $pwsh = Get-PwshCommand
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $ScriptPath) + $Arguments) { $psi.ArgumentList.Add([string]$a) }
        $psi.UseShellExecute = $false
        $psi.Environment['HTTPS_PROXY'] = [string]$emulator.proxy
        $psi.Environment['NO_PROXY'] = '127.0.0.1,localhost'
        $psi.Environment['AWS_CA_BUNDLE'] = [string]$emulator.caBundlePath
        $psi.Environment['SEMAPHOREOIDC_EMULATOR'] = [string]$emulator.Json
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'SEMAPHORE_OIDC_TOKEN') {
            $psi.Environment.Remove($name) | Out-Null
        }
        $child = [System.Diagnostics.Process]::Start($psi)
        $child.WaitForExit()
        $child.ExitCode
    }
    finally {
        Stop-TestEmulator $emulator
    }
}

function Invoke-PesterRun([string] $ModuleDirectory, [string] $EmulatorDirectory, [string] $ResultsDirectory, [string] $TestsDirectory, [string] $PesterVersion, [string] $FileFilter = '*') {
    $pester = Get-PesterModulePath $PesterVersion
    $resultPath = Join-Path $ResultsDirectory 'pester.json'
    $exit = Invoke-WithEmulator -EmulatorDirectory $EmulatorDirectory -ScriptPath (Join-Path $TestsDirectory 'Run-Pester.ps1') `
        -Arguments @('-PesterPath', $pester, '-ModuleDirectory', $ModuleDirectory, '-ResultPath', $resultPath, '-FileFilter', $FileFilter)
    if (-not (Test-Path $resultPath)) {
        Write-Warning "Pester wrote no results (exit code $exit)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Get-Content $resultPath -Raw | ConvertFrom-Json
}
