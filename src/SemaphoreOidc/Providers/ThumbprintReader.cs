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

namespace SemaphoreOidc.Providers
{
    /// <summary>
    /// The thumbprint IAM wants for an OIDC provider: the SHA-1, lower-case hex, of the LAST certificate the
    /// JWKS host serves in its chain (the top intermediate CA), i.e. what <c>openssl s_client -showcerts</c>
    /// lists last (IAM User Guide, "Obtain the thumbprint for an OpenID Connect identity provider").
    /// </summary>
    public static class ThumbprintReader
    {
        public static async Task<string> ReadAsync(IssuerUrl issuer, CancellationToken cancellation)
        {
            Uri jwks = await JwksUriAsync(issuer, cancellation).ConfigureAwait(false);
            X509Certificate2 top = null;
            string bundlePath = Environment.GetEnvironmentVariable("AWS_CA_BUNDLE");
            var bundle = string.IsNullOrWhiteSpace(bundlePath) ? null : CaBundle.Load(bundlePath);

            using (var handler = new HttpClientHandler())
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

                using (var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) })
                {
                    try
                    {
                        using (var response = await client.GetAsync(jwks, cancellation).ConfigureAwait(false))
                        {
                            // Any answer will do: the chain was seen during the handshake.
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        throw new SemaphoreOidcException("ThumbprintUnavailable", ErrorKind.ConnectionError,
                            $"Cannot read the certificate chain of {jwks.Host} (the issuer's jwks_uri host): {ExceptionChain.Innermost(ex).Message}", jwks.Host, ex);
                    }
                }
            }

            if (top == null)
            {
                throw new SemaphoreOidcException("ThumbprintUnavailable", ErrorKind.ConnectionError,
                    $"{jwks.Host} served no certificate chain to take a thumbprint from.", jwks.Host);
            }

            return Sha1Hex(top);
        }

        public static string Sha1Hex(X509Certificate2 certificate)
        {
            using (var sha1 = SHA1.Create())
            {
                return string.Concat(sha1.ComputeHash(certificate.RawData).Select(b => b.ToString("x2")));
            }
        }

        private static async Task<Uri> JwksUriAsync(IssuerUrl issuer, CancellationToken cancellation)
        {
            var discovery = new Uri(issuer.Value + "/.well-known/openid-configuration");
            try
            {
                using (var response = await SharedHttpClients.ForEnvironment().GetAsync(discovery, cancellation).ConfigureAwait(false))
                {
                    string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new SemaphoreOidcException("IssuerDiscoveryFailed", ErrorKind.ConnectionError,
                            $"{discovery} answered {(int)response.StatusCode} {response.ReasonPhrase}.", discovery.AbsoluteUri);
                    }

                    using (var document = JsonDocument.Parse(body))
                    {
                        if (document.RootElement.ValueKind == JsonValueKind.Object &&
                            document.RootElement.TryGetProperty("jwks_uri", out var value) && value.ValueKind == JsonValueKind.String &&
                            Uri.TryCreate(value.GetString(), UriKind.Absolute, out var jwks) && jwks.Scheme == Uri.UriSchemeHttps)
                        {
                            return jwks;
                        }
                    }

                    throw new SemaphoreOidcException("IssuerDiscoveryFailed", ErrorKind.InvalidData,
                        $"{discovery} has no https jwks_uri.", discovery.AbsoluteUri);
                }
            }
            catch (HttpRequestException ex)
            {
                throw new SemaphoreOidcException("IssuerDiscoveryFailed", ErrorKind.ConnectionError,
                    $"Cannot read {discovery}: {ExceptionChain.Innermost(ex).Message}", discovery.AbsoluteUri, ex);
            }
            catch (JsonException ex)
            {
                throw new SemaphoreOidcException("IssuerDiscoveryFailed", ErrorKind.InvalidData,
                    $"{discovery} is not valid JSON: {ex.Message}", discovery.AbsoluteUri, ex);
            }
        }

    }
}
