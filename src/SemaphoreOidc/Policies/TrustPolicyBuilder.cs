using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// Builds a trust policy from intent, in the shape of Semaphore's own AWS examples: Principal = the
    /// organisation's IAM OIDC provider, Action = sts:AssumeRoleWithWebIdentity, a StringEquals <c>aud</c>
    /// condition, and <c>sub</c> values (one per project x repository x ref) under StringEquals when exact and
    /// StringLike when they hold wildcards. IAM ANDs operator blocks, so <c>sub</c> under both operators in one
    /// statement would admit only subjects matching both: a mix of exact values and patterns becomes two
    /// statements, one per operator.
    /// </summary>
    public static class TrustPolicyBuilder
    {
        private static readonly Regex ProjectPattern = new Regex(@"^[0-9a-fA-F*?-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex RepositoryName = new Regex(@"^[A-Za-z0-9._*?-]{1,100}$", RegexOptions.CultureInvariant);

        public static TrustPolicy Build(TrustPolicyRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));

            string organization = IssuerUrl.ForOrganization(request.Organization).HostAndPath.Split('.')[0];
            ResolveProvider(request, organization, out IssuerUrl issuer, out string providerArn);

            string host = issuer.HostAndPath;
            var subjects = new List<string>();
            foreach (string project in Projects(request.ProjectIds))
            {
                foreach (string repository in Repositories(request.Repositories))
                {
                    foreach (string reference in References(request))
                    {
                        subjects.Add($"org:{organization}:project:{project}:repo:{repository}:{reference}");
                    }
                }
            }

            if (HasValues(request.RawSubjects) && !HasValues(request.ProjectIds) && !HasValues(request.Repositories)
                && !HasValues(request.Branches) && !HasValues(request.Tags) && !request.PullRequest)
            {
                subjects.Clear(); // raw subjects alone: the "any" pattern above was only a placeholder
            }

            foreach (string raw in request.RawSubjects ?? new List<string>()) subjects.Add(CheckRawSubject(raw, organization));

            subjects = subjects.Distinct(StringComparer.Ordinal).ToList();
            foreach (string subject in subjects) CheckBreadth(subject, request.AllowBroad);

            var exact = subjects.Where(s => !ConditionValue.Parse(s, true).Glob.HasWildcard).ToList();
            var patterns = subjects.Where(s => ConditionValue.Parse(s, true).Glob.HasWildcard).ToList();
            string json = Write(providerArn, issuer.Value, host, exact, patterns, request.AllowSessionTags);
            TrustPolicy policy = TrustPolicy.Parse(json);

            if (request.MaxSize > 0 && policy.Size > request.MaxSize)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyTooLarge, ErrorKind.LimitsExceeded,
                    $"The trust policy would be {policy.Size} characters (IAM counts all but whitespace), over the maximum size of {request.MaxSize} asked for. " +
                    "Use wildcards (a branch pattern such as 'release/*') instead of listing many values, or split the jobs across roles.", policy.Size);
            }

            return policy;
        }

        private static void ResolveProvider(TrustPolicyRequest request, string organization, out IssuerUrl issuer, out string providerArn)
        {
            issuer = string.IsNullOrEmpty(request.IssuerUrl) ? null : IssuerUrl.Parse(request.IssuerUrl);
            if (!string.IsNullOrEmpty(request.ProviderArn))
            {
                OidcProviderArn arn = OidcProviderArn.Parse(request.ProviderArn);
                if (!string.IsNullOrEmpty(request.Partition) && request.Partition != arn.Partition)
                {
                    throw PolicyErrors.Invalid(PolicyErrorIds.ProviderMismatch,
                        $"The partition {request.Partition} differs from the provider ARN's partition {arn.Partition}; leave the partition out: the ARN names it.", request.Partition);
                }

                // Without an issuer URL a self-hosted provider's ARN tells the issuer; a semaphoreci.com provider
                // must belong to the organisation, or the policy would trust another organisation's tokens.
                if (issuer == null)
                {
                    issuer = IssuerUrl.OrganizationOfHost(arn.HostAndPath) == null ? IssuerUrl.Parse(arn.Url) : IssuerUrl.ForOrganization(organization);
                }

                if (!string.Equals(arn.HostAndPath, issuer.HostAndPath, StringComparison.Ordinal))
                {
                    throw PolicyErrors.Invalid(PolicyErrorIds.ProviderMismatch,
                        $"The provider ARN is for '{arn.HostAndPath}' but the issuer is '{issuer.Value}'; IAM only lets a provider's tokens assume roles that name that provider. " +
                        "Give the ARN of the provider registered for this issuer (Get-SemaphoreOidcProvider), or the matching issuer URL.", request.ProviderArn);
                }

                providerArn = arn.Value;
                return;
            }

            issuer = issuer ?? IssuerUrl.ForOrganization(organization);
            if (string.IsNullOrWhiteSpace(request.AccountId))
            {
                throw PolicyErrors.Invalid(AwsErrorIds.AccountIdInvalid,
                    "Neither an account id nor a provider ARN was given: the policy must name the account's provider.", request.AccountId);
            }

            string account = AwsAccountId.Validate(request.AccountId);
            AwsPartition partition = string.IsNullOrEmpty(request.Partition) ? AwsPartition.Standard : AwsPartition.Get(request.Partition);
            providerArn = $"arn:{partition.Name}:iam::{account}:oidc-provider/{issuer.HostAndPath}";
        }

        private static IEnumerable<string> Projects(IList<string> projects)
        {
            if (!HasValues(projects)) return new[] { "*" };
            return projects.Select(p =>
            {
                string value = p?.Trim() ?? string.Empty;
                if (Guid.TryParseExact(value, "D", out Guid id)) return id.ToString("D"); // Semaphore writes ids in lower case
                if (value.IndexOfAny(new[] { '*', '?' }) >= 0 && ProjectPattern.IsMatch(value)) return value.ToLowerInvariant();
                throw PolicyErrors.Invalid(PolicyErrorIds.ProjectIdInvalid,
                    $"'{p}' is not a Semaphore project id (a GUID such as 936a5312-a3b8-4921-8b3f-2cec8baac574, or a pattern of hex digits, '-', '*' and '?').", p);
            }).ToList();
        }

        private static IEnumerable<string> Repositories(IList<string> repositories)
        {
            if (!HasValues(repositories)) return new[] { "*" };
            return repositories.Select(r =>
            {
                string value = r?.Trim() ?? string.Empty;
                if (!RepositoryName.IsMatch(value))
                {
                    throw PolicyErrors.Invalid(PolicyErrorIds.RepositoryInvalid,
                        $"'{r}' is not a repository name as Semaphore's sub carries it (the name alone, e.g. 'web', not 'owner/web': letters, digits, '.', '_', '-', and '*'/'?' as wildcards).", r);
                }

                return value;
            }).ToList();
        }

        private static IEnumerable<string> References(TrustPolicyRequest request)
        {
            var refs = new List<string>();
            foreach (string branch in request.Branches ?? new List<string>())
            {
                refs.Add("ref_type:branch:ref:refs/heads/" + RefName(branch, "refs/heads/", PolicyErrorIds.BranchInvalid, "branch"));
            }

            foreach (string tag in request.Tags ?? new List<string>())
            {
                refs.Add("ref_type:tag:ref:refs/tags/" + RefName(tag, "refs/tags/", PolicyErrorIds.TagInvalid, "tag"));
            }

            // A pull request's ref is opaque (refs/pull/<n>/... in practice), so any ref is allowed for that type.
            if (request.PullRequest) refs.Add("ref_type:pull-request:ref:*");
            if (refs.Count == 0) refs.Add("ref_type:*:ref:*");
            return refs;
        }

        private static string RefName(string input, string prefix, string errorId, string what)
        {
            string name = input?.Trim() ?? string.Empty;
            if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name.Substring(prefix.Length);
            string problem = GitRefName.Problem(name);
            if (problem != null)
            {
                throw PolicyErrors.Invalid(errorId, $"'{input}' is not a {what} name: {problem}.", input);
            }

            // '$' is literal in a ref; ${$} keeps IAM from reading it as the start of a policy variable.
            return name.Replace("$", "${$}");
        }

        private static string CheckRawSubject(string raw, string organization)
        {
            string value = raw?.Trim() ?? string.Empty;
            var pattern = SubjectPattern.Analyze(value, isLike: true);
            if (!pattern.CanMatch)
            {
                throw PolicyErrors.Invalid(PolicyErrorIds.SubjectInvalid,
                    $"'{raw}' can never match a Semaphore subject (org:<org>:project:<id>:repo:<repo>:ref_type:<type>:ref:<ref>).", raw);
            }

            if (pattern.Organization != null && pattern.Organization != organization)
            {
                throw PolicyErrors.Invalid(PolicyErrorIds.SubjectInvalid,
                    $"'{raw}' names organisation '{pattern.Organization}', but the policy trusts {organization}'s issuer, whose tokens always say org:{organization}.", raw);
            }

            return value;
        }

        private static void CheckBreadth(string subject, bool allowBroad)
        {
            var pattern = SubjectPattern.Analyze(subject, isLike: true);
            if (!pattern.IsTooBroad || allowBroad) return;
            string what = pattern.AnyOrganization ? "any organisation"
                : pattern.AnyRepository ? "every project and repository of the organisation"
                : "any project whose repository has that name (a new project over a fork or a same-named repository qualifies)";
            throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyTooBroad, ErrorKind.InvalidArgument,
                $"The subject '{subject}' admits {what}: jobs of projects you did not choose could assume the role. Name the project, " +
                "or allow a broad subject explicitly if that is really meant.", subject);
        }

        private static string Write(string providerArn, string issuer, string host, List<string> exact, List<string> patterns, bool sessionTags)
        {
            using (var buffer = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    w.WriteStartObject();
                    w.WriteString("Version", TrustPolicy.CurrentVersion);
                    w.WriteStartArray("Statement");
                    if (exact.Count > 0) WriteStatement(w, providerArn, issuer, host, "StringEquals", exact, sessionTags);
                    if (patterns.Count > 0) WriteStatement(w, providerArn, issuer, host, "StringLike", patterns, sessionTags);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        private static void WriteStatement(Utf8JsonWriter w, string providerArn, string issuer, string host, string subOperator, List<string> subjects, bool sessionTags)
        {
            w.WriteStartObject();
            w.WriteString("Effect", "Allow");
            w.WriteStartObject("Principal");
            w.WriteString("Federated", providerArn);
            w.WriteEndObject();
            if (sessionTags)
            {
                w.WriteStartArray("Action");
                w.WriteStringValue(RequestContext.AssumeRoleAction);
                w.WriteStringValue(RequestContext.TagSessionAction);
                w.WriteEndArray();
            }
            else
            {
                w.WriteString("Action", RequestContext.AssumeRoleAction);
            }

            w.WriteStartObject("Condition");
            w.WriteStartObject("StringEquals");
            w.WriteString(host + ":aud", issuer);
            if (subOperator == "StringEquals") WriteValues(w, host + ":sub", subjects);
            w.WriteEndObject();
            if (subOperator == "StringLike")
            {
                w.WriteStartObject("StringLike");
                WriteValues(w, host + ":sub", subjects);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteValues(Utf8JsonWriter w, string key, List<string> values)
        {
            if (values.Count == 1)
            {
                w.WriteString(key, values[0]);
                return;
            }

            w.WriteStartArray(key);
            foreach (string value in values) w.WriteStringValue(value);
            w.WriteEndArray();
        }

        private static bool HasValues(IList<string> list) => list != null && list.Count > 0;
    }
}
