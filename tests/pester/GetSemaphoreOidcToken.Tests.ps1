BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Cmd = 'SemaphoreOidc.Commands.GetSemaphoreOidcTokenCommand'
}

Describe 'Get-SemaphoreOidcToken' {
    BeforeAll {
        $script:Pr = New-TestToken @{
            organization = 'acme'; repository = 'api'; refType = 'pull-request'; ref = 'refs/pull/42/merge'
            pullRequest = '42'; prBranch = 'feature/login'; branch = 'main'; jobId = 'job-9'; workflowId = 'wf-1'; pipelineId = 'ppl-1'
        }
    }
    AfterEach { Remove-Item Env:SEMAPHORE_OIDC_TOKEN -ErrorAction Ignore }

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
        $t = Get-SemaphoreOidcToken -Token $Pr -Verify
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
        { Get-SemaphoreOidcToken -Token $token -Verify } | Should -Throw -ErrorId "$Id,$Cmd"
    }

    It '-Verify refuses a token whose payload was changed after signing' {
        $header, $payload, $signature = $Pr.Split('.')
        $json = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload.Replace('-', '+').Replace('_', '/').PadRight(($payload.Length + 3) -band -4, '=')))
        $forged = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json.Replace('"api"', '"web"'))).TrimEnd('=').Replace('+', '-').Replace('/', '_')
        { Get-SemaphoreOidcToken -Token "$header.$forged.$signature" -Verify } | Should -Throw -ErrorId "TokenSignatureInvalid,$Cmd"
    }

    It '-Verify refuses a token for another audience' {
        { Get-SemaphoreOidcToken -Token $Pr -Verify -Audience 'sts.amazonaws.com' } | Should -Throw -ErrorId "TokenAudienceMismatch,$Cmd"
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
