# Trust-policy evaluation speed: subjects against a 20-statement policy through PolicyEvaluator.Evaluate, the one
# decision path Test-SemaphoreTrustPolicy (and everything else) uses, called from a PowerShell loop as a script
# would; and the cmdlet itself for a smaller batch. Target (issue 3): 100,000 decisions in under 0.5 s.
# Usage: ./tools/BenchPolicy.ps1 -ModuleDirectory out/SemaphoreOidc
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [int] $Subjects = 100000,
    [int] $Statements = 20,
    [int] $Runs = 5,
    [int] $CmdletSubjects = 1000
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

function Measure-Evaluate {
    $allowed = 0
    foreach ($context in $contexts) { if ($evaluator.Evaluate($context).Decision -eq 'Allowed') { $allowed++ } }
    $allowed
}
$null = Measure-Evaluate   # warm-up: JIT and first-call costs are not the steady state
$times = foreach ($run in 1..$Runs) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $allowed = Measure-Evaluate
    $watch.Stop()
    $watch.Elapsed.TotalMilliseconds
}
$median = Get-Median $times

# The cmdlet, once per subject, as `Test-SemaphoreTrustPolicy -Policy $p -Subject $s` in a loop.
$few = $list | Select-Object -First $CmdletSubjects
$null = Test-SemaphoreTrustPolicy -Policy $policy -Subject $few[0]
$cmdletTimes = foreach ($run in 1..$Runs) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    foreach ($subject in $few) { $null = Test-SemaphoreTrustPolicy -Policy $policy -Subject $subject }
    $watch.Stop()
    $watch.Elapsed.TotalMilliseconds
}

[pscustomobject]@{
    Figure   = "PolicyEvaluator.Evaluate: $Subjects subjects x $Statements statements (PowerShell loop, in-process)"
    MedianMs = [math]::Round($median, 1)
    Runs     = ($times | ForEach-Object { [math]::Round($_, 1) }) -join ', '
    Allowed  = $allowed
    Size     = $policy.Size
    Target   = '< 500 ms'
    Met      = $median -lt 500
} | Format-List
[pscustomobject]@{
    Figure   = "Test-SemaphoreTrustPolicy -Policy -Subject: $($few.Count) calls x $Statements statements"
    MedianMs = [math]::Round((Get-Median $cmdletTimes), 1)
    PerCallMs = [math]::Round((Get-Median $cmdletTimes) / $few.Count, 3)
} | Format-List
