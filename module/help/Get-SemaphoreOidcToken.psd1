@{
    Synopsis    = 'Decodes (and with -Verify, verifies) a Semaphore OIDC token.'
    Description = @'
Get-SemaphoreOidcToken reads the job's SEMAPHORE_OIDC_TOKEN (or -Token) and returns a SemaphoreToken: issuer, audience, the parts of the subject (organisation, project id, repository, ref type, ref), branch, tag, pull request, job, workflow and pipeline ids, issue and expiry times, and every claim.

Without -Verify the token is only decoded: nothing in it is checked, so use it to see what a trust policy must admit, never to decide whom to trust.

With -Verify the token is checked as STS would check it, against an issuer you choose: -Organization <org> (https://<org>.semaphoreci.com), -IssuerUrl <url> (self-hosted Semaphore) or, when neither is given, the job's SEMAPHORE_ORGANIZATION_URL, which Semaphore sets in every job. The issuer is never taken from the token itself: anyone can run an OIDC issuer and sign tokens that name it, so a token that names another issuer is refused (TokenIssuerMismatch) before anything is fetched, and with no issuer at all -Verify refuses to verify (TokenIssuerNotPinned). The pinned issuer's discovery document must name that same issuer; its JWKS (RSA and ECDSA keys) must hold the key that signed the token; the audience must be the issuer URL (or -Audience); and the token must be within its lifetime.

The issuer's discovery document and JWKS are fetched with limits: 10 s per request, 30 s in all, at most 1 MiB per answer, no redirects followed, JSON only. A failure has its own error id (IssuerDiscoveryTimedOut, IssuerResponseTooLarge, IssuerRedirectRefused, IssuerResponseInvalid, IssuerDiscoveryFailed) and names the URL. Both documents are kept for 15 minutes per issuer in the session.

The raw token stays readable as the RawToken property but is never shown by default formatting, verbose output or errors.
'@
    Parameters  = @{
        Verify       = 'Check signature, issuer, audience and lifetime against the pinned issuer (-Organization, -IssuerUrl or SEMAPHORE_ORGANIZATION_URL), whose discovery document and JWKS are fetched over HTTPS. Without a pinned issuer the command fails with TokenIssuerNotPinned rather than trust the issuer the token names.'
        Organization = 'With -Verify: the Semaphore organisation the token must come from. The issuer is then https://<org>.semaphoreci.com, its discovery document and keys are fetched from there, and the token''s iss must equal it. Takes precedence over SEMAPHORE_ORGANIZATION_URL.'
        IssuerUrl    = 'With -Verify: the issuer the token must come from, exactly as tokens carry it in iss (https, no trailing slash), for self-hosted Semaphore. Takes precedence over SEMAPHORE_ORGANIZATION_URL.'
        Audience     = 'With -Verify: the audience the token must carry. Defaults to the pinned issuer URL, which is what Semaphore puts in aud unless the organisation configured its own audience. It never changes which issuer is trusted.'
    }
    Examples    = @(
        @{
            Title   = 'In a Semaphore job: what will AWS see?'
            Code    = 'Get-SemaphoreOidcToken | Format-List'
            Remarks = 'Decodes $env:SEMAPHORE_OIDC_TOKEN and lists issuer, audience, subject and its parts. Compare Subject with the patterns of the role''s trust policy (Get-SemaphoreRoleTrust) when an exchange is denied. Nothing is verified.'
        }
        @{
            Title   = 'In a Semaphore job: verify the job''s token'
            Code    = 'Get-SemaphoreOidcToken -Verify'
            Remarks = 'Verifies $env:SEMAPHORE_OIDC_TOKEN against the issuer in $env:SEMAPHORE_ORGANIZATION_URL (e.g. https://my-org.semaphoreci.com), which Semaphore sets in every job. A failure is an error with an id such as TokenIssuerMismatch, TokenExpired or TokenSignatureInvalid.'
        }
        @{
            Title   = 'Verify a token against a named organisation'
            Code    = 'Get-SemaphoreOidcToken -Token $token -Verify -Organization my-org'
            Remarks = 'Fetches https://my-org.semaphoreci.com/.well-known/openid-configuration and its JWKS, then checks that the token was issued by my-org for the audience https://my-org.semaphoreci.com and has not expired. A token from any other issuer fails with TokenIssuerMismatch, whatever its claims say.'
        }
        @{
            Title   = 'Self-hosted Semaphore, with an audience the organisation configured'
            Code    = 'Get-SemaphoreOidcToken -Verify -IssuerUrl https://semaphore.example.com -Audience sts.amazonaws.com'
            Remarks = 'The issuer is pinned to https://semaphore.example.com; -Audience only changes the expected aud claim.'
        }
        @{
            Title   = 'Would this job be admitted by a policy?'
            Code    = '$policy = Get-SemaphoreRoleTrust -RoleName deploy
Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy -Policy $policy'
            Remarks = 'The token object binds to -Claims of Test-SemaphoreTrustPolicy, which simulates the role''s trust policy offline (it decodes the token; it does not verify it).'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Tokens.SemaphoreToken' = 'The decoded (with -Verify, verified) token. RawToken holds the compact JWT and is never formatted by default.' }
    Links       = @('Invoke-SemaphoreAssumeRole', 'Test-SemaphoreTrustPolicy')
}
