@{
    Synopsis    = 'Reads an IAM role''s trust policy as a TrustPolicy object, with the role''s name, ARN and MaxSessionDuration.'
    Description = @'
Get-SemaphoreRoleTrust calls IAM GetRole and returns the role's trust (assume-role) policy as a TrustPolicy, with RoleName, RoleArn and MaxSessionDuration added, so it pipes into Test-SemaphoreTrustPolicy -Policy and Set-SemaphoreRoleTrust. -RoleName completes from IAM with Tab when credentials are available.
'@
    Examples    = @(
        @{
            Title   = 'Which jobs may assume the deploy role?'
            Code    = '(Get-SemaphoreRoleTrust -RoleName deploy).SubjectPatterns'
            Remarks = 'The sub patterns the role''s Allow statements admit.'
        }
        @{
            Title   = 'Review every listed role''s trust policy'
            Code    = '''deploy'', ''read-only'' | Get-SemaphoreRoleTrust | Test-SemaphoreTrustPolicy'
            Remarks = 'Role names bind by value; each policy is reviewed for risky patterns.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Policies.TrustPolicy' = 'The role''s trust policy with RoleName, RoleArn and MaxSessionDuration.' }
    Links       = @('Set-SemaphoreRoleTrust', 'Test-SemaphoreTrustPolicy')
}
