@{
    Synopsis    = 'Decodes (and with -Verify, verifies) a Semaphore OIDC token.'
    Description = @'
Get-SemaphoreOidcToken reads the job's SEMAPHORE_OIDC_TOKEN (or -Token) and returns a SemaphoreToken: issuer, audience, the parts of the subject (organisation, project id, repository, ref type, ref), branch, tag, pull request, job, workflow and pipeline ids, issue and expiry times, and every claim.

Without -Verify the token is only decoded: use it to see what a trust policy must admit. With -Verify the signature, issuer, audience and lifetime are checked against the issuer's discovery document and JWKS (RSA and ECDSA keys), as STS would check them.

The raw token stays readable as the RawToken property but is never shown by default formatting.
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore job: what will AWS see?'
            Code    = 'Get-SemaphoreOidcToken | Format-List'
            Remarks = 'Decodes $env:SEMAPHORE_OIDC_TOKEN and lists issuer, audience, subject and its parts. Compare Subject with the patterns of the role''s trust policy (Get-SemaphoreRoleTrust) when an exchange is denied.'
        }
        @{
            Title   = 'Verify a token against its issuer'
            Code    = 'Get-SemaphoreOidcToken -Verify -Audience https://my-org.semaphoreci.com'
            Remarks = 'Fetches https://my-org.semaphoreci.com/.well-known/openid-configuration and its JWKS, then checks signature, issuer, audience and lifetime; a failure is an error with an id such as TokenExpired or TokenSignatureInvalid.'
        }
        @{
            Title   = 'Would this job be admitted by a policy?'
            Code    = '$policy = Get-SemaphoreRoleTrust -RoleName deploy
Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy -Policy $policy'
            Remarks = 'The token object binds to -Claims of Test-SemaphoreTrustPolicy, which simulates the role''s trust policy offline.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Tokens.SemaphoreToken' = 'The decoded token. RawToken holds the compact JWT and is never formatted by default.' }
    Links       = @('Invoke-SemaphoreAssumeRole', 'Test-SemaphoreTrustPolicy')
}
