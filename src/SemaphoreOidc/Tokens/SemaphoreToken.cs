using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// A decoded Semaphore OIDC token (<c>SEMAPHORE_OIDC_TOKEN</c>). Decoding alone proves nothing about who
    /// issued it; <see cref="TokenVerifier"/> checks the signature. The compact token itself is a secret: it is
    /// kept in <see cref="RawToken"/> for the exchange and is never part of <see cref="ToString"/>.
    /// </summary>
    public sealed class SemaphoreToken
    {
        /// <summary>The AWS claim that carries session tags (IAM User Guide, session tags with web identity).</summary>
        public const string SessionTagsClaim = "https://aws.amazon.com/tags";

        private readonly string _rawToken;

        internal SemaphoreToken(string rawToken, string algorithm, string keyId, IReadOnlyDictionary<string, object> claims,
            DateTime? issuedAt, DateTime? notBefore, DateTime? expiresAt)
        {
            _rawToken = rawToken;
            Algorithm = algorithm;
            KeyId = keyId;
            Claims = claims;
            IssuedAt = issuedAt;
            NotBefore = notBefore;
            ExpiresAt = expiresAt;

            Issuer = ClaimValues.AsString(claims, "iss");
            Audiences = ReadAudiences(claims);
            Audience = Audiences.FirstOrDefault();
            Subject = ClaimValues.AsString(claims, "sub");

            // An organisation can switch individual claims off (only exp iat nbf iss aud jti are always
            // there), so each subject-derived value falls back to parsing sub, and sub itself may be absent
            // (docs/semaphore-token.md, "Claims").
            SubjectParts.TryParse(Subject, out SubjectParts parts);
            SubjectParts = parts;
            Organization = ClaimValues.AsString(claims, "org") ?? parts?.Organization;
            ProjectId = ClaimValues.AsString(claims, "prj_id") ?? parts?.ProjectId;
            Repository = ClaimValues.AsString(claims, "repo") ?? parts?.Repository;
            RefType = ClaimValues.AsString(claims, "ref_type") ?? parts?.RefType;
            Ref = ClaimValues.AsString(claims, "ref") ?? parts?.Ref;

            OrganizationId = ClaimValues.AsString(claims, "org_id");
            ProjectName = ClaimValues.AsString(claims, "prj");
            RepositorySlug = ClaimValues.AsString(claims, "repo_slug");
            Branch = ClaimValues.AsString(claims, "branch");
            Tag = ClaimValues.AsString(claims, "tag");
            PullRequest = ClaimValues.AsString(claims, "pr");
            PullRequestBranch = ClaimValues.AsString(claims, "pr_branch");
            JobId = ClaimValues.AsString(claims, "job_id");
            WorkflowId = ClaimValues.AsString(claims, "wf_id");
            PipelineId = ClaimValues.AsString(claims, "ppl_id");
            JobType = ClaimValues.AsString(claims, "job_type");
            Trigger = ClaimValues.AsString(claims, "trg");
            TokenId = ClaimValues.AsString(claims, "jti");
            SessionTags = ReadSessionTags(claims);
        }

        public string Issuer { get; }

        /// <summary>The first <c>aud</c> value; Semaphore issues exactly one, equal to the issuer URL.</summary>
        public string Audience { get; }

        /// <summary>Every <c>aud</c> value (a JWT may carry a string or an array).</summary>
        public string[] Audiences { get; }

        /// <summary>The <c>sub</c> claim, or null when the organisation switched it off.</summary>
        public string Subject { get; }

        /// <summary><see cref="Subject"/> split into its parts, or null when absent or not in Semaphore's shape.</summary>
        public SubjectParts SubjectParts { get; }

        public string Organization { get; }
        public string OrganizationId { get; }
        public string ProjectId { get; }
        public string ProjectName { get; }
        public string Repository { get; }
        public string RepositorySlug { get; }
        public string RefType { get; }
        public string Ref { get; }
        public string Branch { get; }
        public string Tag { get; }
        public string PullRequest { get; }
        public string PullRequestBranch { get; }
        public string JobId { get; }
        public string WorkflowId { get; }
        public string PipelineId { get; }
        public string JobType { get; }
        public string Trigger { get; }

        /// <summary>The <c>jti</c> claim: unique per token, safe to log.</summary>
        public string TokenId { get; }

        public DateTime? IssuedAt { get; }
        public DateTime? NotBefore { get; }
        public DateTime? ExpiresAt { get; }

        /// <summary>The header's <c>kid</c>: which JWKS key signed the token.</summary>
        public string KeyId { get; }

        /// <summary>The header's <c>alg</c>; RS256 for Semaphore.</summary>
        public string Algorithm { get; }

        /// <summary>Every payload claim, JSON values as string, long, double, bool, object[] or Dictionary&lt;string, object&gt;.</summary>
        public IReadOnlyDictionary<string, object> Claims { get; }

        /// <summary>Parsed <c>https://aws.amazon.com/tags</c>, or null when the token has none.</summary>
        public SessionTags SessionTags { get; }

        public bool HasSessionTags => SessionTags != null;

        /// <summary>The compact token as received. A secret: pass it to STS or a token file, never to a log.</summary>
        public string RawToken => _rawToken;

        /// <summary>True when <paramref name="utcNow"/> is at or after <c>exp</c>; a token without <c>exp</c> never expires here.</summary>
        public bool IsExpired(DateTime utcNow) => ExpiresAt.HasValue && utcNow.ToUniversalTime() >= ExpiresAt.Value;

        public override string ToString()
        {
            string who = Subject ?? Issuer ?? string.Empty;
            return ExpiresAt.HasValue
                ? who + " (expires " + ExpiresAt.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + ")"
                : who;
        }

        private static string[] ReadAudiences(IReadOnlyDictionary<string, object> claims)
        {
            if (!claims.TryGetValue("aud", out object aud) || aud == null) return new string[0];
            if (aud is object[] many) return many.OfType<string>().ToArray();
            string one = ClaimValues.AsString(claims, "aud");
            return one == null ? new string[0] : new[] { one };
        }

        private static SessionTags ReadSessionTags(IReadOnlyDictionary<string, object> claims)
        {
            if (!claims.TryGetValue(SessionTagsClaim, out object value) || !(value is Dictionary<string, object> tags))
            {
                return null;
            }

            var principal = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (tags.TryGetValue("principal_tags", out object p) && p is Dictionary<string, object> principalTags)
            {
                foreach (var pair in principalTags)
                {
                    // AWS's format is key -> array of strings; a bare string is accepted for leniency.
                    principal[pair.Key] = pair.Value is object[] values
                        ? values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray()
                        : new[] { Convert.ToString(pair.Value, CultureInfo.InvariantCulture) };
                }
            }

            string[] transitive = tags.TryGetValue("transitive_tag_keys", out object t) && t is object[] keys
                ? keys.Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)).ToArray()
                : new string[0];
            return new SessionTags(principal, transitive);
        }
    }
}
