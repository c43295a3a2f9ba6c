using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;

using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Policies
{
    /// <summary>Whether a condition key is in the request, and whether its value is known offline.</summary>
    public enum KeyPresence
    {
        Present,
        Absent,
        Unknown,
    }

    /// <summary>
    /// What STS puts in the request context of AssumeRoleWithWebIdentity for a Semaphore token, as far as a
    /// trust policy can see it: the provider (from iss), <c>&lt;host&gt;:aud</c>, <c>&lt;host&gt;:sub</c>, and whether
    /// the token carries session tags (then <c>sts:TagSession</c> must be allowed too). A generic OIDC
    /// provider has no other claim keys (docs/trust-policies.md, "What a Semaphore trust policy can check").
    /// </summary>
    public sealed class RequestContext
    {
        public const string AssumeRoleAction = "sts:AssumeRoleWithWebIdentity";
        public const string TagSessionAction = "sts:TagSession";

        private static readonly string[] None = new string[0];

        public RequestContext(string issuer, string subject, IEnumerable<string> audiences = null, bool hasSessionTags = false)
        {
            if (string.IsNullOrEmpty(issuer))
            {
                throw new SemaphoreOidcException(PolicyErrorIds.PolicyRequestInvalid, ErrorKind.InvalidArgument,
                    "The request has no issuer: name the issuer or the organisation (or give a subject that starts with org:<org>:).");
            }

            Issuer = issuer.TrimEnd('/');
            ProviderHost = IssuerUrl.HostAndPathOf(Issuer);
            ProviderHostLower = string.Intern(ProviderHost.ToLowerInvariant()); // interned: key prefixes compare by reference first
            Subject = subject;
            Audiences = (audiences ?? new[] { Issuer }).Where(a => a != null).ToArray();
            HasSessionTags = hasSessionTags;
            SubjectValues = subject == null ? None : new[] { subject };
        }

        /// <summary>The token's iss; the trust policy's principal must be the IAM provider for it.</summary>
        public string Issuer { get; }

        /// <summary>Issuer without https://: the provider ARN's suffix and the condition-key prefix.</summary>
        public string ProviderHost { get; }

        public string Subject { get; }

        public string[] Audiences { get; }

        public bool HasSessionTags { get; }

        /// <summary>When set, the principal's account must be this one; otherwise any account's provider for the issuer counts.</summary>
        public string AccountId { get; set; }

        /// <summary>When set, the principal's partition must be this one.</summary>
        public string Partition { get; set; }

        internal string ProviderHostLower { get; }

        internal string[] SubjectValues { get; }

        /// <summary>The actions STS authorises for this request: TagSession as well when the token carries tags.</summary>
        public string[] RequiredActions => HasSessionTags ? new[] { AssumeRoleAction, TagSessionAction } : new[] { AssumeRoleAction };

        /// <summary>A context from a raw subject; the issuer defaults to https://&lt;org&gt;.semaphoreci.com with org read from the subject.</summary>
        public static RequestContext ForSubject(string subject, string issuer = null, string audience = null, string organization = null, bool hasSessionTags = false)
        {
            if (string.IsNullOrEmpty(subject))
            {
                throw new SemaphoreOidcException(PolicyErrorIds.SubjectInvalid, ErrorKind.InvalidArgument, "The subject is empty.", subject);
            }

            issuer = issuer ?? DefaultIssuer(organization ?? SubjectPattern.OrganizationOf(subject), subject);
            return new RequestContext(issuer, subject, audience == null ? null : new[] { audience }, hasSessionTags);
        }

        /// <summary>
        /// A context from claims read elsewhere (a token object, a hashtable). Without an issuer, the organisation
        /// (given, or read from the subject) gives Semaphore's default https://&lt;org&gt;.semaphoreci.com. The subject
        /// may be absent: an organisation can switch the sub claim off.
        /// </summary>
        public static RequestContext ForClaims(string issuer, string subject, IEnumerable<string> audiences, bool hasSessionTags, string organization = null)
        {
            issuer = string.IsNullOrEmpty(issuer) ? DefaultIssuer(organization ?? SubjectPattern.OrganizationOf(subject), subject) : issuer;
            var list = audiences?.Where(a => !string.IsNullOrEmpty(a)).ToArray();
            return new RequestContext(issuer, string.IsNullOrEmpty(subject) ? null : subject, list == null || list.Length == 0 ? null : list, hasSessionTags);
        }

        /// <summary>A context from a compact JWT (decoded, not verified: the simulator only needs its claims).</summary>
        public static RequestContext FromToken(string jwt)
        {
            SemaphoreToken token = TokenReader.Read(jwt);
            string issuer = token.Issuer;
            if (issuer == null && token.Organization != null) issuer = IssuerUrl.ForOrganization(token.Organization).Value;
            return new RequestContext(issuer, token.Subject, token.Audiences, token.HasSessionTags);
        }

        /// <summary>Many contexts for one issuer (benchmarks and bulk checks).</summary>
        public static RequestContext[] ForSubjects(string issuer, IEnumerable<string> subjects) =>
            subjects.Select(s => new RequestContext(issuer, s)).ToArray();

        internal KeyPresence Lookup(ConditionKey key, out string[] values)
        {
            if (key.Prefix == ProviderHostLower)
            {
                if (key.Suffix == "sub")
                {
                    values = SubjectValues;
                    return values.Length == 0 ? KeyPresence.Absent : KeyPresence.Present;
                }

                if (key.Suffix == "aud")
                {
                    values = Audiences;
                    return values.Length == 0 ? KeyPresence.Absent : KeyPresence.Present;
                }
            }

            values = None;
            return key.IsGlobal ? KeyPresence.Unknown : KeyPresence.Absent;
        }

        private static string DefaultIssuer(string organization, string subject)
        {
            if (string.IsNullOrEmpty(organization))
            {
                throw new SemaphoreOidcException(PolicyErrorIds.PolicyRequestInvalid, ErrorKind.InvalidArgument,
                    "Cannot tell the issuer: the subject does not start with org:<org>: and neither an issuer nor an organisation was given.", subject);
            }

            return IssuerUrl.ForOrganization(organization).Value;
        }

        public override string ToString() => $"iss={Issuer} aud={string.Join(",", Audiences)} sub={Subject ?? "(none)"}";
    }
}
