# The emulator's PowerShell control: start, attach to and stop the emulator program, and drive its plain-HTTP admin
# API (tokens, providers, roles, issuers, faults, the request log, IAM's state). One layer, one name per operation,
# used by the Pester tests (tests/pester/Common.ps1) and by build.ps1, the demo and the bench (tools/).
Set-StrictMode -Version Latest

$script:Current = $null

function Start-TestEmulator {
    <#
    .SYNOPSIS
    Starts the emulator (dotnet <DllPath>) and returns its endpoints: Proxy, Https, Admin, CaBundlePath,
    IntermediateCertificatePath, AccountId, Process, ExitCode (after stopping). The emulator stops when Stop-TestEmulator closes its stdin
    (or when this PowerShell process dies, since stdin then reaches EOF). Without -DllPath: SEMAPHOREOIDC_EMULATOR_DLL,
    else the emulator built in this folder, built first if it is not.
    #>
    [CmdletBinding()]
    param(
        [string] $DllPath,
        [string] $StateDirectory,
        [int] $TimeoutSeconds = 60
    )
    if (-not $DllPath) { $DllPath = $env:SEMAPHOREOIDC_EMULATOR_DLL }
    if (-not $DllPath) { $DllPath = Get-EmulatorDllPath }
    if (-not $DllPath) {
        dotnet build $PSScriptRoot --nologo -v q | Out-Null
        $DllPath = Get-EmulatorDllPath
    }
    if (-not $DllPath -or -not (Test-Path -LiteralPath $DllPath)) { throw "Emulator DLL not found: $DllPath (build tests/SemaphoreOidc.Emulator first)" }
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

function Reset-TestEmulator {
    <# .SYNOPSIS Forgets providers, roles, issuer hosts, issued credentials, faults and the request log; keys and ports stay. #>
    [CmdletBinding()]
    param($Emulator = $script:Current)
    Invoke-EmulatorAdmin -Path '/admin/reset' -Emulator $Emulator | Out-Null
}

function New-TestToken {
    <# .SYNOPSIS A real signed token. Keys as the admin API takes them (TokenRequest, camelCase): organization, ref, refType, kind, audience, lifetimeSeconds, claims... #>
    [CmdletBinding()]
    param([Parameter(Position = 0)] [hashtable] $Request = @{}, $Emulator = $script:Current)
    (Invoke-EmulatorAdmin -Path '/admin/tokens' -Body $Request -Emulator $Emulator).token
}

function Register-TestProvider {
    <# .SYNOPSIS Registers an IAM OIDC provider for https://<Organization>.semaphoreci.com (default my-org), or for -IssuerUrl; returns its ARN. #>
    [CmdletBinding(DefaultParameterSetName = 'Organization')]
    param(
        [Parameter(ParameterSetName = 'Organization', Position = 0)] [string] $Organization = 'my-org',
        [Parameter(ParameterSetName = 'IssuerUrl', Mandatory)] [string] $IssuerUrl,
        [string[]] $ClientIds,
        $Emulator = $script:Current
    )
    if ($PSCmdlet.ParameterSetName -eq 'Organization') { $IssuerUrl = "https://$Organization.semaphoreci.com" }
    $body = @{ issuerUrl = $IssuerUrl }
    if ($ClientIds) { $body.clientIds = @($ClientIds) }
    (Invoke-EmulatorAdmin -Path '/admin/providers' -Body $body -Emulator $Emulator).arn
}

function Register-TestRole {
    <#
    .SYNOPSIS
    Registers a role; returns its ARN. Its trust policy is -TrustPolicy (JSON), or the standard Semaphore policy of
    -Organization (default my-org) admitting -Subject (default: every subject of the organisation; StringLike for wildcards).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $RoleName,
        [string] $Organization = 'my-org',
        [string] $Subject,
        [string] $TrustPolicy,
        [int] $MaxSessionDuration = 3600,
        $Emulator = $script:Current
    )
    if (-not $TrustPolicy) {
        if (-not $Subject) { $Subject = "org:${Organization}:*" }
        $TrustPolicy = (Invoke-EmulatorAdmin -Path '/admin/trust-policy' -Body @{ org = $Organization; subject = $Subject } -Emulator $Emulator).policy
    }
    (Invoke-EmulatorAdmin -Path '/admin/roles' -Body @{ roleName = $RoleName; trustPolicy = $TrustPolicy; maxSessionDuration = $MaxSessionDuration } -Emulator $Emulator).arn
}

function Register-TestIssuer {
    <# .SYNOPSIS Serves an issuer at https://<HostName>. -OwnKeys: it publishes and signs with keys of its own (RS256 and ES256), like an attacker's issuer. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $HostName, [switch] $OwnKeys, $Emulator = $script:Current)
    (Invoke-EmulatorAdmin -Path '/admin/issuers' -Body @{ host = $HostName; ownKeys = [bool]$OwnKeys } -Emulator $Emulator).issuerUrl
}

function Add-TestFault {
    <#
    .SYNOPSIS
    Queues a fault: the next `count` requests matching service/action/host fail as `kind` says. -Rule takes the fields
    of POST /admin/faults (service, action, host, count, kind, errorCode, statusCode, delayMilliseconds, ...; the kinds
    are listed in README.md here); the emulator refuses an unknown kind or field value. With overwriteRole and
    overwriteTrustPolicy the rule also stages a concurrent writer, right after the matching request was answered.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [hashtable] $Rule, $Emulator = $script:Current)
    Invoke-EmulatorAdmin -Path '/admin/faults' -Body $Rule -Emulator $Emulator | Out-Null
}

function Get-TestRequests {
    <# .SYNOPSIS The requests the emulator answered since the last reset, oldest first; with -Action only those of that AWS action (or issuer path). #>
    [CmdletBinding()]
    param([Parameter(Position = 0)] [string] $Action, $Emulator = $script:Current)
    # Invoke-RestMethod can hand a JSON array back as one object; emit the entries one by one.
    $entries = Invoke-EmulatorAdmin -Path '/admin/requests' -Method GET -Emulator $Emulator
    @($entries | ForEach-Object { $_ } | Where-Object { -not $Action -or $_.action -eq $Action })
}

function Get-TestIamState {
    <# .SYNOPSIS Every provider and role the emulated IAM holds, as JSON text: equal texts mean nothing changed. #>
    [CmdletBinding()]
    param($Emulator = $script:Current)
    Invoke-EmulatorAdmin -Path '/admin/iam' -Method GET -Emulator $Emulator | ConvertTo-Json -Depth 10 -Compress
}

function Get-EmulatorDllPath {
    <# .SYNOPSIS The emulator built in this folder (bin/Debug first, then bin/Release), or $null. #>
    foreach ($configuration in 'Debug', 'Release') {
        $path = Join-Path $PSScriptRoot "bin/$configuration/net10.0/SemaphoreOidc.Emulator.dll"
        if (Test-Path -LiteralPath $path) { return $path }
    }
    $null
}

Export-ModuleMember -Function Start-TestEmulator, Connect-TestEmulator, Stop-TestEmulator, Reset-TestEmulator, Invoke-EmulatorAdmin,
    New-TestToken, Register-TestProvider, Register-TestRole, Register-TestIssuer, Add-TestFault, Get-TestRequests, Get-TestIamState,
    Get-EmulatorDllPath
