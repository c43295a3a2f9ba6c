@{
    Synopsis    = 'Builds an IAM role trust policy that lets exactly the named Semaphore projects, repositories, branches, tags and pull requests assume the role.'
    Description = @'
New-SemaphoreTrustPolicy writes the trust policy from intent: the organisation and account (or provider ARN) give the principal and the audience condition; -ProjectId, -Repository, -Branch, -Tag and -PullRequest give the sub patterns of Semaphore's token (org:<org>:project:<id>:repo:<repo>:ref_type:<type>:ref:<ref>). It works offline and returns a TrustPolicy with its JSON, statements, subject patterns and size as IAM counts it.

In -ProjectId, -Repository, -Branch and -Tag, '*' and '?' are wildcards (git refs and repository names cannot contain them) and '$' is literal. -Subject takes raw IAM StringLike values, where ${*}, ${?} and ${$} write literal characters.

A policy that admits any project (no -ProjectId: the repo claim has no owner, so a new project over a fork or a same-named repository would qualify) or any organisation is refused unless -AllowBroad is given; a policy over IAM's default size quota (2048) gives a warning. Pipe the result to Test-SemaphoreTrustPolicy to check it and to Set-SemaphoreRoleTrust to apply it.
'@
    Examples    = @(
        @{
            Title   = 'Deploys from main and release tags of one repository'
            Code    = 'New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Repository web -Branch main -Tag ''v*'''
            Remarks = 'Admits org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main and ...:ref_type:tag:ref:refs/tags/v*.'
        }
        @{
            Title   = 'Check, then apply to a role'
            Code    = '$policy = New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Branch main
$policy | Test-SemaphoreTrustPolicy -Subject ''org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main''
$policy | Set-SemaphoreRoleTrust -RoleName deploy'
            Remarks = 'The first command builds the policy, the second shows it admits a main-branch job of the project, the third merges it into the deploy role''s trust policy.'
        }
        @{
            Title   = 'Exact branches and branch patterns together'
            Code    = 'New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Repository web -Branch main, ''release/*'''
            Remarks = 'Admits main exactly (under StringEquals) and every release/ branch (under StringLike) of one project''s repository, in two statements: IAM would AND the two operators if they shared one.'
        }
        @{
            Title   = 'From the registered provider, reviewed before it is applied'
            Code    = 'Get-SemaphoreOidcProvider -Organization my-org | New-SemaphoreTrustPolicy -Organization my-org -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Tag ''v*'' | Test-SemaphoreTrustPolicy'
            Remarks = 'The provider''s Arn binds to -ProviderArn, so the policy names the provider the account really has; Test-SemaphoreTrustPolicy then lists any risky pattern.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Policies.TrustPolicy' = 'The policy: Json, Statements, SubjectPatterns and Size.' }
    Links       = @('Test-SemaphoreTrustPolicy', 'Set-SemaphoreRoleTrust')
}
