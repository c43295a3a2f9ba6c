BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Cmd = 'SemaphoreOidc.Commands.GetSemaphoreOidcTokenCommand'
    # Run inside a Semaphore job, the runner's own organisation URL would pin every -Verify here: start unpinned.
    Remove-Item Env:SEMAPHORE_ORGANIZATION_URL -ErrorAction Ignore
}

Describe 'Get-SemaphoreOidcToken' {
    BeforeAll {
        $script:Pr = New-TestToken @{
            organization = 'acme'; repository = 'api'; refType = 'pull-request'; ref = 'refs/pull/42/merge'
            pullRequest = '42'; prBranch = 'feature/login'; branch = 'main'; jobId = 'job-9'; workflowId = 'wf-1'; pipelineId = 'ppl-1'
        }
    }
    AfterEach { Remove-Item Env:SEMAPHORE_OIDC_TOKEN, Env:SEMAPHORE_ORGANIZATION_URL -ErrorAction Ignore }

    It 'decodes $env:SEMAPHORE_OIDC_TOKEN into a typed object' {
        $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; ref = 'refs/heads/main'; jobId = 'job-1' }
        $t = Get-SemaphoreOidcToken
        $t.GetType().FullName | Should -Be 'SemaphoreOidc.Tokens.SemaphoreToken'
        $t.Issuer | Should -Be 'https://my-org.semaphoreci.com'
        $t.Audience | Should -Be 'https://my-org.semaphoreci.com'
        $t.Organization | Should -Be 'my-org'
        $t.ProjectId | Should -Be '936a5312-a3b8-4921-8b3f-2cec8baac574'
        $t.Repository | Should -Be 'web'
        $t.RefType | Should -Be 'branch'
        $t.Ref | Should -Be 'refs/heads/main'
        $t.Branch | Should -Be 'main'
        $t.JobId | Should -Be 'job-1'
        $t.Subject | Should -Be 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main'
        $t.ExpiresAt.Kind | Should -Be 'Utc'
        $t.IssuedAt | Should -BeLessThan $t.ExpiresAt
        $t.Claims['job_type'] | Should -Not -BeNullOrEmpty
        $t.Claims.Keys | Should -Contain 'wf_id'
    }

    It 'decodes a pull-request token given with -Token' {
        $t = Get-SemaphoreOidcToken -Token $Pr
        $t.Organization | Should -Be 'acme'
        $t.Repository | Should -Be 'api'
        $t.RefType | Should -Be 'pull-request'
        $t.PullRequest | Should -Be '42'
        $t.WorkflowId | Should -Be 'wf-1'
        $t.PipelineId | Should -Be 'ppl-1'
    }

    It 'takes the token from the pipeline' {
        ($Pr | Get-SemaphoreOidcToken).Organization | Should -Be 'acme'
    }

    It 'verifies signature, issuer, audience and lifetime against the issuer over HTTPS' {
        $t = Get-SemaphoreOidcToken -Token $Pr -Verify -Organization acme
        # Only the emulator's issuer holds the key that signed it, so success means discovery and JWKS were fetched from it.
        $t.Issuer | Should -Be 'https://acme.semaphoreci.com'
    }

    It '-Verify refuses <Kind> tokens with <Id>' -ForEach @(
        @{ Kind = 'WrongKey'; Id = 'TokenKeyNotFound' }
        @{ Kind = 'AlgNone'; Id = 'TokenAlgorithmNotAllowed' }
        @{ Kind = 'Hmac'; Id = 'TokenAlgorithmNotAllowed' }
        @{ Kind = 'Expired'; Id = 'TokenExpired' }
        @{ Kind = 'NotYetValid'; Id = 'TokenNotYetValid' }
    ) {
        $token = New-TestToken @{ organization = 'acme'; kind = $Kind }
        { Get-SemaphoreOidcToken -Token $token -Verify -Organization acme } | Should -Throw -ErrorId "$Id,$Cmd"
    }

    It '-Verify refuses a token whose payload was changed after signing' {
        $header, $payload, $signature = $Pr.Split('.')
        $json = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload.Replace('-', '+').Replace('_', '/').PadRight(($payload.Length + 3) -band -4, '=')))
        $forged = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json.Replace('"api"', '"web"'))).TrimEnd('=').Replace('+', '-').Replace('/', '_')
        { Get-SemaphoreOidcToken -Token "$header.$forged.$signature" -Verify -Organization acme } | Should -Throw -ErrorId "TokenSignatureInvalid,$Cmd"
    }

    It '-Verify refuses a token for another audience' {
        { Get-SemaphoreOidcToken -Token $Pr -Verify -Organization acme -Audience 'sts.amazonaws.com' } | Should -Throw -ErrorId "TokenAudienceMismatch,$Cmd"
    }

    It 'refuses an empty -Token even when $env:SEMAPHORE_OIDC_TOKEN is set (never a silent switch of token)' {
        $env:SEMAPHORE_OIDC_TOKEN = $Pr
        { Get-SemaphoreOidcToken -Token '' } | Should -Throw -ErrorId "TokenMissing,$Cmd"
    }

    It 'refuses <Name> with <Id>' -ForEach @(
        @{ Name = 'no token at all'; Token = $null; Id = 'TokenMissing' }
        @{ Name = 'an empty token'; Token = ''; Id = 'TokenMissing' }
        @{ Name = 'two parts'; Token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0'; Id = 'TokenMalformed' }
        @{ Name = 'garbage'; Token = 'not.a.token'; Id = 'TokenMalformed' }
    ) {
        if ($null -eq $Token) { { Get-SemaphoreOidcToken } | Should -Throw -ErrorId "$Id,$Cmd" }
        else { { Get-SemaphoreOidcToken -Token $Token } | Should -Throw -ErrorId "$Id,$Cmd" }
    }
}

