@{
    Synopsis    = 'Registers a Semaphore organisation (or any issuer) as an IAM OIDC identity provider; returns the existing one when it is already there.'
    Description = @'
New-SemaphoreOidcProvider creates the IAM OIDC identity provider for https://<organisation>.semaphoreci.com (or -IssuerUrl for self-hosted Semaphore), with the issuer URL as its audience, as Semaphore puts it in aud. This is the first step of the set-up; roles then trust the provider (New-SemaphoreTrustPolicy, Set-SemaphoreRoleTrust).

The command is idempotent: an existing provider for the issuer is returned, not an error; a missing audience is added to it. -WhatIf shows what would change. Thumbprints are optional since IAM verifies well-known CAs itself; -ComputeThumbprint reads one from the issuer's JWKS host.
'@
    Examples    = @(
        @{
            Title   = 'Register an organisation'
            Code    = 'New-SemaphoreOidcProvider -Organization my-org -Region us-east-1'
            Remarks = 'Creates arn:aws:iam::<account>:oidc-provider/my-org.semaphoreci.com with audience https://my-org.semaphoreci.com, using the credentials of the SDK''s default chain.'
        }
        @{
            Title   = 'Self-hosted Semaphore, with a thumbprint and tags, previewed first'
            Code    = 'New-SemaphoreOidcProvider -IssuerUrl https://semaphore.example.com -ComputeThumbprint -Tag @{ team = ''platform'' } -ProfileName admin -WhatIf'
            Remarks = 'Shows the provider that would be created; run again without -WhatIf to create it.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Providers.SemaphoreOidcProvider' = 'The new or existing provider; Created tells which, AddedClientIds lists audiences this call added.' }
    Links       = @('Get-SemaphoreOidcProvider', 'New-SemaphoreTrustPolicy')
}
