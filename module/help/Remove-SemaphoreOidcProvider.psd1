@{
    Synopsis    = 'Deletes an IAM OIDC provider. Every role that trusts it stops working for Semaphore jobs.'
    Description = @'
Remove-SemaphoreOidcProvider deletes IAM OIDC identity providers by ARN. It asks for confirmation (ConfirmImpact High) because every role whose trust policy names the provider refuses the issuer's tokens from then on. Providers piped from Get-SemaphoreOidcProvider bind by their Arn property; an error for one provider does not stop the others.
'@
    Examples    = @(
        @{
            Title   = 'Delete one provider'
            Code    = 'Remove-SemaphoreOidcProvider -Arn arn:aws:iam::123456789012:oidc-provider/old-org.semaphoreci.com'
            Remarks = 'Asks for confirmation first; add -Confirm:$false in scripts.'
        }
        @{
            Title   = 'Preview deleting what Get-SemaphoreOidcProvider finds'
            Code    = 'Get-SemaphoreOidcProvider -Organization old-org | Remove-SemaphoreOidcProvider -WhatIf'
            Remarks = 'Shows which provider would be deleted without deleting it.'
        }
    )
    Links       = @('Get-SemaphoreOidcProvider')
}
