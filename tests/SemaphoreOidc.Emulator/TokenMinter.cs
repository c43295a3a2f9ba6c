using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The one place tests and the emulator make JWTs: Semaphore-shaped claims (<see cref="BuildClaims"/>) signed like
/// Semaphore signs them ({"alg","kid","typ":"JWT"} header, compact serialization), or broken on purpose.
/// </summary>
internal sealed class TokenMinter
{
    public const string TagsClaim = "https://aws.amazon.com/tags";
    private readonly SigningKeys _keys;

    public TokenMinter(SigningKeys keys) => _keys = keys;

    /// <param name="own">The keys of an issuer with keys of its own that signs this token, or null for Semaphore's key.</param>
    public string Mint(TokenRequest r, OwnIssuerKeys? own = null)
    {
        var claims = BuildClaims(r);
        switch (r.Kind)
        {
            case TokenKind.AlgNone:
                return Sign(claims, null, "none", null);
            case TokenKind.Hmac:
                return Sign(claims, _keys.Published, "HS256", _keys.Published.KeyId);
            case TokenKind.WrongKey:
                return Sign(claims, _keys.Wrong, "RS256", r.OmitKeyId ? null : _keys.Wrong.KeyId);
            default:
                if (own is null && r.Algorithm != "RS256")
                    throw new ArgumentException($"The emulated Semaphore signs RS256 only; {r.Algorithm} needs an issuer registered with its own keys.");
                var key = own?.For(r.Algorithm) ?? _keys.Published;
                return Sign(claims, key, r.Algorithm, r.OmitKeyId ? null : key.KeyId);
        }
    }

    /// <summary>
    /// A compact JWS of <paramref name="claims"/>: header {"alg","kid","typ":"JWT"} (no kid when <paramref name="keyId"/> is
    /// null), signed by <paramref name="key"/> for <paramref name="algorithm"/>; "none" gives an empty signature. Any
    /// combination is allowed, so tests can make every kind of bad token.
    /// </summary>
    public static string Sign(IReadOnlyDictionary<string, object?> claims, JwtSigningKey? key, string algorithm, string? keyId)
    {
        var header = new Dictionary<string, object> { ["alg"] = algorithm };
        if (keyId is not null) header["kid"] = keyId;
        header["typ"] = "JWT";
        var input = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        if (algorithm == "none") return input + ".";
        if (key is null) throw new ArgumentNullException(nameof(key), $"A token signed with {algorithm} needs a key.");
        return input + "." + Base64UrlEncoder.Encode(key.Sign(Encoding.ASCII.GetBytes(input), algorithm));
    }

    internal static Dictionary<string, object?> BuildClaims(TokenRequest r)
    {
        var issuerHost = (r.IssuerHost ?? $"{r.Organization}.semaphoreci.com").ToLowerInvariant();
        var iss = $"https://{issuerHost}";
        var now = r.IssuedAt ?? DateTimeOffset.UtcNow;
        var iat = now;
        var nbf = now;
        var exp = now + r.Lifetime;
        switch (r.Kind)
        {
            case TokenKind.Expired:
                iat = nbf = now - TimeSpan.FromHours(25);
                exp = iat + (r.Lifetime <= TimeSpan.FromHours(24) ? r.Lifetime : TimeSpan.FromHours(24));
                break;
            case TokenKind.NotYetValid:
                nbf = now + TimeSpan.FromHours(1);
                if (exp <= nbf) exp = nbf + TimeSpan.FromHours(1);
                break;
        }

        var branch = r.Branch ?? (r.RefType == "branch" ? StripPrefix(r.Ref, "refs/heads/") : "");
        var tag = r.Tag ?? (r.RefType == "tag" ? StripPrefix(r.Ref, "refs/tags/") : "");
        var orgId = r.OrganizationId ?? StableGuid(r.Organization);
        var sub = $"org:{r.Organization}:project:{r.ProjectId}:repo:{r.Repository}:ref_type:{r.RefType}:ref:{r.Ref}";
        // sub127 is Semaphore's compact subject for Google Cloud's 127-byte limit (ids instead of names);
        // AWS cannot use it, so its exact shape only has to be plausible and short.
        var sub127 = $"org_id:{orgId}:prj_id:{r.ProjectId}:ref_type:{r.RefType}:ref:{r.Ref}";
        if (Encoding.UTF8.GetByteCount(sub127) > 127) sub127 = sub127[..127];

        var claims = new Dictionary<string, object?>
        {
            ["iss"] = iss,
            ["aud"] = r.Audience ?? iss,
            ["sub"] = sub,
            ["exp"] = exp.ToUnixTimeSeconds(),
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["nbf"] = nbf.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["branch"] = branch,
            ["pr_branch"] = r.PrBranch ?? "",
            ["pr"] = r.PullRequest ?? "",
            ["ref"] = r.Ref,
            ["ref_type"] = r.RefType,
            ["tag"] = tag,
            ["repo"] = r.Repository,
            ["repo_slug"] = $"{r.Organization}/{r.Repository}",
            ["org"] = r.Organization,
            ["org_id"] = orgId,
            ["prj"] = r.ProjectName,
            ["prj_id"] = r.ProjectId,
            ["wf_id"] = r.WorkflowId,
            ["ppl_id"] = r.PipelineId,
            ["job_id"] = r.JobId,
            ["job_type"] = r.JobType,
            ["trg"] = r.Trigger,
            ["sub127"] = sub127,
        };

        if (r.SessionTags is { Count: > 0 })
        {
            claims[TagsClaim] = new Dictionary<string, object>
            {
                ["principal_tags"] = r.SessionTags.ToDictionary(kv => kv.Key, kv => new[] { kv.Value }),
                ["transitive_tag_keys"] = r.SessionTags.Keys.ToArray(),
            };
        }

        foreach (var (name, value) in r.Claims)
        {
            if (value is null || value is JsonElement { ValueKind: JsonValueKind.Null }) claims.Remove(name);
            else claims[name] = value;
        }
        return claims;
    }

    private static string StripPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : "";

    private static string StableGuid(string name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes("semaphore-org:" + name));
        return new Guid(hash).ToString();
    }
}
