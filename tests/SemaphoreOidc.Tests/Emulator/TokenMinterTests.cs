using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

public sealed class TokenMinterTests : IClassFixture<EmulatorFixture>
{
    private static readonly string[] SemaphoreClaims =
    {
        "iss", "aud", "sub", "exp", "iat", "nbf", "jti", "branch", "pr_branch", "pr", "ref", "ref_type", "tag", "repo",
        "repo_slug", "org", "org_id", "prj", "prj_id", "wf_id", "ppl_id", "job_id", "job_type", "trg", "sub127",
    };

    private readonly EmulatorFixture _f;

    public TokenMinterTests(EmulatorFixture f) => _f = f;

    private static (JsonElement Header, JsonElement Payload, string Signature) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0])).RootElement,
            JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement, parts[2]);
    }

    [Fact]
    public void Valid_token_has_every_Semaphore_claim_and_the_documented_sub()
    {
        var token = _f.Server.MintToken(new TokenRequest { Organization = "acme", Repository = "api", Ref = "refs/heads/release" });
        var (header, payload, signature) = Decode(token);

        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.False(string.IsNullOrEmpty(header.GetProperty("kid").GetString()));
        Assert.NotEmpty(signature);
        foreach (var claim in SemaphoreClaims) Assert.True(payload.TryGetProperty(claim, out _), $"missing claim {claim}");

        Assert.Equal("https://acme.semaphoreci.com", payload.GetProperty("iss").GetString());
        Assert.Equal("https://acme.semaphoreci.com", payload.GetProperty("aud").GetString());
        Assert.Equal("org:acme:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:api:ref_type:branch:ref:refs/heads/release",
            payload.GetProperty("sub").GetString());
        Assert.Equal("release", payload.GetProperty("branch").GetString());
        Assert.Equal("", payload.GetProperty("tag").GetString());
        var iat = payload.GetProperty("iat").GetInt64();
        Assert.Equal(24 * 3600, payload.GetProperty("exp").GetInt64() - iat);
        Assert.InRange(iat, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(payload.GetProperty("sub127").GetString()) <= 127);
    }

    [Fact]
    public void Tag_and_pull_request_refs_fill_their_claims()
    {
        var (_, tag, _) = Decode(_f.Server.MintToken(new TokenRequest { RefType = "tag", Ref = "refs/tags/v1.0.0" }));
        Assert.Equal("v1.0.0", tag.GetProperty("tag").GetString());
        Assert.Equal("", tag.GetProperty("branch").GetString());
        Assert.EndsWith(":ref_type:tag:ref:refs/tags/v1.0.0", tag.GetProperty("sub").GetString());

        var (_, pr, _) = Decode(_f.Server.MintToken(new TokenRequest
        {
            RefType = "pull-request", Ref = "refs/pull/42/merge", PullRequest = "42", PrBranch = "feature", Branch = "main",
        }));
        Assert.Equal("42", pr.GetProperty("pr").GetString());
        Assert.Equal("feature", pr.GetProperty("pr_branch").GetString());
        Assert.EndsWith(":ref_type:pull-request:ref:refs/pull/42/merge", pr.GetProperty("sub").GetString());
    }

    [Fact]
    public void Claim_overrides_replace_and_remove()
    {
        var (_, payload, _) = Decode(_f.Server.MintToken(new TokenRequest
        {
            Claims = new Dictionary<string, object> { ["sub"] = null, ["aud"] = "sts.amazonaws.com", ["extra"] = 5 },
        }));
        Assert.False(payload.TryGetProperty("sub", out _));
        Assert.Equal("sts.amazonaws.com", payload.GetProperty("aud").GetString());
        Assert.Equal(5, payload.GetProperty("extra").GetInt32());
    }

    [Fact]
    public void Session_tags_add_the_aws_tags_claim()
    {
        var (_, payload, _) = Decode(_f.Server.MintToken(new TokenRequest { SessionTags = new() { ["team"] = "web" } }));
        var tags = payload.GetProperty("https://aws.amazon.com/tags");
        Assert.Equal("web", tags.GetProperty("principal_tags").GetProperty("team")[0].GetString());
        Assert.Equal("team", tags.GetProperty("transitive_tag_keys")[0].GetString());
    }

    [Fact]
    public void Bad_kinds_are_bad_in_the_right_way()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (validHeader, _, _) = Decode(_f.Server.MintToken(new TokenRequest()));

        var (_, expired, _) = Decode(_f.Server.MintToken(new TokenRequest { Kind = TokenKind.Expired }));
        Assert.True(expired.GetProperty("exp").GetInt64() < now);
        Assert.InRange(now - expired.GetProperty("iat").GetInt64(), 25 * 3600 - 60, 25 * 3600 + 60);

        var (_, early, _) = Decode(_f.Server.MintToken(new TokenRequest { Kind = TokenKind.NotYetValid }));
        Assert.True(early.GetProperty("nbf").GetInt64() > now + 3000);

        var (wrongHeader, _, wrongSig) = Decode(_f.Server.MintToken(new TokenRequest { Kind = TokenKind.WrongKey }));
        Assert.Equal("RS256", wrongHeader.GetProperty("alg").GetString());
        Assert.NotEqual(validHeader.GetProperty("kid").GetString(), wrongHeader.GetProperty("kid").GetString());
        Assert.NotEmpty(wrongSig);

        var (noneHeader, _, noneSig) = Decode(_f.Server.MintToken(new TokenRequest { Kind = TokenKind.AlgNone }));
        Assert.Equal("none", noneHeader.GetProperty("alg").GetString());
        Assert.Equal("", noneSig);

        var (hmacHeader, _, hmacSig) = Decode(_f.Server.MintToken(new TokenRequest { Kind = TokenKind.Hmac }));
        Assert.Equal("HS256", hmacHeader.GetProperty("alg").GetString());
        Assert.Equal(32, Base64UrlEncoder.DecodeBytes(hmacSig).Length);
    }
}
