using System;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Http;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Providers
{
    /// <summary>
    /// The thumbprint IAM wants for an OIDC provider: the SHA-1, lower-case hex, of the LAST certificate the
    /// JWKS host serves in its chain (the top intermediate CA), i.e. what <c>openssl s_client -showcerts</c>
    /// lists last (IAM User Guide, "Obtain the thumbprint for an OpenID Connect identity provider").
    /// </summary>
    public static class ThumbprintReader
    {
        public static Task<string> ReadAsync(IssuerUrl issuer, CancellationToken cancellation) =>
            ReadAsync(issuer, IssuerFetchLimits.Default, cancellation);

        /// <summary>
        /// Both requests (the discovery document for jwks_uri, then the handshake with the JWKS host) run inside
        /// <paramref name="limits"/>: a per-request timeout, one deadline, no redirects, a bounded discovery answer
        /// (docs/semaphore-token.md, "Limits").
        /// </summary>
        internal static async Task<string> ReadAsync(IssuerUrl issuer, IssuerFetchLimits limits, CancellationToken cancellation)
        {
            using (var fetch = new IssuerFetch(SharedHttpClients.ForEnvironment(), limits, cancellation))
            {
                Uri jwks = await JwksUriAsync(issuer, fetch).ConfigureAwait(false);
                X509Certificate2 top = null;
                string bundlePath = Environment.GetEnvironmentVariable("AWS_CA_BUNDLE");
                var bundle = string.IsNullOrWhiteSpace(bundlePath) ? null : CaBundle.Load(bundlePath);

                // A redirect is never followed: the chain must be the jwks_uri host's own.
                using (var handler = new HttpClientHandler { AllowAutoRedirect = false })
                {
                    var proxy = EnvironmentProxy.FromEnvironment();
                    if (proxy != null) handler.Proxy = proxy;
                    handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
                    {
                        // Only a connection we would trust anyway may give the thumbprint: else a man in the middle could choose it.
                        bool trusted = errors == SslPolicyErrors.None || (bundle != null && bundle.Validate(certificate, chain, errors));
                        if (!trusted) return false;
                        var served = chain?.ChainPolicy.ExtraStore.Cast<X509Certificate2>().Where(c => !c.Equals(certificate)).ToList();
                        top = new X509Certificate2(served != null && served.Count > 0 ? served[served.Count - 1].RawData : certificate.RawData);
                        return true;
                    };

                    // The deadlines are the fetch's CancellationTokens, not the client's Timeout.
                    using (var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan })
                    {
                        await fetch.RunAsync(jwks.AbsoluteUri, async token =>
                        {
                            try
                            {
                                // Headers only: the chain was seen during the handshake, and the body (of any size) is never read.
                                using (await client.GetAsync(jwks, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false))
                                {
                                    return true;
                                }
                            }
                            catch (HttpRequestException ex) when (!token.IsCancellationRequested)
                            {
                                throw new SemaphoreOidcException(ProviderErrorIds.ThumbprintUnavailable, ErrorKind.ConnectionError,
                                    $"Cannot read the certificate chain of {jwks.Host} (the issuer's jwks_uri host): {ExceptionChain.Innermost(ex).Message}", jwks.Host, ex);
                            }
                        }).ConfigureAwait(false);
                    }
                }

                if (top == null)
                {
                    throw new SemaphoreOidcException(ProviderErrorIds.ThumbprintUnavailable, ErrorKind.ConnectionError,
                        $"{jwks.Host} served no certificate chain to take a thumbprint from.", jwks.Host);
                }

                return Sha1Hex(top);
            }
        }

        public static string Sha1Hex(X509Certificate2 certificate)
        {
            using (var sha1 = SHA1.Create())
            {
                return string.Concat(sha1.ComputeHash(certificate.RawData).Select(b => b.ToString("x2")));
            }
        }

        private static async Task<Uri> JwksUriAsync(IssuerUrl issuer, IssuerFetch fetch)
        {
            string discovery = IssuerDiscoveryDocument.UrlFor(issuer.Value);
            using (JsonDocument document = await fetch.GetJsonObjectAsync(discovery, "discovery document").ConfigureAwait(false))
            {
                return IssuerDiscoveryDocument.Read(document.RootElement, discovery).JwksUri;
            }
        }
    }
}
