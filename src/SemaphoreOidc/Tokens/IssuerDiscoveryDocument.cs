using System;
using System.Text.Json;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The two facts of an OIDC discovery document the module uses: the issuer it speaks for and where its
    /// signing keys are (OpenID Connect Discovery 1.0, section 3; docs/semaphore-token.md, "Discovery and keys").
    /// </summary>
    internal sealed class IssuerDiscoveryDocument
    {
        private IssuerDiscoveryDocument(string issuer, Uri jwksUri)
        {
            Issuer = issuer;
            JwksUri = jwksUri;
        }

        /// <summary>The document's <c>issuer</c>, or null when it has none; the caller compares it with the pinned issuer.</summary>
        public string Issuer { get; }

        /// <summary>The https URL of the key set.</summary>
        public Uri JwksUri { get; }

        /// <summary>Discovery section 4: the document lives at the issuer URL plus this path.</summary>
        public static string UrlFor(string issuer) => issuer.TrimEnd('/') + "/.well-known/openid-configuration";

        public static IssuerDiscoveryDocument Read(JsonElement root, string url)
        {
            string issuer = ReadString(root, "issuer");
            if (!root.TryGetProperty("jwks_uri", out JsonElement value) || value.ValueKind != JsonValueKind.String)
            {
                throw IssuerFetch.Invalid(url, "answered a JSON object without a 'jwks_uri' string", "discovery document");
            }

            string jwksUri = value.GetString();
            // Keys fetched over plain HTTP prove nothing, and user information in the URL has no place in a public document.
            if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out Uri jwks) ||
                !string.Equals(jwks.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) || !string.IsNullOrEmpty(jwks.UserInfo))
            {
                throw new SemaphoreOidcException(TokenErrorIds.IssuerDiscoveryFailed, ErrorKind.SecurityError,
                    $"The discovery document at {url} has no https 'jwks_uri' (found '{Shown(jwksUri)}'). Signing keys are only trusted over HTTPS.",
                    url);
            }

            return new IssuerDiscoveryDocument(issuer, jwks);
        }

        private static string ReadString(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string Shown(string uri) =>
            Uri.TryCreate(uri, UriKind.Absolute, out Uri parsed) && !string.IsNullOrEmpty(parsed.UserInfo)
                ? parsed.Scheme + "://" + parsed.Authority + parsed.AbsolutePath
                : uri;
    }
}
