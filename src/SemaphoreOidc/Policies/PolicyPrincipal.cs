using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

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
        private static readonly Regex ProviderArn = new Regex(
            @"^arn:(?<partition>aws[a-z-]*):iam::(?<account>\d{12}):oidc-provider/(?<host>.+)$", RegexOptions.CultureInvariant);

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
        public IEnumerable<string> ProviderHosts => _providers.Where(p => p.Host != null).Select(p => p.Host);

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
            public string Partition;
            public string Account;
            public string Host;

            public static FederatedProvider Parse(string arn)
            {
                Match m = ProviderArn.Match(arn ?? string.Empty);
                return m.Success
                    ? new FederatedProvider { Arn = arn, Partition = m.Groups["partition"].Value, Account = m.Groups["account"].Value, Host = m.Groups["host"].Value }
                    : new FederatedProvider { Arn = arn };
            }

            // IAM names a provider by its URL exactly as registered; the issuer host is lower case (DNS), so
            // an exact comparison is what STS does when it resolves iss to a provider.
            public bool Matches(RequestContext request) =>
                Host != null
                && string.Equals(Host, request.ProviderHost, StringComparison.Ordinal)
                && (request.AccountId == null || Account == request.AccountId)
                && (request.Partition == null || Partition == request.Partition);
        }
    }
}
