using System;
using System.Collections.Generic;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The keys of an issuer that is not the emulated Semaphore: an attacker's own issuer, which publishes its own
/// discovery document and JWKS and signs what it likes. One RS256 and one ES256 (P-256) key, both published.
/// </summary>
internal sealed class OwnIssuerKeys : IDisposable
{
    public JwtSigningKey Rsa { get; } = JwtSigningKey.CreateRsa("rsa-" + Guid.NewGuid().ToString("N"));
    public JwtSigningKey Ec { get; } = JwtSigningKey.CreateEcP256("ec-" + Guid.NewGuid().ToString("N"));

    /// <summary>The key for "RS256" or "ES256".</summary>
    public JwtSigningKey For(string algorithm) => algorithm switch
    {
        "RS256" => Rsa,
        "ES256" => Ec,
        _ => throw new ArgumentException($"An issuer with its own keys signs RS256 or ES256, not '{algorithm}'."),
    };

    public object Jwks() => new Dictionary<string, object> { ["keys"] = new object[] { Rsa.PublicJwk(), Ec.PublicJwk() } };

    public void Dispose()
    {
        Rsa.Dispose();
        Ec.Dispose();
    }
}
