# Runs every *.Tests.ps1 here against the built module, in this fresh process, and writes the counts
# for build.ps1 to add to xunit's.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Developers' shortcut (build.ps1 -PesterFile): only the *.Tests.ps1 whose names match.
    [string] $FileFilter = '*'
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:SEMAPHOREOIDC_MODULE = Join-Path $ModuleDirectory 'SemaphoreOidc.psd1'

# A home of its own: the tests must never read or write the developer's ~/.aws, and the aws CLI must not
# answer from its ~/.aws/cli/cache with credentials an earlier emulator issued.
$env:HOME = Join-Path ([IO.Path]::GetTempPath()) "semaphoreoidc-pester-home-$PID"
New-Item -ItemType Directory -Force $env:HOME | Out-Null
# .NET answers "" for a per-user folder that does not exist yet, and PSResourceGet and NuGet then write their
# settings relative to the current directory (the repository). Give them the folders they expect.
foreach ($folder in '.local/share', '.config') { New-Item -ItemType Directory -Force (Join-Path $env:HOME $folder) | Out-Null }

$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -Like $FileFilter | ForEach-Object FullName)
if ($config.Run.Path.Value.Count -eq 0) { throw "No Pester file matches '$FileFilter'." }
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [System.IO.Path]::ChangeExtension($ResultPath, '.xml')
$result = Invoke-Pester -Configuration $config

# A failure in BeforeAll or a file that does not parse fails its container, not a test: count those too.
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content $ResultPath
