using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Fetches and caches each pinned issuer's discovery document and JWKS. Semaphore serves both with a 15-minute
    /// cache lifetime, so keeping them 15 minutes here costs nothing in freshness and saves two round trips
    /// for every further verification in the same PowerShell session (docs/semaphore-token.md).
    /// </summary>
    internal static class IssuerMetadataCache
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

        // Keyed by the pinned issuer (never by a token's claim), so only an issuer the caller chose is ever fetched
        // or remembered. Two concurrent misses for one issuer both fetch; the later result wins. That is harmless
        // (the documents are the same) and avoids holding a lock across I/O.
        private static readonly ConcurrentDictionary<string, IssuerMetadata> Entries =
            new ConcurrentDictionary<string, IssuerMetadata>(StringComparer.Ordinal);

        public static async Task<IssuerMetadata> GetAsync(IssuerUrl issuer, IssuerFetch fetch, DateTime utcNow, bool forceRefresh, IExchangeLog log)
        {
            if (!forceRefresh && Entries.TryGetValue(issuer.Value, out IssuerMetadata cached) &&
                utcNow >= cached.FetchedAtUtc && utcNow - cached.FetchedAtUtc < Lifetime)
            {
                log.Verbose($"Using the discovery document and keys of {issuer.Value} fetched at {TokenLifetime.Iso(cached.FetchedAtUtc)} (kept {Lifetime.TotalMinutes:0} minutes).");
                return cached;
            }

            IssuerMetadata fresh = await FetchAsync(issuer, fetch, utcNow, log).ConfigureAwait(false);
            Entries[issuer.Value] = fresh;
            return fresh;
        }

        /// <summary>Forgets every cached issuer (tests; a user who rotated keys can also start a new session).</summary>
        public static void Clear() => Entries.Clear();

        private static async Task<IssuerMetadata> FetchAsync(IssuerUrl issuer, IssuerFetch fetch, DateTime utcNow, IExchangeLog log)
        {
            string discoveryUrl = IssuerDiscoveryDocument.UrlFor(issuer.Value);
            log.Verbose($"GET {discoveryUrl}");
            IssuerDiscoveryDocument discovery;
            using (JsonDocument document = await fetch.GetJsonObjectAsync(discoveryUrl, "discovery document").ConfigureAwait(false))
            {
                discovery = IssuerDiscoveryDocument.Read(document.RootElement, discoveryUrl);
            }

            // Discovery section 4.3: the document's issuer must be identical to the URL it was fetched for,
            // which is what stops one issuer from vouching for another's tokens.
            if (!string.Equals(discovery.Issuer, issuer.Value, StringComparison.Ordinal))
            {
                throw new SemaphoreOidcException(TokenErrorIds.TokenIssuerMismatch, ErrorKind.SecurityError,
                    $"The discovery document at {discoveryUrl} names issuer '{discovery.Issuer ?? "(none)"}', not the pinned issuer '{issuer.Value}'. " +
                    "The two must be identical: check the issuer URL (exactly as tokens carry it in 'iss', no trailing slash).",
                    discoveryUrl);
            }

            string jwksUrl = discovery.JwksUri.AbsoluteUri;
            log.Verbose($"GET {jwksUrl}");
            JsonWebKeySet keys;
            using (JsonDocument document = await fetch.GetJsonObjectAsync(jwksUrl, "key set (JWKS)").ConfigureAwait(false))
            {
                keys = ReadKeySet(document.RootElement, jwksUrl);
            }

            var metadata = new IssuerMetadata(issuer.Value, jwksUrl, keys, utcNow);
            if (metadata.SigningKeys.Count == 0)
            {
                throw IssuerFetch.Invalid(jwksUrl, "answered a key set with no usable RSA or EC public signing key", "key set (JWKS)");
            }

            return metadata;
        }

        private static JsonWebKeySet ReadKeySet(JsonElement root, string url)
        {
            // RFC 7517 section 5: a JWK Set is an object whose "keys" member is an array of keys.
            if (!root.TryGetProperty("keys", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                throw IssuerFetch.Invalid(url, "answered a JSON object without a 'keys' array", "key set (JWKS)");
            }

            JsonWebKeySet keys;
            try
            {
                keys = new JsonWebKeySet(root.GetRawText());
            }
            catch (Exception ex) when (ex is ArgumentException || ex is JsonException || ex is FormatException || ex is InvalidOperationException)
            {
                throw IssuerFetch.Invalid(url, "answered a 'keys' array that is not a valid JWK Set (RFC 7517)", "key set (JWKS)");
            }

            return keys;
        }
    }
}
