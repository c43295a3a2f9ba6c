using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// A statement's Principal. For AssumeRoleWithWebIdentity the caller is the IAM OIDC provider named in
    /// <c>Federated</c> (its ARN ends with the issuer without https://). <c>"Principal": "*"</c> is "everyone, even
    /// callers not signed in to AWS" (IAM User Guide, Principal, "All principals"), so it admits a web identity.
    /// AWS/Service/CanonicalUser principals are signed AWS identities or services and never the web-identity
    /// caller, except <c>{"AWS": "*"}</c>, whose reach to unsigned callers the guide leaves open: Unknown.
    /// </summary>
    public sealed class PolicyPrincipal
    {
        private readonly FederatedProvider[] _providers;

        internal PolicyPrincipal(bool isWildcard, IReadOnlyDictionary<string, string[]> byType)
        {
            IsWildcard = isWildcard;
            ByType = byType;
            Federated = byType.TryGetValue("Federated", out string[] federated) ? federated : new string[0];
            _providers = Federated.Select(FederatedProvider.Parse).ToArray();
        }

        /// <summary>True for <c>"Principal": "*"</c>.</summary>
        public bool IsWildcard { get; }

        /// <summary>Principal type (AWS, Federated, Service, CanonicalUser, ...) to its values.</summary>
        public IReadOnlyDictionary<string, string[]> ByType { get; }

        public string[] Federated { get; }

        /// <summary>The host[/path] of every OIDC provider ARN among the Federated values.</summary>
        public IEnumerable<string> ProviderHosts => _providers.Where(p => p.Parsed != null).Select(p => p.Parsed.HostAndPath);

        internal MatchOutcome Match(RequestContext request, out string reason, bool explain)
        {
            reason = null;
            if (IsWildcard)
            {
                if (explain) reason = "Principal \"*\" admits every caller, a web identity included.";
                return MatchOutcome.Match;
            }

            foreach (FederatedProvider provider in _providers)
            {
                if (provider.Matches(request))
                {
                    if (explain) reason = $"Federated {provider.Arn} is the IAM provider for {request.Issuer}.";
                    return MatchOutcome.Match;
                }
            }

            if (ByType.TryGetValue("AWS", out string[] aws) && aws.Contains("*"))
            {
                if (explain) reason = "Principal {\"AWS\": \"*\"} covers signed AWS identities; whether it admits an unsigned web-identity call is not simulated.";
                return MatchOutcome.Unknown;
            }

            if (explain)
            {
                reason = Federated.Length == 0
                    ? $"No Federated principal: a web-identity request is made by the IAM OIDC provider for {request.ProviderHost}."
                    : $"Federated [{string.Join(", ", Federated)}] does not name the IAM OIDC provider for {request.ProviderHost}"
                      + (request.AccountId != null ? $" in account {request.AccountId}" : string.Empty) + ".";
            }

            return MatchOutcome.NoMatch;
        }

        private sealed class FederatedProvider
        {
            public string Arn;

            /// <summary>Null when the value is not an OIDC provider ARN (a SAML provider, accounts.google.com, a typo).</summary>
            public OidcProviderArn Parsed;

            public static FederatedProvider Parse(string arn) =>
                new FederatedProvider { Arn = arn, Parsed = OidcProviderArn.TryParse(arn, out OidcProviderArn parsed) ? parsed : null };

            // IAM names a provider by its URL exactly as registered; the issuer host is lower case (DNS), so
            // an exact comparison is what STS does when it resolves iss to a provider.
            public bool Matches(RequestContext request) =>
                Parsed != null
                && string.Equals(Parsed.HostAndPath, request.ProviderHost, StringComparison.Ordinal)
                && (request.AccountId == null || Parsed.AccountId == request.AccountId)
                && (request.Partition == null || Parsed.Partition == request.Partition);
        }
    }
}
