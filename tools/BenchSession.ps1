# One bench session (a fresh process): first exchange, warm exchanges, then the raw STS round trip of the
# same request over its own HttpClient. Prints one JSON line of milliseconds.
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $RoleArn,
    [int] $WarmRuns = 10
)
$ErrorActionPreference = 'Stop'
$emulator = $env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json
$watch = [System.Diagnostics.Stopwatch]::new()

# PowerShell's module system costs the same for any first Import-Module in a process (JIT of its own code):
# import an empty module first so the figure below is this module's own cost.
$empty = Join-Path ([IO.Path]::GetTempPath()) "bench-empty-$PID"
New-Item -ItemType Directory -Force $empty | Out-Null
Set-Content (Join-Path $empty 'BenchEmpty.psd1') "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @() }"
$watch.Restart()
Import-Module (Join-Path $empty 'BenchEmpty.psd1')
$floor = $watch.Elapsed.TotalMilliseconds
Remove-Item $empty -Recurse -Force

$watch.Restart()
Import-Module (Join-Path $ModuleDirectory 'SemaphoreOidc.psd1')
$import = $watch.Elapsed.TotalMilliseconds

$watch.Restart()
$null = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region us-east-1 -SessionName bench
$first = $watch.Elapsed.TotalMilliseconds

$warmMs = foreach ($i in 1..$WarmRuns) {
    $watch.Restart()
    $null = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region us-east-1 -SessionName bench
    $watch.Elapsed.TotalMilliseconds
}

# The same request by hand: same proxy, same trust, same body; no SDK, no module.
$root = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($emulator.caBundlePath)
$handler = [System.Net.Http.HttpClientHandler]::new()
$handler.Proxy = [System.Net.WebProxy]::new([string]$emulator.proxy)
$handler.UseProxy = $true
# The trust callback runs on a pool thread without a runspace, so it cannot be a script block.
Add-Type -TypeDefinition @'
using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
public static class BenchTrust
{
    public static Func<HttpRequestMessage, X509Certificate2, X509Chain, SslPolicyErrors, bool> Root(X509Certificate2 root) =>
        (request, certificate, presented, errors) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && chain.Build(certificate);
        };
}
'@
$handler.ServerCertificateCustomValidationCallback = [BenchTrust]::Root($root)
$client = [System.Net.Http.HttpClient]::new($handler)
$body = 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=' + [Uri]::EscapeDataString($RoleArn) +
    '&RoleSessionName=bench&WebIdentityToken=' + [Uri]::EscapeDataString($env:SEMAPHORE_OIDC_TOKEN)
function Send-Raw {
    $content = [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/x-www-form-urlencoded')
    $response = $client.PostAsync('https://sts.us-east-1.amazonaws.com/', $content).GetAwaiter().GetResult()
    $null = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    if (-not $response.IsSuccessStatusCode) { throw "raw STS call failed: $($response.StatusCode)" }
}
$watch.Restart()
Send-Raw
$rawFirst = $watch.Elapsed.TotalMilliseconds
$rawMs = foreach ($i in 1..$WarmRuns) {
    $watch.Restart()
    Send-Raw
    $watch.Elapsed.TotalMilliseconds
}

[pscustomobject]@{ ImportFloor = $floor; Import = $import; First = $first; Warm = @($warmMs); RawFirst = $rawFirst; Raw = @($rawMs) } | ConvertTo-Json -Compress
