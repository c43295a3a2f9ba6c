@{
    Synopsis    = 'Lists the account''s IAM OIDC providers, or finds the one for an organisation, issuer URL or ARN.'
    Description = @'
Get-SemaphoreOidcProvider reads IAM's OIDC identity providers. Without parameters it lists all of them; with -Organization or -IssuerUrl it finds the provider for that issuer (an ObjectNotFound error when there is none); with -Arn it reads one provider. -Arn completes from IAM with Tab when credentials are available.
'@
    Examples    = @(
        @{
            Title   = 'List every provider'
            Code    = 'Get-SemaphoreOidcProvider'
            Remarks = 'A table of URL, audiences and creation date per provider.'
        }
        @{
            Title   = 'Find an organisation''s provider and build a policy from it'
            Code    = 'Get-SemaphoreOidcProvider -Organization my-org | New-SemaphoreTrustPolicy -Organization my-org -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Branch main'
            Remarks = 'The provider''s Arn binds to -ProviderArn of New-SemaphoreTrustPolicy, so the policy names the exact provider.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Providers.SemaphoreOidcProvider' = 'One object per provider.' }
    Links       = @('New-SemaphoreOidcProvider', 'Remove-SemaphoreOidcProvider')
}
