# Dot-sourced by every *.Tests.ps1: imports the BUILT module (never src/) and talks to the emulator that
# build.ps1 started for this run (its endpoints arrive in SEMAPHOREOIDC_EMULATOR).

$ErrorActionPreference = 'Stop'
if (-not $env:SEMAPHOREOIDC_MODULE) { throw 'Run the tests through ./build.ps1 -Task Test (SEMAPHOREOIDC_MODULE is not set).' }
Import-Module $env:SEMAPHOREOIDC_MODULE -Force

$script:Emulator = $env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json
$script:AccountId = $Emulator.accountId

function Invoke-EmulatorAdmin([string] $Method, [string] $Path, $Body) {
    $uri = [Uri]::new([Uri]$Emulator.admin, $Path)
    $params = @{ Method = $Method; Uri = $uri; NoProxy = $true }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}

# A real RS256 token from the emulator's issuer; -Request takes TokenRequest fields (camelCase).
function New-TestToken([hashtable] $Request = @{}) {
    (Invoke-EmulatorAdmin POST '/admin/tokens' $Request).token
}

function Register-TestProvider([string] $Organization = 'my-org', [string[]] $ClientIds) {
    $body = @{ issuerUrl = "https://$Organization.semaphoreci.com" }
    if ($ClientIds) { $body.clientIds = $ClientIds }
    (Invoke-EmulatorAdmin POST '/admin/providers' $body).arn
}

# A role whose trust policy admits the given sub pattern of the organisation (StringLike for wildcards).
function Register-TestRole([string] $RoleName, [string] $Organization = 'my-org', [string] $Subject = 'org:my-org:*', [int] $MaxSessionDuration = 3600, [string] $TrustPolicy) {
    if (-not $TrustPolicy) { $TrustPolicy = (Invoke-EmulatorAdmin POST '/admin/trust-policy' @{ org = $Organization; subject = $Subject }).policy }
    (Invoke-EmulatorAdmin POST '/admin/roles' @{ roleName = $RoleName; trustPolicy = $TrustPolicy; maxSessionDuration = $MaxSessionDuration }).arn
}

function Add-TestFault([hashtable] $Rule) { Invoke-EmulatorAdmin POST '/admin/faults' $Rule | Out-Null }

function Get-TestRequests([string] $Action) {
    # Invoke-RestMethod hands a JSON array back as ONE object: unroll it before filtering, or Where-Object
    # would pass the whole log whenever any entry matched.
    $log = Invoke-EmulatorAdmin GET '/admin/requests'
    @($log | ForEach-Object { $_ } | Where-Object { -not $Action -or $_.action -eq $Action })
}

function Reset-TestEmulator { Invoke-EmulatorAdmin POST '/admin/reset' | Out-Null }

# Every stream, what reaches the host (-WhatIf and confirmation text, through a transcript) and the default
# formatting of what a block outputs, as one string, to search for secrets.
function Get-AllOutputText([scriptblock] $Block) {
    $VerbosePreference = 'Continue'
    $DebugPreference = 'Continue'
    $InformationPreference = 'Continue'
    $WarningPreference = 'Continue'
    $transcript = Join-Path ([IO.Path]::GetTempPath()) "transcript-$([guid]::NewGuid()).txt"
    Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
    try { $captured = try { & $Block *>&1 } catch { $_ } }
    finally { Stop-Transcript | Out-Null }
    $text = [System.Text.StringBuilder]::new()
    [void]$text.AppendLine((Get-Content $transcript -Raw))
    Remove-Item $transcript -ErrorAction Ignore
    foreach ($item in @($captured)) {
        [void]$text.AppendLine(($item | Out-String -Width 400))
        [void]$text.AppendLine(($item | Format-List | Out-String -Width 400))
        [void]$text.AppendLine(($item | Format-Table | Out-String -Width 400))
        [void]$text.AppendLine([string]$item)
        if ($item -is [System.Management.Automation.ErrorRecord]) {
            [void]$text.AppendLine($item.Exception.ToString())
            [void]$text.AppendLine([string]$item.TargetObject)
            [void]$text.AppendLine([string]$item.ErrorDetails)
        }
    }
    $text.ToString()
}
