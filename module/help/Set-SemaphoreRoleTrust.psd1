@{
    Synopsis    = 'Applies a trust policy to an IAM role: merges it into the existing one (default) or replaces it, optionally creating the role.'
    Description = @'
Set-SemaphoreRoleTrust writes a trust policy to an IAM role. By default it merges: statements for the same OIDC provider are replaced by the new ones and every other statement (other principals, other providers) is kept. -Replace writes the policy as it is. -Create creates the role when it does not exist, with -Description, -MaxSessionDuration and -Tag; -PermissionPolicyArn attaches managed policies.

The write is a read-modify-write that refuses to overwrite a change it did not see. Findings that call the result too broad stop it unless -Force is given. -WhatIf shows the difference without writing; -PassThru returns the resulting policy.
'@
    Examples    = @(
        @{
            Title   = 'Let main-branch jobs of one project deploy'
            Code    = 'New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Branch main | Set-SemaphoreRoleTrust -RoleName deploy'
            Remarks = 'Merges the statement into the deploy role''s trust policy; other statements stay.'
        }
        @{
            Title   = 'Create a role with permissions, previewed first'
            Code    = '$policy = New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Tag ''v*''
Set-SemaphoreRoleTrust -RoleName release -Policy $policy -Create -MaxSessionDuration 7200 -PermissionPolicyArn arn:aws:iam::aws:policy/AmazonS3FullAccess -WhatIf'
            Remarks = 'Shows the role that would be created and the policy it would get; drop -WhatIf to apply.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Policies.TrustPolicy' = 'With -PassThru: the role''s resulting trust policy with RoleName, RoleArn and MaxSessionDuration.' }
    Links       = @('New-SemaphoreTrustPolicy', 'Get-SemaphoreRoleTrust')
}
