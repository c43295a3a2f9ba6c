using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// A key that signs JWTs, with its key id and its public half as a JWK (RFC 7517): RSA for the RS and PS algorithms,
/// or EC P-256 for ES256. The emulated Semaphore, issuers with keys of their own and the xunit tests' offline issuer
/// all sign with these, through <see cref="TokenMinter.Sign"/>.
/// </summary>
internal sealed class JwtSigningKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private JwtSigningKey(RSA? rsa, ECDsa? ec, string algorithm, string? keyId)
    {
        _rsa = rsa;
        _ec = ec;
        Algorithm = algorithm;
        KeyId = keyId ?? Thumbprint();
    }

    /// <summary>The kid a token signed with this key names (default: the RFC 7638 thumbprint, as many issuers use).</summary>
    public string KeyId { get; }

    /// <summary>The algorithm the key is meant for, published as the JWK's alg: RS256 (or another RS/PS name) or ES256.</summary>
    public string Algorithm { get; }

    /// <summary>The RSA key, for verifying RS256 signatures; null for an EC key.</summary>
    public RSA? Rsa => _rsa;

    /// <param name="algorithm">RS256, RS384, RS512, PS256, PS384 or PS512: what the JWK announces.</param>
    public static JwtSigningKey CreateRsa(string? keyId = null, string algorithm = "RS256") =>
        algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal)
            ? new JwtSigningKey(RSA.Create(2048), null, algorithm, keyId)
            : throw new ArgumentException($"An RSA key signs RS or PS algorithms, not '{algorithm}'.", nameof(algorithm));

    public static JwtSigningKey CreateEcP256(string? keyId = null) =>
        new(null, ECDsa.Create(ECCurve.NamedCurves.nistP256), "ES256", keyId);

    /// <summary>
    /// The JWS signature of <paramref name="input"/> for <paramref name="algorithm"/>, which may differ from the key's
    /// own (a token that lies about its algorithm). HS256 is the algorithm-confusion attack: an HMAC keyed with the
    /// public key's bytes, which anyone can read from the JWKS.
    /// </summary>
    public byte[] Sign(byte[] input, string algorithm)
    {
        if (algorithm.StartsWith("HS", StringComparison.Ordinal)) return HMACSHA256.HashData(PublicKeyBytes(), input);
        if (_ec is not null) return _ec.SignData(input, HashAlgorithmName.SHA256);
        var hash = algorithm.EndsWith("384", StringComparison.Ordinal) ? HashAlgorithmName.SHA384
            : algorithm.EndsWith("512", StringComparison.Ordinal) ? HashAlgorithmName.SHA512
            : HashAlgorithmName.SHA256;
        var padding = algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return _rsa!.SignData(input, hash, padding);
    }

    /// <summary>The public key as a JWKS entry: kid, kty, alg, use and n/e (RSA) or crv/x/y (EC).</summary>
    public Dictionary<string, string> PublicJwk()
    {
        var jwk = new Dictionary<string, string> { ["kid"] = KeyId, ["kty"] = _ec is null ? "RSA" : "EC", ["alg"] = Algorithm, ["use"] = "sig" };
        foreach (var (name, value) in Members()) jwk[name] = value;
        return jwk;
    }

    // The required members of the public JWK, in the lexicographic order RFC 7638 hashes them in.
    private IEnumerable<(string Name, string Value)> Members()
    {
        if (_ec is not null)
        {
            var p = _ec.ExportParameters(false);
            return new[] { ("crv", "P-256"), ("x", Base64UrlEncoder.Encode(p.Q.X!)), ("y", Base64UrlEncoder.Encode(p.Q.Y!)) };
        }
        var r = _rsa!.ExportParameters(false);
        return new[] { ("e", Base64UrlEncoder.Encode(r.Exponent!)), ("n", Base64UrlEncoder.Encode(r.Modulus!)) };
    }

    private byte[] PublicKeyBytes()
    {
        if (_rsa is not null) return _rsa.ExportParameters(false).Modulus!;
        var q = _ec!.ExportParameters(false).Q;
        return [.. q.X!, .. q.Y!];
    }

    // RFC 7638 JWK thumbprint: SHA-256 of the required members with kty, sorted, without whitespace.
    private string Thumbprint()
    {
        var members = new List<(string Name, string Value)>(Members()) { ("kty", _ec is null ? "RSA" : "EC") };
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var json = "{" + string.Join(",", members.ConvertAll(m => $"\"{m.Name}\":\"{m.Value}\"")) + "}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    public void Dispose()
    {
        _rsa?.Dispose();
        _ec?.Dispose();
    }
}
