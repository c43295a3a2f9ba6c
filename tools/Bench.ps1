# build.ps1 -Task Bench: medians over several runs against the emulator, every figure beside the raw STS round
# trip and Semaphore's documented recipe (aws sts assume-role-with-web-identity + jq x3) measured in the same run.
# Cold figures are taken twice: on the IL-only pwsh of the `PowerShell` dotnet tool, and on a ReadyToRun copy of it
# (tools/PrecompiledPwsh.ps1), which is what users of the official, precompiled pwsh packages see.
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [int] $Runs = 15
)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/EmulatorAdmin.ps1"
. "$PSScriptRoot/BuildHelpers.ps1"
. "$PSScriptRoot/PrecompiledPwsh.ps1"

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-Process([string[]] $Command) {
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

function Round([double] $Value) { [math]::Round($Value, 1) }

$emulator = $env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json
$issuer = 'https://bench-org.semaphoreci.com'
$provider = (Invoke-EmulatorAdmin POST '/admin/providers' @{ issuerUrl = $issuer }).arn
$policy = (Invoke-EmulatorAdmin POST '/admin/trust-policy' @{ org = 'bench-org'; subject = 'org:bench-org:*' }).policy
$roleArn = (Invoke-EmulatorAdmin POST '/admin/roles' @{ roleName = 'bench'; trustPolicy = $policy }).arn
$env:SEMAPHORE_OIDC_TOKEN = (Invoke-EmulatorAdmin POST '/admin/tokens' @{ organization = 'bench-org' }).token
$env:AWS_REGION = 'us-east-1'
$manifest = Join-Path $ModuleDirectory 'SemaphoreOidc.psd1'
# STS over plain HTTP: the emulator's loopback listener (no TLS, no proxy), for both the module and the recipe.
$httpEndpoint = ([string]$emulator.admin).TrimEnd('/')

$kinds = [ordered]@{
    'IL' = Get-PwshCommand
    'R2R' = @('dotnet', (Get-PrecompiledPwsh -OutDirectory (Join-Path $PSScriptRoot '../out')))
}
Write-Host "Bench: $Runs runs per figure, medians in ms (provider $provider)"

# In-process figures (a fresh process per run): import, first and warm exchange, raw round trip.
$sessions = @{}
foreach ($kind in $kinds.Keys) {
    $sessions[$kind] = foreach ($i in 1..$Runs) {
        (Measure-Process ($kinds[$kind] + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'BenchSession.ps1'), '-ModuleDirectory', $ModuleDirectory, '-RoleArn', $roleArn))).Output | ConvertFrom-Json
    }
}

# Whole-process figures, interleaved per run so that drift on this shared machine hits every variant alike.
$step = "Import-Module '$manifest'; Invoke-SemaphoreAssumeRole -RoleArn '$roleArn' -SessionName semaphore-job-bench{0} | ConvertTo-AwsEnv -Format Bash"
$recipe = 'CREDENTIALS=$(aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name "semaphore-job-bench" --web-identity-token "$SEMAPHORE_OIDC_TOKEN" --region us-east-1{0}); ' +
    'export AWS_ACCESS_KEY_ID=$(echo $CREDENTIALS | jq -r ''.Credentials.AccessKeyId''); ' +
    'export AWS_SESSION_TOKEN=$(echo $CREDENTIALS | jq -r ''.Credentials.SessionToken''); ' +
    'export AWS_SECRET_ACCESS_KEY=$(echo $CREDENTIALS | jq -r ''.Credentials.SecretAccessKey''); test -n "$AWS_SECRET_ACCESS_KEY"'
$haveRecipe = [bool]((Get-Command aws -ErrorAction Ignore) -and (Get-Command jq -ErrorAction Ignore))
$env:ROLE_ARN = $roleArn
$samples = @{}
function Add-Sample([string] $Name, [double] $Ms) {
    if (-not $samples.ContainsKey($Name)) { $samples[$Name] = [System.Collections.Generic.List[double]]::new() }
    $samples[$Name].Add($Ms)
}
foreach ($i in 1..$Runs) {
    if ($haveRecipe) {
        Add-Sample 'recipe.https' (Measure-Process @('bash', '-c', ($recipe -f ''))).Ms
        Add-Sample 'recipe.http' (Measure-Process @('bash', '-c', ($recipe -f " --endpoint-url $httpEndpoint"))).Ms
    }
    foreach ($kind in $kinds.Keys) {
        $pwsh = $kinds[$kind] + @('-NoProfile', '-NonInteractive', '-Command')
        Add-Sample "$kind.bare" (Measure-Process ($pwsh + 'exit')).Ms
        Add-Sample "$kind.import" ([double](Measure-Process ($pwsh + "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$manifest'; `$w.Elapsed.TotalMilliseconds")).Output.Trim())
        Add-Sample "$kind.https" (Measure-Process ($pwsh + ($step -f ''))).Ms
        Add-Sample "$kind.http" (Measure-Process ($pwsh + ($step -f " -EndpointUrl $httpEndpoint"))).Ms
    }
}
function Median([string] $Name) { if ($samples.ContainsKey($Name)) { Get-Median $samples[$Name] } else { [double]::NaN } }
# Ratios as the median of per-run pairs, which cancels drift better than a ratio of medians.
function PairRatio([string] $A, [string] $B) {
    if (-not ($samples.ContainsKey($A) -and $samples.ContainsKey($B))) { return [double]::NaN }
    Get-Median (0..($samples[$A].Count - 1) | ForEach-Object { $samples[$A][$_] / $samples[$B][$_] })
}

