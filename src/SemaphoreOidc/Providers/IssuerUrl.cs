using System;
using System.Text.RegularExpressions;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Providers
{
    /// <summary>
    /// An OIDC issuer URL as IAM accepts it for a provider and as it must appear in tokens' <c>iss</c>:
    /// https only, host plus optional path, no port, query, fragment or trailing slash, at most 255 characters.
    /// </summary>
    public sealed class IssuerUrl
    {
        private static readonly Regex Organization = new Regex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant);

        private IssuerUrl(string value, string hostAndPath)
        {
            Value = value;
            HostAndPath = hostAndPath;
        }

        /// <summary>The URL exactly as tokens carry it in <c>iss</c>, e.g. https://my-org.semaphoreci.com.</summary>
        public string Value { get; }

        /// <summary>The URL without https://: IAM's provider ARN suffix and condition-key prefix.</summary>
        public string HostAndPath { get; }

        public static IssuerUrl ForOrganization(string organization)
        {
            string org = organization?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(org) || !Organization.IsMatch(org))
            {
                throw new SemaphoreOidcException(ProviderErrorIds.OrganizationInvalid, ErrorKind.InvalidArgument,
                    $"'{InputText.Show(organization)}' is not a Semaphore organisation name (the <org> of https://<org>.semaphoreci.com: letters, digits and dashes). " +
                    "For self-hosted Semaphore give the issuer URL instead.", organization);
            }

            return Parse("https://" + org + ".semaphoreci.com");
        }

        public static IssuerUrl Parse(string url)
        {
            string value = url?.Trim();
            string problem = null;
            Uri uri = null;
            if (string.IsNullOrEmpty(value)) problem = "it is empty";
            else if (value.Length > 255) problem = "IAM accepts at most 255 characters";
            else if (!Uri.TryCreate(value, UriKind.Absolute, out uri)) problem = "it is not an absolute URL";
            else if (uri.Scheme != Uri.UriSchemeHttps) problem = "IAM accepts only https:// provider URLs";
            else if (!string.IsNullOrEmpty(uri.Query) || value.Contains("?")) problem = "it has a query string";
            else if (!string.IsNullOrEmpty(uri.Fragment) || value.Contains("#")) problem = "it has a fragment";
            else if (!uri.IsDefaultPort || value.Substring("https://".Length).Split('/')[0].Contains(":")) problem = "it has a port (IAM refuses ports)";
            else if (!string.IsNullOrEmpty(uri.UserInfo)) problem = "it has user information";
            else if (value.EndsWith("/", StringComparison.Ordinal)) problem = "it ends with '/' (tokens' iss has no trailing slash, and IAM matches it exactly)";
            else if (uri.HostNameType != UriHostNameType.Dns) problem = "its host is not a DNS name";

            if (problem != null)
            {
                // User information may be a password: never repeated (docs/aws-names.md, "Endpoints").
                string shown = InputText.WithoutUserInfo(url);
                throw new SemaphoreOidcException(ProviderErrorIds.IssuerUrlInvalid, ErrorKind.InvalidArgument,
                    $"'{InputText.Show(shown)}' cannot be an IAM OIDC provider URL: {problem}. Use the issuer exactly as Semaphore's tokens carry it, e.g. https://my-org.semaphoreci.com.",
                    shown);
            }

            // Keep the host's case as IAM does not; lower-case it as DNS and Semaphore do.
            string hostAndPath = uri.Host.ToLowerInvariant() + uri.AbsolutePath.TrimEnd('/');
            return new IssuerUrl("https://" + hostAndPath, hostAndPath);
        }

        /// <summary>
        /// The organisation a Semaphore cloud host (<c>&lt;org&gt;.semaphoreci.com</c>, no path) belongs to, or null for
        /// any other issuer, such as self-hosted Semaphore (docs/aws-names.md, "OIDC providers").
        /// </summary>
        public static string OrganizationOfHost(string hostAndPath)
        {
            const string suffix = ".semaphoreci.com";
            return hostAndPath != null && hostAndPath.Length > suffix.Length && hostAndPath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && hostAndPath.IndexOf('/') < 0
                ? hostAndPath.Substring(0, hostAndPath.Length - suffix.Length).ToLowerInvariant()
                : null;
        }

        /// <summary>
        /// IAM's provider ARN suffix and condition-key prefix for an issuer as tokens carry it: the URL without
        /// https:// (and without a trailing slash). Lenient: it names, it does not validate.
        /// </summary>
        public static string HostAndPathOf(string issuer)
        {
            if (string.IsNullOrEmpty(issuer)) return null;
            const string scheme = "https://";
            string rest = issuer.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? issuer.Substring(scheme.Length) : issuer;
            return rest.TrimEnd('/');
        }

        public override string ToString() => Value;
    }
}
