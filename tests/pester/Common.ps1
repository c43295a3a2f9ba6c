# Dot-sourced by every *.Tests.ps1: imports the BUILT module (never src/) and talks to the emulator that
# build.ps1 started for this run (its endpoints arrive in SEMAPHOREOIDC_EMULATOR).

$ErrorActionPreference = 'Stop'
if (-not $env:SEMAPHOREOIDC_MODULE) { throw 'Run the tests through ./build.ps1 -Task Test (SEMAPHOREOIDC_MODULE is not set).' }
Import-Module $env:SEMAPHOREOIDC_MODULE -Force

# The emulator build.ps1 started for this run, driven through its control module (New-TestToken, Register-TestRole,
# Add-TestFault, Get-TestRequests, Reset-TestEmulator, ...: tests/SemaphoreOidc.Emulator/EmulatorControl.psm1).
Import-Module (Join-Path $PSScriptRoot '../SemaphoreOidc.Emulator/EmulatorControl.psm1') -Force
$script:Emulator = Connect-TestEmulator -Json $env:SEMAPHOREOIDC_EMULATOR
$script:AccountId = $Emulator.AccountId

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