$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row([string] $Figure, $IL, $R2R, [string] $Target = '') {
    $rows.Add([pscustomobject]@{ Figure = $Figure; 'IL pwsh' = $IL; 'precompiled pwsh' = $R2R; Target = $Target })
}
$s = @{}
foreach ($kind in $kinds.Keys) {
    $x = $sessions[$kind]
    $s[$kind] = @{
        Floor = Get-Median $x.ImportFloor; Import = Get-Median $x.Import; First = Get-Median $x.First
        Warm = Get-Median ($x | ForEach-Object { $_.Warm }); RawFirst = Get-Median $x.RawFirst; Raw = Get-Median ($x | ForEach-Object { $_.Raw })
    }
}
Add-Row 'module import after an empty module (our own cost)' (Round $s.IL.Import) (Round $s.R2R.Import) '<= 30 ms, precompiled'
Add-Row 'empty module import, first in a cold pwsh (the floor)' (Round $s.IL.Floor) (Round $s.R2R.Floor)
Add-Row 'module import, first in a cold pwsh' (Round (Median 'IL.import')) (Round (Median 'R2R.import'))
Add-Row 'raw STS round trip over HTTPS, warm / new connection' "$(Round $s.IL.Raw) / $(Round $s.IL.RawFirst)" "$(Round $s.R2R.Raw) / $(Round $s.R2R.RawFirst)"
Add-Row 'first exchange in a session (HTTPS)' (Round $s.IL.First) (Round $s.R2R.First) 'raw new connection + 100'
Add-Row 'warm exchange (HTTPS), ratio to the raw warm round trip' "$(Round $s.IL.Warm) ($([math]::Round($s.IL.Warm / $s.IL.Raw, 2)) x)" "$(Round $s.R2R.Warm) ($([math]::Round($s.R2R.Warm / $s.R2R.Raw, 2)) x)" '<= 1.2 x raw'
Add-Row 'bare pwsh -NoProfile -c exit' (Round (Median 'IL.bare')) (Round (Median 'R2R.bare'))
foreach ($transport in 'https', 'http') {
    $T = $transport.ToUpperInvariant()
    Add-Row "cold job step over $T (pwsh -c Import; Invoke | ConvertTo-AwsEnv -Format Bash)" (Round (Median "IL.$transport")) (Round (Median "R2R.$transport"))
    Add-Row "  module's share over $T (job step - bare pwsh)" (Round ((Median "IL.$transport") - (Median 'IL.bare'))) (Round ((Median "R2R.$transport") - (Median 'R2R.bare'))) $(if ($transport -eq 'https') { '<= 150 ms, precompiled' })
    if ($haveRecipe) {
        Add-Row "  seed recipe over $T (aws sts ... + jq x3), same run" (Round (Median "recipe.$transport")) (Round (Median "recipe.$transport"))
        Add-Row "  job step / seed recipe over $T (median of pairs)" ([math]::Round((PairRatio "IL.$transport" "recipe.$transport"), 2)) ([math]::Round((PairRatio "R2R.$transport" "recipe.$transport"), 2)) $(if ($transport -eq 'https') { '<= 0.6, precompiled' })
    }
}
if (-not $haveRecipe) { Write-Host '(aws CLI or jq not installed: the seed recipe figures are missing)' }

$rows | Format-Table -AutoSize | Out-String -Width 220 | Write-Host

# Trust-policy evaluation (issue 3): offline, in a process of its own.
$policyBench = Measure-Process ($kinds['IL'] + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'BenchPolicy.ps1'), '-ModuleDirectory', $ModuleDirectory))
Write-Host $policyBench.Output
