using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Fetches and caches each issuer's discovery document and JWKS. Semaphore serves both with a 15-minute
    /// cache lifetime, so keeping them 15 minutes here costs nothing in freshness and saves two round trips
    /// for every further verification in the same PowerShell session.
    /// </summary>
    internal static class IssuerMetadataCache
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

        // Keyed by the exact issuer string. Two concurrent misses for one issuer both fetch; the later
        // result wins. That is harmless (the documents are the same) and avoids holding a lock across I/O.
        private static readonly ConcurrentDictionary<string, IssuerMetadata> Entries =
            new ConcurrentDictionary<string, IssuerMetadata>(StringComparer.Ordinal);

        public static async Task<IssuerMetadata> GetAsync(string issuer, HttpClient http, DateTime utcNow, bool forceRefresh, CancellationToken ct)
        {
            if (!forceRefresh && Entries.TryGetValue(issuer, out IssuerMetadata cached) &&
                utcNow >= cached.FetchedAtUtc && utcNow - cached.FetchedAtUtc < Lifetime)
            {
                return cached;
            }

            IssuerMetadata fresh = await FetchAsync(issuer, http, utcNow, ct).ConfigureAwait(false);
            Entries[issuer] = fresh;
            return fresh;
        }

        /// <summary>Forgets every cached issuer (tests; a user who rotated keys can also start a new session).</summary>
        public static void Clear() => Entries.Clear();

        private static async Task<IssuerMetadata> FetchAsync(string issuer, HttpClient http, DateTime utcNow, CancellationToken ct)
        {
            // OpenID Connect Discovery 1.0 section 4: the document lives at the issuer plus this path.
            string discoveryUrl = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
            string discoveryJson = await GetStringAsync(http, discoveryUrl, ct).ConfigureAwait(false);

            string documentIssuer, jwksUri;
            try
            {
                using (JsonDocument doc = JsonDocument.Parse(discoveryJson))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException();
                    documentIssuer = ReadString(doc.RootElement, "issuer");
                    jwksUri = ReadString(doc.RootElement, "jwks_uri");
                }
            }
            catch (JsonException)
            {
                throw DiscoveryFailed($"The OIDC discovery document at {discoveryUrl} is not a JSON object. Check that the token's issuer is a Semaphore organisation URL.",
                    ErrorKind.InvalidData, discoveryUrl);
            }

            // Discovery section 4.3: the document's issuer must be identical to the URL it was fetched for,
            // which is what stops one issuer from vouching for another's tokens.
            if (!string.Equals(documentIssuer, issuer, StringComparison.Ordinal))
            {
                throw new SemaphoreOidcException(TokenErrorIds.TokenIssuerMismatch, ErrorKind.SecurityError,
                    $"The discovery document at {discoveryUrl} names issuer '{documentIssuer ?? "(none)"}', not the token's issuer '{issuer}'. " +
                    "The two must be identical; the token did not come from the issuer it claims.",
                    issuer);
            }

            if (string.IsNullOrEmpty(jwksUri) || !Uri.TryCreate(jwksUri, UriKind.Absolute, out Uri jwks) ||
                !string.Equals(jwks.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            {
                throw DiscoveryFailed($"The discovery document at {discoveryUrl} has no https 'jwks_uri' (found '{jwksUri ?? "(none)"}'). Signing keys are only trusted over HTTPS.",
                    ErrorKind.SecurityError, discoveryUrl);
            }

            string jwksJson = await GetStringAsync(http, jwksUri, ct).ConfigureAwait(false);
            JsonWebKeySet keys;
            try
            {
                keys = new JsonWebKeySet(jwksJson);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is JsonException || ex is FormatException)
            {
                throw DiscoveryFailed($"The key set at {jwksUri} is not a valid JWKS document (RFC 7517).", ErrorKind.InvalidData, jwksUri);
            }

            return new IssuerMetadata(documentIssuer, jwksUri, keys, utcNow);
        }

        private static async Task<string> GetStringAsync(HttpClient http, string url, CancellationToken ct)
        {
            try
            {
                using (var request = new HttpRequestMessage(HttpMethod.Get, url))
                using (HttpResponseMessage response = await http.SendAsync(request, ct).ConfigureAwait(false))
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        throw DiscoveryFailed(
                            $"GET {url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}. Check that the token's issuer is reachable from here and serves OIDC discovery (Semaphore: OIDC tokens enabled for the organisation).",
                            (int)response.StatusCode >= 500 ? ErrorKind.ResourceUnavailable : ErrorKind.ObjectNotFound, url);
                    }
                    return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                // HttpClient reports its own Timeout as a cancellation the caller did not ask for.
                throw DiscoveryFailed($"GET {url} timed out after {http.Timeout.TotalSeconds:0} s. Check network access (proxy settings) to the issuer.",
                    ErrorKind.OperationTimeout, url);
            }
            catch (HttpRequestException ex)
            {
                string why = ex.InnerException?.Message ?? ex.Message;
                throw DiscoveryFailed($"GET {url} failed: {why}. Check network access, proxy and trusted CA settings for the issuer.",
                    ErrorKind.ConnectionError, url, ex);
            }
        }

        private static string ReadString(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static SemaphoreOidcException DiscoveryFailed(string message, ErrorKind kind, string url, Exception inner = null) =>
            new SemaphoreOidcException(TokenErrorIds.IssuerDiscoveryFailed, kind, message, url, inner);
    }
}
