using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace SemaphoreOidc.Http
{
    /// <summary>
    /// One HttpClient per (proxy, CA bundle) setting for the whole process, so a second exchange in the same
    /// session reuses the TLS connection instead of paying the handshake again. A failed set-up (an unreadable
    /// AWS_CA_BUNDLE) is not cached, so fixing the file fixes the next call.
    /// </summary>
    public static class SharedHttpClients
    {
        private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> Clients =
            new ConcurrentDictionary<string, Lazy<HttpClient>>(StringComparer.Ordinal);

        /// <summary>The client for the current environment (HTTPS_PROXY, NO_PROXY, AWS_CA_BUNDLE).</summary>
        public static HttpClient ForEnvironment()
        {
            string bundle = Environment.GetEnvironmentVariable("AWS_CA_BUNDLE");
            if (string.IsNullOrWhiteSpace(bundle)) bundle = null;
            string key = (EnvironmentProxy.CurrentKey() ?? "-") + "|" + (bundle ?? "-");
            return Clients.GetOrAdd(key, _ => new Lazy<HttpClient>(() => Create(bundle), LazyThreadSafetyMode.PublicationOnly)).Value;
        }

        private static HttpClient Create(string bundlePath)
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
            };

            var proxy = EnvironmentProxy.FromEnvironment();
            if (proxy != null)
            {
                handler.Proxy = proxy;
                handler.UseProxy = true;
            }

            if (bundlePath != null)
            {
                var bundle = CaBundle.Load(bundlePath);
                handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
                    bundle.Validate(certificate, chain, errors);
            }

            // Each caller sets its own deadline through a CancellationToken; the client itself never gives up first.
            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }
    }
}
