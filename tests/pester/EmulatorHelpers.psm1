# Helpers for Pester tests that need the local AWS/Semaphore emulator (tests/SemaphoreOidc.Emulator).
# The emulator runs as a child process; everything else goes through its plain-HTTP admin API.
Set-StrictMode -Version Latest

$script:Current = $null

function Start-TestEmulator {
    <#
    .SYNOPSIS
    Starts the emulator (dotnet <DllPath>) and returns its endpoints: Proxy, Https, Admin, CaBundlePath,
    IntermediateCertificatePath, AccountId, Process, ExitCode (after stopping). The emulator stops when Stop-TestEmulator closes its stdin
    (or when this PowerShell process dies, since stdin then reaches EOF).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $DllPath,
        [string] $StateDirectory,
        [int] $TimeoutSeconds = 60
    )
    if (-not (Test-Path -LiteralPath $DllPath)) { throw "Emulator DLL not found: $DllPath (build tests/SemaphoreOidc.Emulator first)" }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.ArgumentList.Add((Resolve-Path -LiteralPath $DllPath).Path)
    if ($StateDirectory) { $psi.ArgumentList.Add('--state-dir'); $psi.ArgumentList.Add($StateDirectory) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    # stderr is inherited: the emulator writes only warnings there, and an undrained pipe could block it.
    $process = [System.Diagnostics.Process]::Start($psi)
    $lineTask = $process.StandardOutput.ReadLineAsync()
    if (-not $lineTask.Wait([TimeSpan]::FromSeconds($TimeoutSeconds)) -or -not $lineTask.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator did not report its endpoints within $TimeoutSeconds s (exit code: $(if ($process.HasExited) { $process.ExitCode } else { 'running' }))."
    }
    $emulator = ConvertTo-EmulatorInfo $lineTask.Result $process
    $script:Current = $emulator
    $emulator
}

function Connect-TestEmulator {
    <#
    .SYNOPSIS
    Uses an emulator that is already running (build.ps1 starts one per test run and passes its endpoints as
    the JSON line in SEMAPHOREOIDC_EMULATOR) for the functions of this module.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Json)
    $script:Current = ConvertTo-EmulatorInfo $Json $null
    $script:Current
}

function ConvertTo-EmulatorInfo([string] $Json, $Process) {
    $info = $Json | ConvertFrom-Json
    [pscustomobject]@{
        Proxy                       = $info.proxy
        Https                       = $info.https
        Admin                       = $info.admin
        CaBundlePath                = $info.caBundlePath
        IntermediateCertificatePath = $info.intermediateCertificatePath
        AccountId                   = $info.accountId
        AdminAccessKeyId            = $info.adminAccessKeyId
        AdminSecretAccessKey        = $info.adminSecretAccessKey
        Json                        = $Json
        Process                     = $Process
        ExitCode                    = $null   # set by Stop-TestEmulator
    }
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Emulator = $script:Current)
    process {
        # Already stopped, or attached rather than started: nothing to stop.
        if (-not $Emulator -or -not $Emulator.Process -or $null -ne $Emulator.ExitCode) { return }
        $p = $Emulator.Process
        if (-not $p.HasExited) {
            # Closing stdin is the emulator's "stop" signal; kill only if it does not go in time.
            try { $p.StandardInput.Close() } catch { }
            if (-not $p.WaitForExit(10000)) { $p.Kill(); $p.WaitForExit(5000) | Out-Null }
        }
        $p.WaitForExit()
        $Emulator.ExitCode = $p.ExitCode
        if ($script:Current -eq $Emulator) { $script:Current = $null }
    }
}

function Invoke-EmulatorAdmin {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)] [ValidateSet('GET', 'POST')] [string] $Method = 'POST',
        [Parameter(Mandatory, Position = 1)] [string] $Path,
        [Parameter(Position = 2)] $Body,
        $Emulator = $script:Current
    )
    if (-not $Emulator) { throw 'No emulator: call Start-TestEmulator first or pass -Emulator.' }
    $params = @{ Uri = "$($Emulator.Admin)$Path"; Method = $Method; NoProxy = $true }
    if ($null -ne $Body) {
        $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress)
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function New-EmulatorToken {
    <# .SYNOPSIS Mints a token. Keys as the admin API takes them: organization, ref, refType, kind, audience, lifetimeSeconds, claims... #>
    [CmdletBinding()]
    param([hashtable] $Request = @{}, $Emulator = $script:Current)
    (Invoke-EmulatorAdmin -Path '/admin/tokens' -Body $Request -Emulator $Emulator).token
}

function Register-EmulatorProvider {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $IssuerUrl, [string[]] $ClientIds, $Emulator = $script:Current)
    $body = @{ issuerUrl = $IssuerUrl }
    if ($ClientIds) { $body.clientIds = @($ClientIds) }
    (Invoke-EmulatorAdmin -Path '/admin/providers' -Body $body -Emulator $Emulator).arn
}

