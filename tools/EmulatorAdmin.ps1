# The emulator's admin API for the demo and the bench (build.ps1 starts the emulator and passes its
# endpoints in SEMAPHOREOIDC_EMULATOR). These stand in for Semaphore minting a job token and for the
# IAM set-up that New-SemaphoreOidcProvider / Set-SemaphoreRoleTrust will do.
$script:Emulator = $env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json

function Invoke-EmulatorAdmin([string] $Method, [string] $Path, $Body) {
    $params = @{ Method = $Method; Uri = [Uri]::new([Uri]$Emulator.admin, $Path); NoProxy = $true }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}
