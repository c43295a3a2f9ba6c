using System;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Policies
{
    /// <summary>Issuer-to-provider naming shared by the builder and the simulator (validation lives in <see cref="IssuerUrl"/>).</summary>
    internal static class IssuerUrlRules
    {
        private const string Https = "https://";

        /// <summary>The issuer without its scheme: IAM's provider ARN suffix and condition-key prefix.</summary>
        public static string HostAndPath(string issuer)
        {
            string rest = issuer.StartsWith(Https, StringComparison.OrdinalIgnoreCase) ? issuer.Substring(Https.Length) : issuer;
            return rest.TrimEnd('/');
        }

        /// <summary>Semaphore's cloud issuer for an organisation: https://&lt;org&gt;.semaphoreci.com (FACTS: the token).</summary>
        public static string DefaultFor(string organization) => IssuerUrl.ForOrganization(organization).Value;

        /// <summary>The organisation a semaphoreci.com host belongs to, or null for a self-hosted issuer.</summary>
        public static string OrganizationOfHost(string hostAndPath)
        {
            const string suffix = ".semaphoreci.com";
            return hostAndPath != null && hostAndPath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && hostAndPath.IndexOf('/') < 0
                ? hostAndPath.Substring(0, hostAndPath.Length - suffix.Length).ToLowerInvariant()
                : null;
        }
    }
}
