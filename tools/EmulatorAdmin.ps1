# The emulator's admin API for the demo and the bench (build.ps1 starts the emulator and passes its
# endpoints in SEMAPHOREOIDC_EMULATOR). These stand in for Semaphore minting a job token and, where the
# demo needs it before the IAM commands run, for IAM set-up. One implementation serves tests and tools.
Import-Module (Join-Path $PSScriptRoot '../tests/SemaphoreOidc.Emulator/EmulatorControl.psm1') -Force
$script:Emulator = Connect-TestEmulator -Json $env:SEMAPHOREOIDC_EMULATOR
