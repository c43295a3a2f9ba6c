using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The keys of an issuer that is not the emulated Semaphore: an attacker's own issuer, which publishes its own
/// discovery document and JWKS and signs what it likes. One RS256 and one ES256 (P-256) key, both published.
/// </summary>
internal sealed class OwnIssuerKeys : IDisposable
{
    public RSA Rsa { get; } = RSA.Create(2048);
    public ECDsa Ec { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public string RsaKeyId { get; } = "rsa-" + Guid.NewGuid().ToString("N");
    public string EcKeyId { get; } = "ec-" + Guid.NewGuid().ToString("N");

    /// <summary>The signing key for "RS256" or "ES256"; without a kid when <paramref name="withKeyId"/> is false.</summary>
    public SigningCredentials Credentials(string algorithm, bool withKeyId) => algorithm switch
    {
        SecurityAlgorithms.RsaSha256 => new SigningCredentials(new RsaSecurityKey(Rsa) { KeyId = withKeyId ? RsaKeyId : null }, SecurityAlgorithms.RsaSha256),
        SecurityAlgorithms.EcdsaSha256 => new SigningCredentials(new ECDsaSecurityKey(Ec) { KeyId = withKeyId ? EcKeyId : null }, SecurityAlgorithms.EcdsaSha256),
        _ => throw new ArgumentException($"An issuer with its own keys signs RS256 or ES256, not '{algorithm}'."),
    };

    public object Jwks()
    {
        var r = Rsa.ExportParameters(false);
        var e = Ec.ExportParameters(false);
        return new Dictionary<string, object>
        {
            ["keys"] = new object[]
            {
                new Dictionary<string, string>
                {
                    ["kid"] = RsaKeyId, ["kty"] = "RSA", ["alg"] = "RS256", ["use"] = "sig",
                    ["n"] = Base64UrlEncoder.Encode(r.Modulus!), ["e"] = Base64UrlEncoder.Encode(r.Exponent!),
                },
                new Dictionary<string, string>
                {
                    ["kid"] = EcKeyId, ["kty"] = "EC", ["alg"] = "ES256", ["use"] = "sig", ["crv"] = "P-256",
                    ["x"] = Base64UrlEncoder.Encode(e.Q.X!), ["y"] = Base64UrlEncoder.Encode(e.Q.Y!),
                },
            },
        };
    }

    public void Dispose()
    {
        Rsa.Dispose();
        Ec.Dispose();
    }
}
