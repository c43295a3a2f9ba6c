BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Cmd = 'SemaphoreOidc.Commands.InvokeSemaphoreAssumeRoleCommand'
}

Describe 'Invoke-SemaphoreAssumeRole' {
    BeforeAll {
        Reset-TestEmulator
        Register-TestProvider | Out-Null
        $script:RoleArn = Register-TestRole -RoleName 'deploy' -Subject 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main'
        $script:LongRoleArn = Register-TestRole -RoleName 'long' -MaxSessionDuration 43200
    }

    BeforeEach {
        $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; ref = 'refs/heads/main'; jobId = 'job-1234' }
        $env:SEMAPHORE_JOB_ID = 'job-1234'
        $env:AWS_REGION = 'eu-west-1'
        Remove-Item Env:AWS_DEFAULT_REGION -ErrorAction Ignore
    }

    AfterAll {
        Remove-Item Env:SEMAPHORE_OIDC_TOKEN, Env:SEMAPHORE_JOB_ID, Env:AWS_REGION -ErrorAction Ignore
    }

    Context 'exchange' {
        BeforeEach {
            Reset-TestEmulator
            Register-TestProvider | Out-Null
            $script:RoleArn = Register-TestRole -RoleName 'deploy' -Subject 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main'
            $script:LongRoleArn = Register-TestRole -RoleName 'long' -MaxSessionDuration 43200
        }

        It 'exchanges the job token from the environment for credentials' {
            $c = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn
            $c.GetType().FullName | Should -Be 'SemaphoreOidc.Credentials.AssumeRoleResult'
            $c.AccessKeyId | Should -Match '^ASIA[A-Z0-9]{16}$'
            $c.SecretAccessKey | Should -Not -BeNullOrEmpty
            $c.SessionToken | Should -Not -BeNullOrEmpty
            $c.Expiration.Kind | Should -Be 'Utc'
            $c.Expiration | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(55))
            $c.AssumedRoleArn | Should -Be "arn:aws:sts::$($AccountId):assumed-role/deploy/semaphore-job-job-1234"
            $c.AssumedRoleId | Should -Match ':semaphore-job-job-1234$'
            $c.SubjectFromWebIdentityToken | Should -Be 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main'
            $c.Audience | Should -Be 'https://my-org.semaphoreci.com'
            $c.Provider | Should -Not -BeNullOrEmpty
            $c.Region | Should -Be 'eu-west-1'
        }

        It 'sends one request to the regional STS endpoint' {
            Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region 'ap-south-1' | Out-Null
            $requests = @(Get-TestRequests 'AssumeRoleWithWebIdentity')
            $requests.Count | Should -Be 1
            $requests[0].host | Should -Be 'sts.ap-south-1.amazonaws.com'
        }

        It 'sends -Token, the role, the session name (made valid) and -DurationSeconds to STS exactly' {
            $token = New-TestToken @{ organization = 'my-org'; ref = 'refs/heads/release' }
            $c = Invoke-SemaphoreAssumeRole -RoleArn $LongRoleArn -Token $token -SessionName 'deploy web/main #7' -DurationSeconds 43200
            $c.RoleSessionName | Should -Be 'deploy-web-main--7'
            $c.AssumedRoleArn | Should -BeLike '*/long/deploy-web-main--7'
            $c.Expiration | Should -BeGreaterThan ([datetime]::UtcNow.AddHours(11.9))
            # STS read the given token, not SEMAPHORE_OIDC_TOKEN (refs/heads/main).
            $c.SubjectFromWebIdentityToken | Should -BeLike '*:ref:refs/heads/release'
            $sent = @(Get-TestRequests 'AssumeRoleWithWebIdentity')
            $sent.Count | Should -Be 1
            $sent[0].parameters.RoleArn | Should -BeExactly $LongRoleArn
            $sent[0].parameters.RoleSessionName | Should -BeExactly 'deploy-web-main--7'
            $sent[0].parameters.DurationSeconds | Should -BeExactly '43200'
        }

        It 'sends no DurationSeconds and no session policy when none is given (STS then applies its defaults)' {
            Invoke-SemaphoreAssumeRole -RoleArn $RoleArn | Out-Null
            $sent = @(Get-TestRequests 'AssumeRoleWithWebIdentity')[0].parameters
            @($sent.PSObject.Properties.Name) | Should -Be @('RoleArn', 'RoleSessionName')
            $sent.RoleSessionName | Should -BeExactly 'semaphore-job-job-1234'
        }

        It 'uses -EndpointUrl instead of the regional endpoint: <Name>' -ForEach @(
            @{ Name = 'the loopback endpoint, no proxy'; Url = { $Emulator.Https }; ExpectedHost = '127.0.0.1' }
            @{ Name = 'an STS VPC endpoint (PrivateLink)'; Url = { 'https://vpce-0a1b2c3d4e5f60789-abcdefgh.sts.eu-west-1.vpce.amazonaws.com' }; ExpectedHost = 'vpce-0a1b2c3d4e5f60789-abcdefgh.sts.eu-west-1.vpce.amazonaws.com' }
        ) {
            $c = Invoke-SemaphoreAssumeRole -RoleArn $LongRoleArn -EndpointUrl (& $Url)
            $c.AccessKeyId | Should -Not -BeNullOrEmpty
            # AWS_REGION is eu-west-1: without -EndpointUrl the call would have gone to sts.eu-west-1.amazonaws.com.
            @(Get-TestRequests 'AssumeRoleWithWebIdentity').host | Should -Be @($ExpectedHost)
        }

        It 'falls back to us-east-1 with a warning when no region is set' {
            Remove-Item Env:AWS_REGION
            $c = Invoke-SemaphoreAssumeRole -RoleArn $LongRoleArn -WarningVariable w -WarningAction SilentlyContinue
            $c.Region | Should -Be 'us-east-1'
            "$w" | Should -Match 'AWS_REGION'
        }

        It 'takes AWS_DEFAULT_REGION when AWS_REGION is not set' {
            Remove-Item Env:AWS_REGION
            $env:AWS_DEFAULT_REGION = 'eu-central-1'
            (Invoke-SemaphoreAssumeRole -RoleArn $LongRoleArn).Region | Should -Be 'eu-central-1'
        }

        It 'passes a session policy and policy ARNs to STS exactly, in order' {
            # As written (whitespace and all): STS counts the policy's characters, so the module must not reformat it.
            $policy = "{`n  `"Version`": `"2012-10-17`",`n  `"Statement`": [{`"Effect`": `"Allow`", `"Action`": `"s3:GetObject`", `"Resource`": `"*`"}]`n}"
            $arns = 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/deploy-extra'
            $c = Invoke-SemaphoreAssumeRole -RoleArn $LongRoleArn -Policy $policy -PolicyArn $arns
            $c.AccessKeyId | Should -Not -BeNullOrEmpty
            $sent = @(Get-TestRequests 'AssumeRoleWithWebIdentity')
            $sent.Count | Should -Be 1
            $sent[0].parameters.Policy | Should -BeExactly $policy
            $sent[0].parameters.'PolicyArns.member.1.arn' | Should -BeExactly $arns[0]
            $sent[0].parameters.'PolicyArns.member.2.arn' | Should -BeExactly $arns[1]
            @($sent[0].parameters.PSObject.Properties.Name -like 'PolicyArns.*').Count | Should -Be 2
        }

        It 'binds RoleArn by property name from the pipeline' {
            $c = [pscustomobject]@{ RoleArn = $LongRoleArn } | Invoke-SemaphoreAssumeRole
            $c.AssumedRoleArn | Should -BeLike '*:assumed-role/long/*'
        }
    }

    Context 'bad input is refused before any call' {
        BeforeEach { Reset-TestEmulator; Register-TestProvider | Out-Null; Register-TestRole -RoleName 'deploy' | Out-Null }

        It '<Id> for <Name>' -ForEach @(
            @{ Name = 'no token'; Id = 'TokenMissing'; Setup = { Remove-Item Env:SEMAPHORE_OIDC_TOKEN }; Extra = @{} }
            @{ Name = 'empty -Token'; Id = 'TokenMissing'; Setup = {}; Extra = @{ Token = '' } }
            @{ Name = 'not a JWT'; Id = 'TokenMalformed'; Setup = {}; Extra = @{ Token = 'definitely-not-a-jwt' } }
            @{ Name = 'expired token'; Id = 'TokenExpired'; Setup = { $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ kind = 'Expired' } }; Extra = @{} }
            @{ Name = 'malformed role ARN'; Id = 'RoleArnInvalid'; Setup = {}; Extra = @{ RoleArn = 'arn:aws:iam::123:role/deploy' } }
            @{ Name = 'duration too short'; Id = 'DurationOutOfRange'; Setup = {}; Extra = @{ DurationSeconds = 899 } }
            @{ Name = 'duration too long'; Id = 'DurationOutOfRange'; Setup = {}; Extra = @{ DurationSeconds = 43201 } }
            @{ Name = '11 policy ARNs'; Id = 'TooManyPolicyArns'; Setup = {}; Extra = @{ PolicyArn = (1..11 | ForEach-Object { "arn:aws:iam::aws:policy/P$_" }) } }
            @{ Name = 'bad region'; Id = 'RegionInvalid'; Setup = {}; Extra = @{ Region = 'Mars-1' } }
            @{ Name = 'bad endpoint'; Id = 'EndpointUrlInvalid'; Setup = {}; Extra = @{ EndpointUrl = 'sts.local' } }
            @{ Name = 'bad session policy'; Id = 'SessionPolicyInvalid'; Setup = {}; Extra = @{ Policy = '{oops' } }
        ) {
            & $Setup
            $arguments = @{ RoleArn = $RoleArn }
            foreach ($key in $Extra.Keys) { $arguments[$key] = $Extra[$key] }
            { Invoke-SemaphoreAssumeRole @arguments } | Should -Throw -ErrorId "$Id,$Cmd"
            (Get-TestRequests 'AssumeRoleWithWebIdentity').Count | Should -Be 0
        }

        It 'says both times when the token has expired' {
            $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ kind = 'Expired' }
            $err = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn } | Should -Throw -PassThru
            $err.Exception.Message | Should -Match 'expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'
            $err.Exception.Message | Should -Match ([datetime]::UtcNow.ToString('yyyy-MM-dd'))
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        }
    }

    Context 'access denied explains itself' {
        It 'shows iss, aud, sub and the admitting condition, and is not retried' {
            Reset-TestEmulator; Register-TestProvider | Out-Null
            $arn = Register-TestRole -RoleName 'prod' -Subject 'org:my-org:project:*:repo:web:ref_type:tag:ref:refs/tags/v*'
            $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; ref = 'refs/heads/feature/x' }
            $err = { Invoke-SemaphoreAssumeRole -RoleArn $arn } | Should -Throw -ErrorId "AssumeRoleAccessDenied,$Cmd" -PassThru
            $m = $err.Exception.Message
            $m | Should -Match 'iss: https://my-org\.semaphoreci\.com'
            $m | Should -Match 'aud: https://my-org\.semaphoreci\.com'
            $m | Should -Match 'sub: org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/feature/x'
            $m | Should -Match '"StringEquals": \{"my-org\.semaphoreci\.com:aud": "https://my-org\.semaphoreci\.com", "my-org\.semaphoreci\.com:sub": "org:my-org:project:'
            $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err.TargetObject | Should -Be $arn
            (Get-TestRequests 'AssumeRoleWithWebIdentity').Count | Should -Be 1
        }
    }

    Context 'retries under injected faults' {
        BeforeEach { Reset-TestEmulator; Register-TestProvider | Out-Null; $script:Arn = Register-TestRole -RoleName 'deploy' }

        It 'retries <Kind> <ErrorCode> and succeeds' -ForEach @(
            @{ Kind = 'Throttling'; ErrorCode = $null }
            @{ Kind = 'Http500'; ErrorCode = $null }
            @{ Kind = 'DropConnection'; ErrorCode = $null }
            @{ Kind = 'AwsError'; ErrorCode = 'IDPCommunicationError' }
            @{ Kind = 'AwsError'; ErrorCode = 'InvalidIdentityToken' }
        ) {
            $rule = @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 2; kind = $Kind }
            if ($ErrorCode) { $rule.errorCode = $ErrorCode }
            Add-TestFault $rule
            $c = Invoke-SemaphoreAssumeRole -RoleArn $Arn -Verbose 4>&1 | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $c.AccessKeyId | Should -Not -BeNullOrEmpty
            (Get-TestRequests 'AssumeRoleWithWebIdentity').Count | Should -Be 3
        }

        It 'does not retry <ErrorCode>' -ForEach @(
            @{ ErrorCode = 'AccessDenied'; Id = 'AssumeRoleAccessDenied' }
            @{ ErrorCode = 'IDPRejectedClaim'; Id = 'AssumeRoleClaimRejected' }
            @{ ErrorCode = 'ExpiredTokenException'; Id = 'AssumeRoleTokenExpired' }
            @{ ErrorCode = 'MalformedPolicyDocument'; Id = 'AssumeRoleSessionPolicyMalformed' }
            @{ ErrorCode = 'PackedPolicyTooLarge'; Id = 'AssumeRoleSessionPolicyTooLarge' }
            @{ ErrorCode = 'RegionDisabledException'; Id = 'AssumeRoleRegionDisabled' }
        ) {
            Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 3; kind = 'AwsError'; errorCode = $ErrorCode }
            { Invoke-SemaphoreAssumeRole -RoleArn $Arn } | Should -Throw -ErrorId "$Id,$Cmd"
            (Get-TestRequests 'AssumeRoleWithWebIdentity').Count | Should -Be 1
        }

        It 'retries InvalidIdentityToken at most twice' {
            Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 10; kind = 'AwsError'; errorCode = 'InvalidIdentityToken' }
            { Invoke-SemaphoreAssumeRole -RoleArn $Arn -MaxAttempts 10 } | Should -Throw -ErrorId "AssumeRoleInvalidIdentityToken,$Cmd"
            (Get-TestRequests 'AssumeRoleWithWebIdentity').Count | Should -Be 3
        }

        It 'stops after -MaxAttempts and says so' {
            Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 10; kind = 'Throttling' }
            $err = { Invoke-SemaphoreAssumeRole -RoleArn $Arn -MaxAttempts 2 } | Should -Throw -ErrorId "AssumeRoleServiceUnavailable,$Cmd" -PassThru
            $err.Exception.Message | Should -Match 'after 2 attempts'
            (Get-TestRequests 'AssumeRoleWithWebIdentity').Count | Should -Be 2
        }

        It 'reports each retry on the verbose stream' {
            Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 1; kind = 'Throttling' }
            $verbose = Invoke-SemaphoreAssumeRole -RoleArn $Arn -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -Match 'failed with Throttling .*retrying in \d+ ms'
        }

        It 'stops at once on Ctrl+C while waiting for STS' {
            Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 1; kind = 'Delay'; delayMilliseconds = 60000 }
            $ps = [powershell]::Create()
            $null = $ps.AddCommand('Import-Module').AddArgument($env:SEMAPHOREOIDC_MODULE).AddStatement()
            $null = $ps.AddCommand('Invoke-SemaphoreAssumeRole').AddParameter('RoleArn', $Arn).AddParameter('Token', $env:SEMAPHORE_OIDC_TOKEN)
            $handle = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while ((Get-TestRequests 'AssumeRoleWithWebIdentity').Count -eq 0 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            # Generous: the point is "not after the 60 s delay or the 15 s attempt timeout".
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $ps.Dispose()
        }
    }
}
