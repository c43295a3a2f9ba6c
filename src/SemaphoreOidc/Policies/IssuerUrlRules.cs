using System;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Policies
{
    /// <summary>Issuer-to-organisation naming shared by the builder and the simulator (validation and host naming live in <see cref="IssuerUrl"/>).</summary>
    internal static class IssuerUrlRules
    {
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