function Register-EmulatorRole {
    <# .SYNOPSIS Registers a role. Give -TrustPolicy (JSON) or -Organization and -Subject for the standard Semaphore policy. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $RoleName,
        [string] $TrustPolicy,
        [string] $Organization,
        [string] $Subject,
        [int] $MaxSessionDuration = 3600,
        $Emulator = $script:Current
    )
    if (-not $TrustPolicy) {
        if (-not $Organization -or -not $Subject) { throw 'Give -TrustPolicy, or -Organization and -Subject.' }
        $TrustPolicy = (Invoke-EmulatorAdmin -Path '/admin/trust-policy' -Body @{ org = $Organization; subject = $Subject } -Emulator $Emulator).policy
    }
    (Invoke-EmulatorAdmin -Path '/admin/roles' -Body @{ roleName = $RoleName; trustPolicy = $TrustPolicy; maxSessionDuration = $MaxSessionDuration } -Emulator $Emulator).arn
}

function Register-EmulatorIssuer {
    <# .SYNOPSIS Serves an issuer at https://<HostName>. -OwnKeys: it publishes and signs with keys of its own (RS256 and ES256), like an attacker's issuer. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $HostName, [switch] $OwnKeys, $Emulator = $script:Current)
    (Invoke-EmulatorAdmin -Path '/admin/issuers' -Body @{ host = $HostName; ownKeys = [bool]$OwnKeys } -Emulator $Emulator).issuerUrl
}

function Add-EmulatorFault {
    <# .SYNOPSIS Queues a fault for -Count matching requests; the kinds are listed in tests/SemaphoreOidc.Emulator/README.md. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('AwsError', 'Http500', 'Throttling', 'Delay', 'DropConnection', 'Hang', 'OversizedBody', 'ResetConnection', 'SlowBody',
            'CutOffBody', 'HtmlPage', 'EchoRequest', 'Garbage', 'TruncatedXml', 'EmptyResult', 'Redirect', 'BareStatus', 'WrongContentType')]
        [string] $Kind,
        [ValidateSet('sts', 'issuer', 'iam', 'any')] [string] $Service = 'sts',
        [string] $Action,
        [string] $HostName,
        [string] $ContentType,
        [int] $Count = 1,
        [string] $ErrorCode,
        [int] $StatusCode,
        [int] $DelayMilliseconds,
        # OversizedBody: a JSON object of this many bytes (none: a body that never ends) and, with it, whether to leave Content-Length out (chunked).
        [long] $BodyBytes,
        [switch] $OmitContentLength,
        $Emulator = $script:Current
    )
    $body = @{ kind = $Kind; service = $Service; count = $Count }
    if ($BodyBytes) { $body.bodyBytes = $BodyBytes }
    if ($OmitContentLength) { $body.omitContentLength = $true }
    if ($Action) { $body.action = $Action }
    if ($HostName) { $body.host = $HostName }
    if ($ContentType) { $body.contentType = $ContentType }
    if ($ErrorCode) { $body.errorCode = $ErrorCode }
    if ($StatusCode) { $body.statusCode = $StatusCode }
    if ($DelayMilliseconds) { $body.delayMilliseconds = $DelayMilliseconds }
    Invoke-EmulatorAdmin -Path '/admin/faults' -Body $body -Emulator $Emulator | Out-Null
}

function Get-EmulatorRequests {
    [CmdletBinding()]
    param($Emulator = $script:Current)
    # Invoke-RestMethod can hand a JSON array back as one object; emit the entries one by one.
    $entries = Invoke-EmulatorAdmin -Path '/admin/requests' -Method GET -Emulator $Emulator
    foreach ($entry in $entries) { $entry }
}

function Get-EmulatorIamState {
    <# .SYNOPSIS Every provider and role the emulated IAM holds, as JSON text: equal texts mean nothing changed. #>
    [CmdletBinding()]
    param($Emulator = $script:Current)
    Invoke-EmulatorAdmin -Path '/admin/iam' -Method GET -Emulator $Emulator | ConvertTo-Json -Depth 10 -Compress
}

function Reset-Emulator {
    [CmdletBinding()]
    param($Emulator = $script:Current)
    Invoke-EmulatorAdmin -Path '/admin/reset' -Emulator $Emulator | Out-Null
}

function Get-EmulatorDllPath {
    <# .SYNOPSIS The built emulator under tests/SemaphoreOidc.Emulator/bin (Debug first, then Release), or $null. #>
    param([Parameter(Mandatory)] [string] $RepositoryRoot)
    foreach ($configuration in 'Debug', 'Release') {
        $path = Join-Path $RepositoryRoot "tests/SemaphoreOidc.Emulator/bin/$configuration/net10.0/SemaphoreOidc.Emulator.dll"
        if (Test-Path -LiteralPath $path) { return $path }
    }
    $null
}

Export-ModuleMember -Function Start-TestEmulator, Connect-TestEmulator, Stop-TestEmulator, Invoke-EmulatorAdmin, New-EmulatorToken,
    Register-EmulatorProvider, Register-EmulatorRole, Register-EmulatorIssuer, Add-EmulatorFault, Get-EmulatorRequests, Get-EmulatorIamState,
    Reset-Emulator, Get-EmulatorDllPath
