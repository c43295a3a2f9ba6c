@{
    Synopsis    = 'Simulates offline whether a trust policy lets a Semaphore job (token, claims or subject) assume the role, and why; with only a policy, lists its risky patterns.'
    Description = @'
Test-SemaphoreTrustPolicy evaluates a trust policy as IAM does for sts:AssumeRoleWithWebIdentity, without calling AWS. Give the job as a token (-Token), a token object or hashtable (-Claims, e.g. from Get-SemaphoreOidcToken) or a subject string (-Subject); the result is a PolicyDecision: Allowed, Denied, ImplicitDeny or Unknown, the reason, and per statement and condition whether it matched.

It decides as IAM does: the String operators with their IfExists, Not and IgnoreCase forms, Null, the ForAnyValue and ForAllValues set operators, explicit Deny over Allow, the principal and the action, and sts:TagSession as well for a token that carries session tags. What cannot be decided offline (other operators, policy variables, aws:* keys) makes the decision Unknown, with the reason, never a guess. docs/trust-policies.md in the repository states every rule.

A token is decoded, not verified: the decision says what IAM would decide for the claims it carries, not that it is genuine. Get-SemaphoreOidcToken -Verify checks that, against the issuer you pin.

With only -Policy it reviews the policy and returns PolicyFinding objects for risky patterns: missing audience or subject conditions, subjects that admit any project or organisation, wildcards under StringEquals, a size near IAM's quota, and more. Each finding has a stable Id and says how to fix it.
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore job: would this job be let in?'
            Code    = 'Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy -Policy (Get-SemaphoreRoleTrust -RoleName deploy)'
            Remarks = 'The job''s own token against the role''s current trust policy; the Reason of an ImplicitDeny names the condition that did not match.'
        }
        @{
            Title   = 'A subject against a policy file'
            Code    = 'Test-SemaphoreTrustPolicy -Policy ./trust.json -Subject ''org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main'' | Format-List'
            Remarks = 'Reads the JSON file and lists the decision with each statement''s outcome.'
        }
        @{
            Title   = 'Review a policy'
            Code    = 'New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -Subject ''org:my-org:*'' -AllowBroad | Test-SemaphoreTrustPolicy'
            Remarks = 'Returns a High SubjectAdmitsAnyProject finding with its fix.'
        }
    )
    Outputs     = @{
        'SemaphoreOidc.Policies.PolicyDecision' = 'With -Token, -Claims or -Subject: the decision and why.'
        'SemaphoreOidc.Policies.PolicyFinding'  = 'With only -Policy: one object per risky pattern.'
    }
    Links       = @('New-SemaphoreTrustPolicy', 'Get-SemaphoreOidcToken')
}
