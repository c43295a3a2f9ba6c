# Trust-policy evaluation speed: 100,000 subjects against a 20-statement policy, through the engine in this
# process (one engine call per run, so PowerShell's per-call cost is not what is measured). Target: median
# under 0.5 s. Usage: ./tools/BenchPolicy.ps1 -ModuleDirectory out/SemaphoreOidc
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [int] $Subjects = 100000,
    [int] $Statements = 20,
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
$ModuleDirectory = (Resolve-Path $ModuleDirectory).Path

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

# The engine lives in its own load context on PowerShell 7, so its types are not resolvable by name from
# script: take its assembly from an object the module returns (a decoded, unsigned test token).
function Get-EngineAssembly {
    Import-Module (Join-Path $ModuleDirectory 'SemaphoreOidc.psd1') -Force
    $b64 = { param($o) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($o | ConvertTo-Json -Compress))).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $jwt = (& $b64 @{ alg = 'RS256'; typ = 'JWT' }) + '.' + (& $b64 @{ iss = 'https://bench-org.semaphoreci.com'; sub = 'x' }) + '.c2ln'
    (Get-SemaphoreOidcToken -Token $jwt).GetType().Assembly
}

$engine = Get-EngineAssembly
$policyType = $engine.GetType('SemaphoreOidc.Policies.TrustPolicy', $true)
$evaluatorType = $engine.GetType('SemaphoreOidc.Policies.PolicyEvaluator', $true)
$contextType = $engine.GetType('SemaphoreOidc.Policies.RequestContext', $true)

$org = 'bench-org'
$issuer = "https://$org.semaphoreci.com"
$host_ = "$org.semaphoreci.com"
$random = [Random]::new(42)
$projects = 1..$Statements | ForEach-Object { [guid]::new([byte[]](1..16 | ForEach-Object { $random.Next(256) })).ToString() }

# Each statement: aud StringEquals plus three sub patterns for its project (branches, release tags, PRs),
# as New-SemaphoreTrustPolicy writes them.
$statementJson = foreach ($p in $projects) {
    $subs = @(
        "org:$($org):project:$($p):repo:svc-*:ref_type:branch:ref:refs/heads/main"
        "org:$($org):project:$($p):repo:svc-*:ref_type:branch:ref:refs/heads/release/*"
        "org:$($org):project:$($p):repo:svc-*:ref_type:tag:ref:refs/tags/v?.*"
    )
    @{
        Effect    = 'Allow'
        Principal = @{ Federated = "arn:aws:iam::123456789012:oidc-provider/$host_" }
        Action    = 'sts:AssumeRoleWithWebIdentity'
        Condition = @{ StringEquals = @{ "$($host_):aud" = $issuer }; StringLike = @{ "$($host_):sub" = $subs } }
    } | ConvertTo-Json -Depth 6 -Compress
}
$json = '{"Version":"2012-10-17","Statement":[' + ($statementJson -join ',') + ']}'
$policy = $policyType::Parse($json)
$evaluator = [Activator]::CreateInstance($evaluatorType, @($policy))

# Subjects: a mix of admitted jobs and near misses across all projects (most requests walk every statement).
$refs = 'refs/heads/main', 'refs/heads/release/1.4', 'refs/heads/feature/x', 'refs/tags/v1.2', 'refs/heads/main-evil', 'refs/tags/v10.0'
$list = [System.Collections.Generic.List[string]]::new($Subjects)
for ($i = 0; $i -lt $Subjects; $i++) {
    $p = $projects[$i % $projects.Count]
    $type = if ($refs[$i % $refs.Count] -like 'refs/tags/*') { 'tag' } else { 'branch' }
    $list.Add("org:$($org):project:$($p):repo:svc-$($i % 7):ref_type:$($type):ref:$($refs[$i % $refs.Count])")
}
$contexts = $contextType::ForSubjects($issuer, $list)

$evaluator.EvaluateMany($contexts) | Out-Null   # warm-up: JIT and first-call costs are not the steady state
$times = foreach ($run in 1..$Runs) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $decisions = $evaluator.EvaluateMany($contexts)
    $watch.Stop()
    $watch.Elapsed.TotalMilliseconds
}
$allowed = @($decisions | Where-Object { "$_" -eq 'Allowed' }).Count
$median = Get-Median $times

[pscustomobject]@{
    Figure   = "evaluate $Subjects subjects x $Statements statements (engine, in-process)"
    MedianMs = [math]::Round($median, 1)
    Runs     = ($times | ForEach-Object { [math]::Round($_, 1) }) -join ', '
    Allowed  = $allowed
    Size     = $policy.Size
    Target   = '< 500 ms'
    Met      = $median -lt 500
} | Format-List
