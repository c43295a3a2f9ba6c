using System;
using System.Linq;
using System.Net;

namespace SemaphoreOidc.Http
{
    /// <summary>
    /// The proxy the AWS CLI would use, read from HTTPS_PROXY / ALL_PROXY and NO_PROXY when the client is made.
    /// .NET reads these once per process; reading them per client lets a script set them mid-session, as it
    /// can for the CLI.
    /// </summary>
    public sealed class EnvironmentProxy : IWebProxy
    {
        private readonly Uri _proxy;
        private readonly string[] _noProxy;

        private EnvironmentProxy(Uri proxy, string[] noProxy)
        {
            _proxy = proxy;
            _noProxy = noProxy;
        }

        public ICredentials Credentials { get; set; }

        /// <summary>The configured proxy and bypass list as one string, used as a cache key; null when none is set.</summary>
        public static string CurrentKey()
        {
            string proxy = ProxyVariable();
            return string.IsNullOrWhiteSpace(proxy) ? null : proxy + "|" + (Variable("NO_PROXY") ?? string.Empty);
        }

        /// <summary>The proxy from the environment, or null to let .NET decide (no proxy variable set).</summary>
        public static EnvironmentProxy FromEnvironment()
        {
            string proxy = ProxyVariable();
            if (string.IsNullOrWhiteSpace(proxy)) return null;
            if (!proxy.Contains("://")) proxy = "http://" + proxy;
            if (!Uri.TryCreate(proxy, UriKind.Absolute, out var uri)) return null;
            string[] bypass = (Variable("NO_PROXY") ?? string.Empty)
                .Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Trim().ToLowerInvariant())
                .ToArray();
            var result = new EnvironmentProxy(uri, bypass);
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                var parts = uri.UserInfo.Split(new[] { ':' }, 2);
                result.Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
            }

            return result;
        }

        public Uri GetProxy(Uri destination) => IsBypassed(destination) ? destination : _proxy;

        public bool IsBypassed(Uri host)
        {
            string name = host.Host.ToLowerInvariant().Trim('[', ']');
            foreach (string entry in _noProxy)
            {
                if (entry == "*") return true;
                string pattern = entry;
                int colon = pattern.LastIndexOf(':');
                if (colon > 0 && pattern.IndexOf(':') == colon)
                {
                    // "host:port" entries bypass only that port, as curl reads them.
                    if (!int.TryParse(pattern.Substring(colon + 1), out int port) || port != host.Port) continue;
                    pattern = pattern.Substring(0, colon);
                }

                pattern = pattern.TrimStart('*').TrimStart('.');
                if (name == pattern || name.EndsWith("." + pattern, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        private static string ProxyVariable() => Variable("HTTPS_PROXY") ?? Variable("ALL_PROXY");

        // Lower-case first, as curl and botocore prefer it.
        private static string Variable(string name)
        {
            string value = Environment.GetEnvironmentVariable(name.ToLowerInvariant());
            if (string.IsNullOrWhiteSpace(value)) value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }
}
