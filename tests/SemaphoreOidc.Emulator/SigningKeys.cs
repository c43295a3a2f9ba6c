using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The issuer's RSA keys: one published in the JWKS and used for good tokens, and one that is never published,
/// for tokens that must fail signature checks. Keys live as long as the emulator (Reset keeps them), so a token
/// minted before a reset still verifies after it. Issuers registered with keys of their own (an attacker's issuer)
/// get an <see cref="OwnIssuerKeys"/> each, kept as long as these.
/// </summary>
internal sealed class SigningKeys : IDisposable
{
    public RSA Signing { get; } = RSA.Create(2048);
    public RSA Wrong { get; } = RSA.Create(2048);
    public string KeyId { get; }
    public string WrongKeyId { get; }

    public SigningKeys()
    {
        KeyId = Thumbprint(Signing);
        WrongKeyId = Thumbprint(Wrong);
    }

    private readonly ConcurrentDictionary<string, OwnIssuerKeys> _own = new(StringComparer.OrdinalIgnoreCase);

    public RsaSecurityKey SigningKey => new(Signing) { KeyId = KeyId };

    /// <summary>The keys of an issuer host that signs with keys of its own (created on first use, then the same).</summary>
    public OwnIssuerKeys OwnKeysFor(string host) => _own.GetOrAdd(host, _ => new OwnIssuerKeys());
    public RsaSecurityKey WrongKey => new(Wrong) { KeyId = WrongKeyId };

    /// <summary>The published keys by kid; the wrong key is deliberately absent.</summary>
    public RSA? FindPublished(string? kid) => kid == KeyId ? Signing : null;

    /// <summary>The JWKS document body.</summary>
    public object Jwks()
    {
        var p = Signing.ExportParameters(false);
        return new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kid"] = KeyId,
                    ["kty"] = "RSA",
                    ["alg"] = "RS256",
                    ["use"] = "sig",
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus!),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent!),
                },
            },
        };
    }

    /// <summary>The public modulus: the "secret" an algorithm-confusion attacker would HMAC with.</summary>
    public byte[] PublicModulus => Signing.ExportParameters(false).Modulus!;

    // RFC 7638 JWK thumbprint: stable for the key and what many issuers use as kid.
    private static string Thumbprint(RSA rsa)
    {
        var p = rsa.ExportParameters(false);
        var json = $"{{\"e\":\"{Base64UrlEncoder.Encode(p.Exponent!)}\",\"kty\":\"RSA\",\"n\":\"{Base64UrlEncoder.Encode(p.Modulus!)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    public void Dispose()
    {
        Signing.Dispose();
        Wrong.Dispose();
        foreach (var keys in _own.Values) keys.Dispose();
    }
}
