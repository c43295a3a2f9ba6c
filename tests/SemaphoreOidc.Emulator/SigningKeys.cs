using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The emulated Semaphore's RSA keys: one published in the JWKS and used for good tokens, and one that is never published,
/// for tokens that must fail signature checks. Keys live as long as the emulator (Reset keeps them), so a token
/// minted before a reset still verifies after it. Issuers registered with keys of their own (an attacker's issuer)
/// get an <see cref="OwnIssuerKeys"/> each, kept as long as these.
/// </summary>
internal sealed class SigningKeys : IDisposable
{
    private readonly ConcurrentDictionary<string, OwnIssuerKeys> _own = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The published key; its kid is its RFC 7638 thumbprint.</summary>
    public JwtSigningKey Published { get; } = JwtSigningKey.CreateRsa();

    /// <summary>A key that no JWKS publishes.</summary>
    public JwtSigningKey Wrong { get; } = JwtSigningKey.CreateRsa();

    /// <summary>The keys of an issuer host that signs with keys of its own (created on first use, then the same).</summary>
    public OwnIssuerKeys OwnKeysFor(string host) => _own.GetOrAdd(host, _ => new OwnIssuerKeys());

    /// <summary>The published key with this kid, or null; the wrong key is deliberately absent.</summary>
    public JwtSigningKey? FindPublished(string? kid) => kid == Published.KeyId ? Published : null;

    /// <summary>The JWKS document body.</summary>
    public object Jwks() => new Dictionary<string, object> { ["keys"] = new[] { Published.PublicJwk() } };

    public void Dispose()
    {
        Published.Dispose();
        Wrong.Dispose();
        foreach (var keys in _own.Values) keys.Dispose();
    }
}
