# Dot-sourced by every *.Tests.ps1: imports the BUILT module (never src/) and talks to the emulator that
# build.ps1 started for this run (its endpoints arrive in SEMAPHOREOIDC_EMULATOR).

$ErrorActionPreference = 'Stop'
if (-not $env:SEMAPHOREOIDC_MODULE) { throw 'Run the tests through ./build.ps1 -Task Test (SEMAPHOREOIDC_MODULE is not set).' }
Import-Module $env:SEMAPHOREOIDC_MODULE -Force

# The emulator build.ps1 started for this run; the admin-API functions come from EmulatorHelpers.psm1.
Import-Module (Join-Path $PSScriptRoot 'EmulatorHelpers.psm1') -Force
$script:Emulator = $env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json
$null = Connect-TestEmulator -Json $env:SEMAPHOREOIDC_EMULATOR
$script:AccountId = $Emulator.accountId

# A real RS256 token from the emulator's issuer; -Request takes TokenRequest fields (camelCase).
function New-TestToken([hashtable] $Request = @{}) { New-EmulatorToken -Request $Request }

function Register-TestProvider([string] $Organization = 'my-org', [string[]] $ClientIds) {
    Register-EmulatorProvider -IssuerUrl "https://$Organization.semaphoreci.com" -ClientIds $ClientIds
}

# A role whose trust policy admits the given sub pattern of the organisation (StringLike for wildcards).
function Register-TestRole([string] $RoleName, [string] $Organization = 'my-org', [string] $Subject = 'org:my-org:*', [int] $MaxSessionDuration = 3600, [string] $TrustPolicy) {
    if ($TrustPolicy) { Register-EmulatorRole -RoleName $RoleName -TrustPolicy $TrustPolicy -MaxSessionDuration $MaxSessionDuration }
    else { Register-EmulatorRole -RoleName $RoleName -Organization $Organization -Subject $Subject -MaxSessionDuration $MaxSessionDuration }
}

function Add-TestFault([hashtable] $Rule) { Invoke-EmulatorAdmin POST '/admin/faults' $Rule | Out-Null }

function Get-TestRequests([string] $Action) {
    @(Get-EmulatorRequests | Where-Object { -not $Action -or $_.action -eq $Action })
}

function Reset-TestEmulator { Reset-Emulator }

# Every stream of a block, and every rendering of what it outputs, as one string to search for secrets: each
# object and error through Out-String, Format-Table, Format-List, Format-Wide, Format-Custom, "$obj" and ToString();
# errors also through their exception chain, target, category and details; and a transcript of the host, where
# -WhatIf and confirmation text go and where the default rendering of everything is written last. What the block
# wrote stays in $script:LastOutput, so a test can also look for secrets the block itself produced.
function Get-AllOutputText([scriptblock] $Block) {
    $VerbosePreference = 'Continue'
    $DebugPreference = 'Continue'
    $InformationPreference = 'Continue'
    $WarningPreference = 'Continue'
    $transcript = Join-Path ([IO.Path]::GetTempPath()) "transcript-$([guid]::NewGuid()).txt"
    Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
    try {
        $captured = try { & $Block *>&1 } catch { $_ }
        $script:LastOutput = @($captured)
        # The host's own rendering, as an interactive session or a CI log would show it.
        $captured | Out-Host
    }
    finally { Stop-Transcript | Out-Null }
    $text = [System.Text.StringBuilder]::new()
    [void]$text.AppendLine((Get-Content $transcript -Raw))
    Remove-Item $transcript -ErrorAction Ignore
    foreach ($item in @($captured)) {
        if ($null -eq $item) { continue }
        [void]$text.AppendLine(($item | Out-String -Width 400))
        foreach ($shape in 'Format-Table', 'Format-List', 'Format-Wide', 'Format-Custom') {
            [void]$text.AppendLine(($item | & $shape | Out-String -Width 400))
        }
        [void]$text.AppendLine("$item")
        [void]$text.AppendLine($item.ToString())
        if ($item -is [System.Management.Automation.ErrorRecord]) {
            [void]$text.AppendLine($item.Exception.ToString())
            [void]$text.AppendLine(($item.Exception | Format-List * -Force | Out-String -Width 400))
            [void]$text.AppendLine([string]$item.TargetObject)
            [void]$text.AppendLine($item.CategoryInfo.ToString())
            [void]$text.AppendLine($item.FullyQualifiedErrorId)
            [void]$text.AppendLine([string]$item.ErrorDetails)
        }
    }
    $text.ToString()
}
