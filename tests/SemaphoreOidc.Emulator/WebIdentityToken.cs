using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Emulator;

/// <summary>A JWT taken apart by hand: STS must judge malformed and hostile tokens, so no library leniency.</summary>
internal sealed class WebIdentityToken
{
    private WebIdentityToken(JsonElement header, JsonElement payload, byte[] signedBytes, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SignedBytes = signedBytes;
        Signature = signature;
    }

    public JsonElement Header { get; }
    public JsonElement Payload { get; }
    public byte[] SignedBytes { get; }
    public byte[] Signature { get; }

    public string? Algorithm => StringOf(Header, "alg");
    public string? KeyId => StringOf(Header, "kid");
    public string? Issuer => StringOf(Payload, "iss");
    public string? Subject => StringOf(Payload, "sub");
    public long? Expires => NumberOf("exp");
    public long? NotBefore => NumberOf("nbf");
    public bool HasClaim(string name) => Payload.TryGetProperty(name, out _);

    /// <summary>aud may be a string or an array of strings (RFC 7519 4.1.3).</summary>
    public string[] Audiences => !Payload.TryGetProperty("aud", out var aud) ? Array.Empty<string>()
        : aud.ValueKind == JsonValueKind.String ? new[] { aud.GetString()! }
        : aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToArray()
        : Array.Empty<string>();

    public static WebIdentityToken? TryParse(string compact)
    {
        var parts = compact.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object) return null;
            var signature = parts[2].Length == 0 ? Array.Empty<byte>() : Base64UrlEncoder.DecodeBytes(parts[2]);
            return new WebIdentityToken(header.RootElement.Clone(), payload.RootElement.Clone(),
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>RS256 check against one public key: PKCS#1 v1.5 over SHA-256 of "header.payload".</summary>
    public bool VerifyRs256(RSA key) =>
        Signature.Length > 0 && key.VerifyData(SignedBytes, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private long? NumberOf(string name) =>
        Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static string? StringOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
