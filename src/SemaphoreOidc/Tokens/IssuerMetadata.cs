using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Tokens
{
    /// <summary>An issuer's discovery document facts and signing keys, as fetched at one moment.</summary>
    internal sealed class IssuerMetadata
    {
        public IssuerMetadata(string issuer, string jwksUri, JsonWebKeySet keys, DateTime fetchedAtUtc)
        {
            Issuer = issuer;
            JwksUri = jwksUri;
            Keys = keys;
            FetchedAtUtc = fetchedAtUtc;
            SigningKeys = keys.GetSigningKeys().Where(IsPublicKey).ToList();
        }

        /// <summary>
        /// The published RSA and EC keys only: a symmetric ("oct") key in a public key set would be a shared
        /// secret anyone can read, never something that proves who signed.
        /// </summary>
        public IReadOnlyList<SecurityKey> SigningKeys { get; }

        public string Issuer { get; }
        public string JwksUri { get; }
        public JsonWebKeySet Keys { get; }
        public DateTime FetchedAtUtc { get; }

        private static bool IsPublicKey(SecurityKey key) =>
            key is AsymmetricSecurityKey ||
            (key is JsonWebKey jwk && (jwk.Kty == JsonWebAlgorithmsKeyTypes.RSA || jwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve));

        /// <summary>True when a published public key has this key id.</summary>
        public bool HasKey(string kid) => SigningKeys.Any(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));
    }
}
