using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// Reviews a trust policy without a request: the mistakes that let the wrong jobs in (or keep the right
    /// ones out) in web-identity trust policies. Only Allow statements that cover sts:AssumeRoleWithWebIdentity
    /// are reviewed for conditions; other statements (an EC2 service principal, a Deny) are left alone.
    /// </summary>
    public static class FindingsAnalyzer
    {
        /// <summary>Share of the size quota from which the policy is reported as near the limit.</summary>
        public const double NearLimitShare = 0.9;

        public static IReadOnlyList<PolicyFinding> Analyze(TrustPolicy policy, int sizeQuota = TrustPolicy.DefaultSizeQuota)
        {
            var findings = new List<PolicyFinding>();
            foreach (PolicyStatement statement in policy.Statements)
            {
                if (statement.Effect != PolicyEffect.Allow || !statement.CoversAssumeRole) continue;
                ReviewPrincipal(statement, findings);
                ReviewConditions(statement, findings);
            }

            int size = policy.Size;
            if (size > sizeQuota)
            {
                findings.Add(new PolicyFinding(FindingIds.PolicySizeOverLimit, FindingSeverity.High, null,
                    $"The policy is {size} characters as IAM counts them (whitespace excluded), over the quota of {sizeQuota}; IAM refuses it with LimitExceeded.",
                    "Merge sub values into StringLike patterns, remove duplicates, or raise the account's AssumeRolePolicySizeQuota."));
            }
            else if (size >= sizeQuota * NearLimitShare)
            {
                findings.Add(new PolicyFinding(FindingIds.PolicySizeNearLimit, FindingSeverity.Low, null,
                    $"The policy is {size} of {sizeQuota} characters; a few more subjects will exceed IAM's quota.",
                    "Prefer patterns (release/*) to long lists of exact subjects."));
            }

            return findings;
        }

        private static void ReviewPrincipal(PolicyStatement statement, List<PolicyFinding> findings)
        {
            if (statement.Principal == null) return;
            if (statement.Principal.IsWildcard || (statement.Principal.ByType.TryGetValue("AWS", out string[] aws) && aws.Contains("*")))
            {
                findings.Add(new PolicyFinding(FindingIds.PrincipalWildcard, FindingSeverity.High, statement,
                    "The principal is \"*\": any caller, not only Semaphore jobs, may try to assume the role.",
                    "Name the organisation's provider: \"Principal\": {\"Federated\": \"arn:aws:iam::<account>:oidc-provider/<org>.semaphoreci.com\"}."));
                return;
            }

            foreach (string federated in statement.Principal.Federated)
            {
                if (!OidcProviderArn.TryParse(federated, out OidcProviderArn arn))
                {
                    findings.Add(new PolicyFinding(FindingIds.PrincipalNotSemaphoreIssuer, FindingSeverity.Info, statement,
                        $"Federated principal '{federated}' is not an IAM OIDC provider ARN, so no Semaphore job can use this statement (fine for a SAML or web provider).",
                        "For Semaphore cloud, use arn:aws:iam::<account>:oidc-provider/<org>.semaphoreci.com."));
                }
                else if (IssuerUrl.OrganizationOfHost(arn.HostAndPath) == null)
                {
                    findings.Add(new PolicyFinding(FindingIds.PrincipalNotSemaphoreIssuer, FindingSeverity.Info, statement,
                        $"Federated principal '{federated}' is not a semaphoreci.com issuer (fine for self-hosted Semaphore or another identity provider).",
                        "For Semaphore cloud, use arn:aws:iam::<account>:oidc-provider/<org>.semaphoreci.com."));
                }
            }
        }

        private static void ReviewConditions(PolicyStatement statement, List<PolicyFinding> findings)
        {
            string[] hosts = statement.Principal?.ProviderHosts.Select(h => h.ToLowerInvariant()).ToArray() ?? new string[0];
            bool IsKey(PolicyCondition c, string suffix) => c.Key.Suffix == suffix && (hosts.Length == 0 ? !c.Key.IsGlobal : hosts.Contains(c.Key.Prefix));

            // Only a positive operator without IfExists actually requires the key to hold a listed value.
            bool Restricts(PolicyCondition c) => c.Operator.IsPositiveString && !c.Operator.IfExists && c.Operator.Qualifier != SetQualifier.ForAllValues;

            if (!statement.Conditions.Any(c => IsKey(c, "aud") && Restricts(c)))
            {
                findings.Add(new PolicyFinding(FindingIds.MissingAudienceCondition, FindingSeverity.High, statement,
                    "No StringEquals condition on the provider's :aud key: tokens minted for any audience of this issuer are accepted.",
                    "Add \"StringEquals\": {\"<host>:aud\": \"https://<org>.semaphoreci.com\"} (New-SemaphoreTrustPolicy always does)."));
            }

            if (!statement.Conditions.Any(c => IsKey(c, "sub") && Restricts(c)))
            {
                findings.Add(new PolicyFinding(FindingIds.MissingSubjectCondition, FindingSeverity.High, statement,
                    "No condition on the provider's :sub key: every job of every project in the organisation can assume the role.",
                    "Restrict :sub to the projects, repositories and branches that need the role (New-SemaphoreTrustPolicy -ProjectId ... -Branch ...)."));
            }

            string organization = hosts.Select(IssuerUrl.OrganizationOfHost).FirstOrDefault(o => o != null);
            foreach (PolicyCondition condition in statement.Conditions)
            {
                ReviewOperator(statement, condition, findings);
                if (IsKey(condition, "sub") && Restricts(condition)) ReviewSubjects(statement, condition, organization, findings);
                if (condition.Key.Prefix == "aws" && (condition.Key.Suffix.StartsWith("requesttag/", StringComparison.Ordinal) || condition.Key.Suffix == "tagkeys")
                    || condition.Key.Name.Equals("sts:TransitiveTagKeys", StringComparison.OrdinalIgnoreCase))
                {
                    if (!statement.CoversTagSession)
                    {
                        findings.Add(new PolicyFinding(FindingIds.SessionTagsWithoutTagSession, FindingSeverity.Medium, statement,
                            $"The statement checks session tags ({condition.Key.Name}) but does not allow sts:TagSession, so STS refuses every token that carries tags.",
                            "Add \"sts:TagSession\" to the statement's Action (New-SemaphoreTrustPolicy -AllowSessionTags)."));
                    }
                }
            }
        }

        private static void ReviewOperator(PolicyStatement statement, PolicyCondition condition, List<PolicyFinding> findings)
        {
            ConditionOperator op = condition.Operator;
            if (op.Qualifier == SetQualifier.ForAllValues)
            {
                findings.Add(new PolicyFinding(FindingIds.ForAllValuesInAllow, FindingSeverity.High, statement,
                    $"{op.Name} on {condition.Key.Name} in an Allow statement is true when the key is missing or empty, so it admits requests without it.",
                    "Use the operator without ForAllValues (or ForAnyValue:) for single-valued keys like aud and sub."));
            }

            if (!op.IsSupported)
            {
                findings.Add(new PolicyFinding(FindingIds.UnsupportedOperator, FindingSeverity.Info, statement,
                    $"{op.Name} on {condition.Key.Name} is not simulated offline; Test-SemaphoreTrustPolicy reports Unknown for requests it decides.",
                    "Only String operators and Null apply to a Semaphore provider's aud and sub keys."));
                return;
            }

            if ((op.Kind == ConditionOperatorKind.StringEquals || op.Kind == ConditionOperatorKind.StringEqualsIgnoreCase
                    || op.Kind == ConditionOperatorKind.StringNotEquals || op.Kind == ConditionOperatorKind.StringNotEqualsIgnoreCase)
                && condition.CompiledValues.Any(v => v.Glob.HasWildcard))
            {
                findings.Add(new PolicyFinding(FindingIds.WildcardInStringEquals, FindingSeverity.Medium, statement,
                    $"{op.Name} on {condition.Key.Name} has a value with '*' or '?', which {op.Name} compares literally: it matches only a value containing that character.",
                    "Use StringLike for patterns."));
            }

            if (op.IsLike && condition.CompiledValues.All(v => !v.Glob.HasWildcard && !v.HasVariable))
            {
                findings.Add(new PolicyFinding(FindingIds.StringLikeWithoutWildcard, FindingSeverity.Low, statement,
                    $"{op.Name} on {condition.Key.Name} has no wildcard in any value: it is an exact comparison written as a pattern.",
                    "Use StringEquals (or StringNotEquals) to say exact match."));
            }
        }

        private static void ReviewSubjects(PolicyStatement statement, PolicyCondition condition, string organization, List<PolicyFinding> findings)
        {
            bool like = condition.Operator.IsLike;
            foreach (string value in condition.Values)
            {
                var pattern = SubjectPattern.Analyze(value, like);
                if (!pattern.CanMatch)
                {
                    findings.Add(new PolicyFinding(FindingIds.SubjectNeverMatches, FindingSeverity.Low, statement,
                        $"'{value}' cannot match a Semaphore subject (org:<org>:project:<id>:repo:<repo>:ref_type:<type>:ref:<ref>).",
                        "Check the segment names and count; build the value with New-SemaphoreTrustPolicy."));
                    continue;
                }

                if (pattern.AnyOrganization)
                {
                    findings.Add(new PolicyFinding(FindingIds.SubjectAdmitsAnyOrganization, FindingSeverity.High, statement,
                        $"'{value}' admits any organisation.", "Start the pattern with org:<your-org>:."));
                }
                else if (organization != null && pattern.Organization != null && pattern.Organization != organization)
                {
                    findings.Add(new PolicyFinding(FindingIds.SubjectAdmitsOtherOrganization, FindingSeverity.High, statement,
                        $"'{value}' names organisation '{pattern.Organization}', but the principal is {organization}'s issuer.",
                        $"Use org:{organization}: (or trust the other organisation's own provider)."));
                }

                if (pattern.AnyProject && pattern.AnyRepository)
                {
                    findings.Add(new PolicyFinding(FindingIds.SubjectAdmitsAnyProject, FindingSeverity.High, statement,
                        $"'{value}' admits every project and repository of the organisation: anyone who can create a project or push a branch there can assume the role.",
                        "Name the project id (project:<uuid>) and, where possible, the repository and branch."));
                }
                else if (pattern.AnyProject)
                {
                    findings.Add(new PolicyFinding(FindingIds.SubjectProjectUnrestricted, FindingSeverity.High, statement,
                        $"'{value}' admits any project whose repository has this name: a new project over a fork or a same-named repository qualifies.",
                        "Name the project id (project:<uuid>) as well."));
                }
            }
        }
    }
}
