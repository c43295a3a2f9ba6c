# build.ps1 -Task Bench: medians over several runs against the emulator. Targets (issue 2): import
# <= 50 ms; first exchange <= raw round trip + 100 ms; warm exchange <= 1.2 x raw round trip.
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [int] $Runs = 15
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/EmulatorAdmin.ps1"
. "$PSScriptRoot/BuildHelpers.ps1"

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-Process([string[]] $Command, [string] $Stdin) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($Command[0])
    foreach ($a in $Command | Select-Object -Skip 1) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $p = [System.Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync()
    $err = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    $watch.Stop()
    if ($p.ExitCode -ne 0) { throw "'$($Command -join ' ')' failed ($($p.ExitCode)): $($err.Result)" }
    [pscustomobject]@{ Ms = $watch.Elapsed.TotalMilliseconds; Output = $out.Result }
}

$issuer = 'https://bench-org.semaphoreci.com'
$provider = (Invoke-EmulatorAdmin POST '/admin/providers' @{ issuerUrl = $issuer }).arn
$policy = (Invoke-EmulatorAdmin POST '/admin/trust-policy' @{ org = 'bench-org'; subject = 'org:bench-org:*' }).policy
$roleArn = (Invoke-EmulatorAdmin POST '/admin/roles' @{ roleName = 'bench'; trustPolicy = $policy }).arn
$env:SEMAPHORE_OIDC_TOKEN = (Invoke-EmulatorAdmin POST '/admin/tokens' @{ organization = 'bench-org' }).token
$env:AWS_REGION = 'us-east-1'
$pwsh = Get-PwshCommand
$manifest = Join-Path $ModuleDirectory 'SemaphoreOidc.psd1'

Write-Host "Bench: $Runs runs per figure, medians in ms (provider $provider)"

$sessions = foreach ($i in 1..$Runs) {
    (Measure-Process ($pwsh + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'BenchSession.ps1'), '-ModuleDirectory', $ModuleDirectory, '-RoleArn', $roleArn))).Output | ConvertFrom-Json
}
$import = Get-Median ($sessions.Import)
$floor = Get-Median ($sessions.ImportFloor)
$coldImport = Get-Median (1..$Runs | ForEach-Object {
        [double](Measure-Process ($pwsh + @('-NoProfile', '-NonInteractive', '-Command',
                    "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifest'; `$w.Elapsed.TotalMilliseconds"))).Output.Trim()
    })
$first = Get-Median ($sessions.First)
$warm = Get-Median ($sessions | ForEach-Object { $_.Warm })
$rawFirst = Get-Median ($sessions.RawFirst)
$raw = Get-Median ($sessions | ForEach-Object { $_.Raw })

$rows = [System.Collections.Generic.List[object]]::new()
$rows.Add([pscustomobject]@{ Figure = 'module import (after an empty module: our own cost)'; Ms = [math]::Round($import, 1); Target = '<= 50 ms'; Met = $import -le 50 })
$rows.Add([pscustomobject]@{ Figure = 'empty module import, first in a cold pwsh (the floor)'; Ms = [math]::Round($floor, 1); Target = ''; Met = $null })
$rows.Add([pscustomobject]@{ Figure = 'module import, first in a cold pwsh'; Ms = [math]::Round($coldImport, 1); Target = ''; Met = $null })
$rows.Add([pscustomobject]@{ Figure = 'raw STS round trip, warm connection'; Ms = [math]::Round($raw, 1); Target = ''; Met = $null })
$rows.Add([pscustomobject]@{ Figure = 'raw STS round trip, new connection'; Ms = [math]::Round($rawFirst, 1); Target = ''; Met = $null })
$rows.Add([pscustomobject]@{ Figure = 'first exchange in a session'; Ms = [math]::Round($first, 1); Target = "<= raw + 100 = $([math]::Round($raw + 100, 1))"; Met = $first -le $raw + 100 })
$rows.Add([pscustomobject]@{ Figure = 'warm exchange'; Ms = [math]::Round($warm, 1); Target = "<= 1.2 x raw = $([math]::Round($raw * 1.2, 1)) (ratio $([math]::Round($warm / $raw, 2)))"; Met = $warm -le $raw * 1.2 })

$aws = Get-Command aws -ErrorAction Ignore
$jq = Get-Command jq -ErrorAction Ignore
if ($aws -and $jq) {
    # Semaphore's own recipe (reference page, step 3) against a cold pwsh doing the same job.
    $seed = 'CREDENTIALS=$(aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name "semaphore-job-bench" --web-identity-token "$SEMAPHORE_OIDC_TOKEN" --region us-east-1); ' +
        'export AWS_ACCESS_KEY_ID=$(echo $CREDENTIALS | jq -r ''.Credentials.AccessKeyId''); ' +
        'export AWS_SESSION_TOKEN=$(echo $CREDENTIALS | jq -r ''.Credentials.SessionToken''); ' +
        'export AWS_SECRET_ACCESS_KEY=$(echo $CREDENTIALS | jq -r ''.Credentials.SecretAccessKey''); test -n "$AWS_SECRET_ACCESS_KEY"'
    $env:ROLE_ARN = $roleArn
    $module = "Import-Module '$manifest'; Invoke-SemaphoreAssumeRole -RoleArn '$roleArn' -SessionName semaphore-job-bench | ConvertTo-AwsEnv -Format Bash"
    $seedMs = @(); $moduleMs = @(); $ratios = @()
    foreach ($i in 1..$Runs) {
        $a = (Measure-Process @('bash', '-c', $seed)).Ms
        $b = (Measure-Process ($pwsh + @('-NoProfile', '-NonInteractive', '-Command', $module))).Ms
        $seedMs += $a; $moduleMs += $b; $ratios += $b / $a
    }
    $rows.Add([pscustomobject]@{ Figure = 'seed recipe: aws sts ... + jq x3 (bash)'; Ms = [math]::Round((Get-Median $seedMs), 1); Target = ''; Met = $null })
    $rows.Add([pscustomobject]@{ Figure = 'cold pwsh -NoProfile: Import-Module; Invoke-SemaphoreAssumeRole | ConvertTo-AwsEnv'; Ms = [math]::Round((Get-Median $moduleMs), 1); Target = "ratio pwsh/seed $([math]::Round((Get-Median $ratios), 2)) (median of pairs)"; Met = $null })
}
else {
    Write-Host '(aws CLI or jq not installed: skipping the seed recipe comparison)'
}

$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

# Trust-policy evaluation (issue 3): offline, in a process of its own.
$policyBench = Measure-Process ($pwsh + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'BenchPolicy.ps1'), '-ModuleDirectory', $ModuleDirectory))
Write-Host $policyBench.Output