# -Verify trusts only the issuer the caller (or the job) names, never the one a token names: an attacker's own
# issuer (its own keys, discovery document and JWKS) mints tokens with a victim's sub and org, over real HTTPS.
Describe 'Get-SemaphoreOidcToken -Verify pins the issuer' {
    BeforeAll {
        # Unique names: the module caches each issuer's keys for the whole session.
        $script:Victim = "victim-$(Get-Random)"
        $script:VictimIssuer = "https://$Victim.semaphoreci.com"
        $script:AttackerHost = "oidc-$(Get-Random).attacker.example"
        Register-TestIssuer -HostName $AttackerHost -OwnKeys | Out-Null
        $script:Genuine = New-TestToken @{ organization = $Victim }

        function script:Get-RequestCount([string] $HostName) { @(Get-TestRequests | Where-Object host -eq $HostName).Count }
        function script:Assert-NoTokenIn($ErrorRecord, [string] $Token) {
            foreach ($text in $ErrorRecord.Exception.Message, [string]$ErrorRecord.TargetObject, [string]$ErrorRecord.CategoryInfo) {
                $text.Contains($Token) | Should -BeFalse
                $text.Contains($Token.Split('.')[2]) | Should -BeFalse
            }
        }
        function script:Invoke-Pinned([string] $Pin, [string] $Token, [hashtable] $More = @{}) {
            switch ($Pin) {
                'Organization' { Get-SemaphoreOidcToken -Token $Token -Verify -Organization $Victim @More }
                'IssuerUrl' { Get-SemaphoreOidcToken -Token $Token -Verify -IssuerUrl $VictimIssuer @More }
                'SEMAPHORE_ORGANIZATION_URL' {
                    $env:SEMAPHORE_ORGANIZATION_URL = $VictimIssuer
                    try { Get-SemaphoreOidcToken -Token $Token -Verify @More } finally { Remove-Item Env:SEMAPHORE_ORGANIZATION_URL }
                }
            }
        }
    }
    AfterEach { Remove-Item Env:SEMAPHORE_OIDC_TOKEN, Env:SEMAPHORE_ORGANIZATION_URL -ErrorAction Ignore }

    It 'verifies the genuine token pinned by <_>' -ForEach 'Organization', 'IssuerUrl', 'SEMAPHORE_ORGANIZATION_URL' {
        $verbose = Invoke-Pinned $_ $Genuine @{ Verbose = $true } 4>&1
        $token = $verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $token.Issuer | Should -Be $VictimIssuer
        $text = ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $text | Should -Match ([regex]::Escape("verified against $VictimIssuer (pinned by $(if ($_ -eq 'Organization') { "-Organization $Victim" } elseif ($_ -eq 'IssuerUrl') { '-IssuerUrl' } else { 'SEMAPHORE_ORGANIZATION_URL' }))"))
        $text.Contains($Genuine.Split('.')[2]) | Should -BeFalse
    }

    It 'refuses an attacker-issued <Alg> token (kid: <Kid>) with the victim''s claims, pinned by <Pin>' -ForEach @(
        foreach ($alg in 'RS256', 'ES256') { foreach ($kid in $true, $false) { foreach ($pin in 'Organization', 'IssuerUrl', 'SEMAPHORE_ORGANIZATION_URL') {
            @{ Alg = $alg; Kid = $kid; Pin = $pin } } } }
    ) {
        $forged = New-TestToken @{ organization = $Victim; issuerHost = $AttackerHost; algorithm = $Alg; omitKeyId = -not $Kid }
        $decoded = Get-SemaphoreOidcToken -Token $forged
        $decoded.Organization | Should -Be $Victim
        $decoded.Subject | Should -BeLike "org:${Victim}:project:*"
        $decoded.Algorithm | Should -Be $Alg
        ($null -ne $decoded.KeyId) | Should -Be $Kid
        # A real issuer with real keys: pinned to the attacker's own issuer, the forgery verifies.
        (Get-SemaphoreOidcToken -Token $forged -Verify -IssuerUrl "https://$AttackerHost").Organization | Should -Be $Victim
        $attacker = Get-RequestCount $AttackerHost
        $victimRequests = Get-RequestCount "$Victim.semaphoreci.com"

        $err = { Invoke-Pinned $Pin $forged } | Should -Throw -ErrorId "TokenIssuerMismatch,$Cmd" -PassThru
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match ([regex]::Escape("https://$AttackerHost"))
        $err.Exception.Message | Should -Match ([regex]::Escape($VictimIssuer))
        Assert-NoTokenIn $err $forged
        # Decided from the token alone: nothing fetched from either issuer.
        Get-RequestCount $AttackerHost | Should -Be $attacker
        Get-RequestCount "$Victim.semaphoreci.com" | Should -Be $victimRequests
    }

    It 'refuses a token naming the victim''s issuer but signed with the attacker''s <Alg> key (kid: <Kid>) with <Id>' -ForEach @(
        @{ Alg = 'RS256'; Kid = $true; Id = 'TokenKeyNotFound' }
        @{ Alg = 'RS256'; Kid = $false; Id = 'TokenSignatureInvalid' }
        @{ Alg = 'ES256'; Kid = $true; Id = 'TokenKeyNotFound' }
        @{ Alg = 'ES256'; Kid = $false; Id = 'TokenSignatureInvalid' }
    ) {
        $forged = New-TestToken @{ organization = $Victim; signingIssuerHost = $AttackerHost; algorithm = $Alg; omitKeyId = -not $Kid }
        (Get-SemaphoreOidcToken -Token $forged).Issuer | Should -Be $VictimIssuer
        $attacker = Get-RequestCount $AttackerHost
        $err = { Get-SemaphoreOidcToken -Token $forged -Verify -Organization $Victim } | Should -Throw -ErrorId "$Id,$Cmd" -PassThru
        Assert-NoTokenIn $err $forged
        Get-RequestCount $AttackerHost | Should -Be $attacker
    }

    It 'without any pin refuses to call <Name> verified, and fetches nothing' -ForEach @(
        @{ Name = 'the genuine token'; Forged = $false }
        @{ Name = 'an attacker''s token'; Forged = $true }
    ) {
        $token = if ($Forged) { New-TestToken @{ organization = $Victim; issuerHost = $AttackerHost } } else { $Genuine }
        $before = @(Get-TestRequests).Count
        $err = { Get-SemaphoreOidcToken -Token $token -Verify } | Should -Throw -ErrorId "TokenIssuerNotPinned,$Cmd" -PassThru
        $err.Exception.Message | Should -Match '-Organization'
        $err.Exception.Message | Should -Match '-IssuerUrl'
        $err.Exception.Message | Should -Match 'SEMAPHORE_ORGANIZATION_URL'
        Assert-NoTokenIn $err $token
        @(Get-TestRequests).Count | Should -Be $before
    }

    It 'refuses an attacker''s token in the help''s former example (-Verify -Audience https://my-org.semaphoreci.com)' {
        $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; issuerHost = $AttackerHost; audience = 'https://my-org.semaphoreci.com' }
        { Get-SemaphoreOidcToken -Verify -Audience https://my-org.semaphoreci.com } | Should -Throw -ErrorId "TokenIssuerNotPinned,$Cmd"
        # In a job, Semaphore sets SEMAPHORE_ORGANIZATION_URL: the same command then refuses the token outright.
        $env:SEMAPHORE_ORGANIZATION_URL = 'https://my-org.semaphoreci.com'
        { Get-SemaphoreOidcToken -Verify -Audience https://my-org.semaphoreci.com } | Should -Throw -ErrorId "TokenIssuerMismatch,$Cmd"
        { Get-SemaphoreOidcToken -Verify -Organization my-org } | Should -Throw -ErrorId "TokenIssuerMismatch,$Cmd"
    }

    It 'runs the help''s examples as written against a genuine job token' {
        $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org' }
        $env:SEMAPHORE_ORGANIZATION_URL = 'https://my-org.semaphoreci.com'
        (Get-SemaphoreOidcToken -Verify).Issuer | Should -Be 'https://my-org.semaphoreci.com'
        Remove-Item Env:SEMAPHORE_ORGANIZATION_URL
        (Get-SemaphoreOidcToken -Verify -Organization my-org).Issuer | Should -Be 'https://my-org.semaphoreci.com'
    }

    It 'takes -Organization over SEMAPHORE_ORGANIZATION_URL' {
        $env:SEMAPHORE_ORGANIZATION_URL = "https://$AttackerHost"
        (Get-SemaphoreOidcToken -Token $Genuine -Verify -Organization $Victim).Issuer | Should -Be $VictimIssuer
        { Get-SemaphoreOidcToken -Token $Genuine -Verify } | Should -Throw -ErrorId "TokenIssuerMismatch,$Cmd"
    }

    It 'refuses <Name> with <Id> and fetches nothing' -ForEach @(
        @{ Name = 'an -Organization that is no organisation name'; Params = @{ Verify = $true; Organization = 'my org' }; Id = 'OrganizationInvalid' }
        @{ Name = 'an empty -Organization'; Params = @{ Verify = $true; Organization = '' }; Id = 'OrganizationInvalid' }
        @{ Name = 'an http -IssuerUrl'; Params = @{ Verify = $true; IssuerUrl = 'http://my-org.semaphoreci.com' }; Id = 'IssuerUrlInvalid' }
        @{ Name = 'an -IssuerUrl with a trailing slash'; Params = @{ Verify = $true; IssuerUrl = 'https://my-org.semaphoreci.com/' }; Id = 'IssuerUrlInvalid' }
        @{ Name = 'an empty -IssuerUrl'; Params = @{ Verify = $true; IssuerUrl = '' }; Id = 'IssuerUrlInvalid' }
        @{ Name = '-Organization without -Verify'; Params = @{ Organization = 'my-org' }; Id = 'TokenVerifyRequired' }
        @{ Name = '-IssuerUrl without -Verify'; Params = @{ IssuerUrl = 'https://my-org.semaphoreci.com' }; Id = 'TokenVerifyRequired' }
        @{ Name = '-Audience without -Verify'; Params = @{ Audience = 'https://my-org.semaphoreci.com' }; Id = 'TokenVerifyRequired' }
        @{ Name = '-Organization and -IssuerUrl together'; Params = @{ Verify = $true; Organization = 'my-org'; IssuerUrl = 'https://my-org.semaphoreci.com' }; Id = 'AmbiguousParameterSet' }
    ) {
        $before = @(Get-TestRequests).Count
        $err = { Get-SemaphoreOidcToken -Token $Genuine @Params } | Should -Throw -ErrorId "$Id,$Cmd" -PassThru
        Assert-NoTokenIn $err $Genuine
        @(Get-TestRequests).Count | Should -Be $before
    }

    It 'refuses a SEMAPHORE_ORGANIZATION_URL that is not an https issuer URL, naming the variable' {
        $env:SEMAPHORE_ORGANIZATION_URL = 'http://my-org.semaphoreci.com'
        $err = { Get-SemaphoreOidcToken -Token $Genuine -Verify } | Should -Throw -ErrorId "OrganizationUrlInvalid,$Cmd" -PassThru
        $err.TargetObject | Should -Be 'SEMAPHORE_ORGANIZATION_URL'
        $err.Exception.Message | Should -Match '^SEMAPHORE_ORGANIZATION_URL'
    }
}

Describe 'Get-SemaphoreOidcToken -Verify network limits' {
    BeforeAll {
        function script:Get-HangCount([string] $HostName) { @(Get-TestRequests | Where-Object { $_.host -eq $HostName -and $_.fault -eq 'Hang' }).Count }
    }

    It 'ends on an issuer that accepts TLS and never answers, with IssuerDiscoveryTimedOut' {
        $org = "hang-$(Get-Random)"
        $token = New-TestToken @{ organization = $org }
        Add-TestFault @{ service = 'issuer'; action = '/.well-known/openid-configuration'; count = 1; kind = 'Hang' }
        # In a runspace of its own, so that a regression fails this test after 90 s instead of hanging the run.
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Module, $Token, $Org)
                Import-Module $Module
                $watch = [Diagnostics.Stopwatch]::StartNew()
                try {
                    $null = Get-SemaphoreOidcToken -Token $Token -Verify -Organization $Org
                    [pscustomobject]@{ Id = 'no error'; Seconds = $watch.Elapsed.TotalSeconds }
                }
                catch {
                    [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Seconds = $watch.Elapsed.TotalSeconds; Message = $_.Exception.Message; Target = [string]$_.TargetObject; Category = [string]$_.CategoryInfo.Category }
                }
            }).AddArgument($env:SEMAPHOREOIDC_MODULE).AddArgument($token).AddArgument($org)
        $handle = $ps.BeginInvoke()
        $finished = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(90))
        if (-not $finished) { $ps.Stop() }
        $finished | Should -BeTrue -Because '-Verify must not hang on an issuer that never answers'
        $result = @($ps.EndInvoke($handle))[0]
        $ps.Dispose()
        $result.Id | Should -Be "IssuerDiscoveryTimedOut,$Cmd"
        $result.Category | Should -Be 'OperationTimeout'
        $result.Target | Should -Be "https://$org.semaphoreci.com/.well-known/openid-configuration"
        $result.Message | Should -Match 'limit per request is 10 s'
        $result.Message.Contains($token.Split('.')[2]) | Should -BeFalse
        Get-HangCount "$org.semaphoreci.com" | Should -Be 1
        Write-Host "    A hanging issuer ended Get-SemaphoreOidcToken -Verify after $($result.Seconds.ToString('0.00', [cultureinfo]::InvariantCulture)) s (limit: 10 s per request, 30 s in all)."
    }

    It 'stops at once on Ctrl+C while the issuer hangs' {
        $org = "stop-$(Get-Random)"
        $token = New-TestToken @{ organization = $org }
        Add-TestFault @{ service = 'issuer'; action = '/.well-known/openid-configuration'; count = 1; kind = 'Hang' }
        $ps = [powershell]::Create()
        $null = $ps.AddCommand('Import-Module').AddArgument($env:SEMAPHOREOIDC_MODULE).AddStatement()
        $null = $ps.AddCommand('Get-SemaphoreOidcToken').AddParameter('Token', $token).AddParameter('Verify').AddParameter('Organization', $org)
        $handle = $ps.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while ((Get-HangCount "$org.semaphoreci.com") -eq 0 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Get-HangCount "$org.semaphoreci.com" | Should -Be 1
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        # Generous: the point is "at once, not at the 10 s request timeout".
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.Dispose()
    }

    It 'refuses an oversized key set (<Name>) with IssuerResponseTooLarge' -ForEach @(
        @{ Name = 'Content-Length 4 MiB'; Omit = $false; Text = '4194304 bytes' }
        @{ Name = 'chunked, no Content-Length'; Omit = $true; Text = 'more than 1048576 bytes' }
    ) {
        $org = "big-$(Get-Random)"
        $token = New-TestToken @{ organization = $org }
        Add-TestFault @{ service = 'issuer'; action = '/.well-known/jwks.json'; count = 1; kind = 'OversizedBody'; bodyBytes = 4MB; omitContentLength = $Omit }
        $err = { Get-SemaphoreOidcToken -Token $token -Verify -Organization $org } | Should -Throw -ErrorId "IssuerResponseTooLarge,$Cmd" -PassThru
        $err.TargetObject | Should -Be "https://$org.semaphoreci.com/.well-known/jwks.json"
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $err.Exception.Message | Should -Match $Text
    }
}
