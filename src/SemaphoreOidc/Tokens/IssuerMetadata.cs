using System;
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
        }

        public string Issuer { get; }
        public string JwksUri { get; }
        public JsonWebKeySet Keys { get; }
        public DateTime FetchedAtUtc { get; }

        public bool HasKey(string kid)
        {
            foreach (JsonWebKey key in Keys.Keys)
            {
                if (string.Equals(key.Kid, kid, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }
}
