using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// Checks an AWS Signature Version 4 Authorization header against the credentials the emulator issued
/// (AWS General Reference, "Create a signed AWS API request"). Real verification, so a client that signs
/// wrongly fails here exactly as it would against AWS.
/// </summary>
internal static partial class SigV4Verifier
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <returns>The issued credentials that signed the request.</returns>
    /// <param name="expectedRegion">When given (IAM: one signing region per partition), a scope naming another region is refused.</param>
    public static IssuedCredentials Verify(HttpContext ctx, byte[] body, EmulatorState state, string expectedService, string? expectedRegion = null)
    {
        var request = ctx.Request;
        var auth = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(auth))
            throw new AwsErrorException("MissingAuthenticationToken", "Request is missing Authentication Token");
        const string scheme = "AWS4-HMAC-SHA256 ";
        if (!auth.StartsWith(scheme, StringComparison.Ordinal))
            throw new AwsErrorException("IncompleteSignature", $"Unsupported authorization scheme in '{auth.Split(' ')[0]}'.");

        var fields = auth[scheme.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
            throw new AwsErrorException("IncompleteSignature", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");

        var scopeParts = credential.Split('/');
        if (scopeParts.Length != 5 || scopeParts[4] != "aws4_request")
            throw new AwsErrorException("IncompleteSignature", $"Credential should be scoped to a valid region. '{credential}'");
        var (accessKeyId, date, region, service) = (scopeParts[0], scopeParts[1], scopeParts[2], scopeParts[3]);

        var creds = state.FindCredentials(accessKeyId)
            ?? throw new AwsErrorException("InvalidClientTokenId", "The security token included in the request is invalid.");
        // Long-term keys (the admin pair) have no session token: the header must then be absent.
        if (request.Headers["X-Amz-Security-Token"].ToString() != creds.SessionToken)
            throw new AwsErrorException("InvalidClientTokenId", "The security token included in the request is invalid.");
        if (creds.Expiration <= DateTimeOffset.UtcNow)
            throw new AwsErrorException("ExpiredToken", "The security token included in the request is expired");
        if (service != expectedService)
            throw new AwsErrorException("SignatureDoesNotMatch", $"Credential should be scoped to correct service: '{expectedService}'. ");
        if (expectedRegion is not null && region != expectedRegion)
            throw new AwsErrorException("SignatureDoesNotMatch", $"Credential should be scoped to a valid region, not '{region}'. ");

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            throw new AwsErrorException("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        var now = DateTimeOffset.UtcNow;
        if ((now - signedAt).Duration() > MaxSkew)
            throw new AwsErrorException("SignatureDoesNotMatch",
                $"Signature expired: {amzDate} is now earlier than {now.Add(-MaxSkew):yyyyMMdd'T'HHmmss'Z'} ({now:yyyyMMdd'T'HHmmss'Z'} - 15 min.)");
        if (!amzDate.StartsWith(date, StringComparison.Ordinal))
            throw new AwsErrorException("SignatureDoesNotMatch", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");

        var canonicalRequest = CanonicalRequest(ctx, body, signedHeaders);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + creds.SecretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            throw new AwsErrorException("SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        return creds;
    }

    internal static string CanonicalRequest(HttpContext ctx, byte[] body, string signedHeaders)
    {
        var request = ctx.Request;
        var rawTarget = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var q = rawTarget.IndexOf('?');
        var path = q >= 0 ? rawTarget[..q] : rawTarget;
        var query = q >= 0 ? rawTarget[(q + 1)..] : "";
        if (path.Length == 0) path = "/";

        // Non-S3 services: each path segment URI-encoded once more (botocore quotes the path with safe='/~').
        var canonicalUri = string.Join('/', path.Split('/').Select(Encode));

        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => (K: Encode(Uri.UnescapeDataString(kv[0])), V: Encode(Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""))))
            .OrderBy(kv => kv.K, StringComparer.Ordinal).ThenBy(kv => kv.V, StringComparer.Ordinal)
            .Select(kv => $"{kv.K}={kv.V}"));

        var headerNames = signedHeaders.Split(';');
        var canonicalHeaders = new StringBuilder();
        foreach (var name in headerNames)
        {
            var values = name == "host" ? request.Headers.Host.ToString() : string.Join(',', request.Headers[name].Select(v => v ?? ""));
            canonicalHeaders.Append(name).Append(':').Append(Spaces().Replace(values.Trim(), " ")).Append('\n');
        }

        var payloadHash = request.Headers["X-Amz-Content-Sha256"].ToString();
        var bodyHash = Hex(SHA256.HashData(body));
        // The header, when sent, is what was signed (it may be UNSIGNED-PAYLOAD); otherwise the body's hash.
        // A header naming another body's hash must not vouch for this one: else a signed request's body could be swapped.
        if (string.IsNullOrEmpty(payloadHash)) payloadHash = bodyHash;
        else if (payloadHash != "UNSIGNED-PAYLOAD" && !payloadHash.Equals(bodyHash, StringComparison.OrdinalIgnoreCase))
            throw new AwsErrorException("SignatureDoesNotMatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");

        return $"{request.Method}\n{canonicalUri}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
    }

    /// <summary>RFC 3986 percent-encoding with upper-case hex, leaving only A-Z a-z 0-9 - _ . ~ as they are.</summary>
    internal static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
