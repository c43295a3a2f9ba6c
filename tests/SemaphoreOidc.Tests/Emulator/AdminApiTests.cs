using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>The plain-HTTP admin API used by Pester and the demo.</summary>
public sealed class AdminApiTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    private readonly HttpClient _admin;

    public AdminApiTests(EmulatorFixture f)
    {
        _f = f;
        _admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = f.Server.AdminUri };
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _admin.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Info_lists_endpoints_and_files()
    {
        var info = JsonDocument.Parse(await _admin.GetStringAsync("/admin/info")).RootElement;
        Assert.Equal(_f.Server.ProxyUri.ToString().TrimEnd('/'), info.GetProperty("proxy").GetString());
        Assert.Equal(_f.Server.HttpsEndpoint.ToString().TrimEnd('/'), info.GetProperty("https").GetString());
        Assert.Equal(_f.Server.CaBundlePath, info.GetProperty("caBundlePath").GetString());
        Assert.Equal(_f.Server.IntermediateCertificatePath, info.GetProperty("intermediateCertificatePath").GetString());
        Assert.Equal("123456789012", info.GetProperty("accountId").GetString());
        Assert.Contains("BEGIN CERTIFICATE", System.IO.File.ReadAllText(_f.Server.CaBundlePath));
    }

    [Fact]
    public async Task Iam_state_lists_every_provider_and_role()
    {
        var providerArn = (await PostAsync("/admin/providers", new { issuerUrl = "https://state-org.semaphoreci.com", clientIds = new[] { "aud-1" } })).GetProperty("arn").GetString();
        var policy = (await PostAsync("/admin/trust-policy", new { org = "state-org", subject = "org:state-org:*" })).GetProperty("policy").GetString();
        var roleArn = (await PostAsync("/admin/roles", new { roleName = "state-role", trustPolicy = policy, maxSessionDuration = 7200 })).GetProperty("arn").GetString();

        var state = JsonDocument.Parse(await _admin.GetStringAsync("/admin/iam")).RootElement;
        var provider = state.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("arn").GetString() == providerArn);
        Assert.Equal("https://state-org.semaphoreci.com", provider.GetProperty("url").GetString());
        Assert.Equal("aud-1", Assert.Single(provider.GetProperty("clientIds").EnumerateArray()).GetString());
        var role = state.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("arn").GetString() == roleArn);
        Assert.Equal("state-role", role.GetProperty("name").GetString());
        Assert.Equal(policy, role.GetProperty("trustPolicyJson").GetString());
        Assert.Equal(7200, role.GetProperty("maxSessionDuration").GetInt32());
    }

    [Fact]
    public async Task Token_role_and_provider_over_http_allow_an_exchange()
    {
        var token = (await PostAsync("/admin/tokens", new
        {
            organization = "admin-org", refType = "tag", @ref = "refs/tags/v2", kind = "Valid", lifetimeSeconds = 1200,
            claims = new { extra = "yes" },
        })).GetProperty("token").GetString();
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement;
        Assert.Equal("v2", payload.GetProperty("tag").GetString());
        Assert.Equal("yes", payload.GetProperty("extra").GetString());
        Assert.Equal(1200, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());

        var providerArn = (await PostAsync("/admin/providers", new { issuerUrl = "https://admin-org.semaphoreci.com" })).GetProperty("arn").GetString();
        Assert.Equal("arn:aws:iam::123456789012:oidc-provider/admin-org.semaphoreci.com", providerArn);
        var policy = (await PostAsync("/admin/trust-policy", new { org = "admin-org", subject = "org:admin-org:*:ref_type:tag:*" })).GetProperty("policy").GetString();
        Assert.Contains("StringLike", policy);
        var roleArn = (await PostAsync("/admin/roles", new { roleName = "admin-role", trustPolicy = policy, maxSessionDuration = 7200 })).GetProperty("arn").GetString();
        Assert.Equal("arn:aws:iam::123456789012:role/admin-role", roleArn);

        var r = await _f.AssumeAsync(roleArn, token);
        Assert.Equal(200, r.Status);

        var requests = JsonDocument.Parse(await _admin.GetStringAsync("/admin/requests")).RootElement;
        Assert.Contains(requests.EnumerateArray(), e => e.GetProperty("action").GetString() == "AssumeRoleWithWebIdentity" && e.GetProperty("status").GetInt32() == 200);
    }

    [Fact]
    public async Task Bad_token_kind_names_and_fault_rules_over_http()
    {
        var expired = (await PostAsync("/admin/tokens", new { kind = "expired" })).GetProperty("token").GetString();
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(expired.Split('.')[1])).RootElement;
        Assert.True(payload.GetProperty("exp").GetInt64() < DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        await PostAsync("/admin/faults", new { service = "issuer", action = "/.well-known/openid-configuration", kind = "Throttling" });
        using var throttled = await _f.Http.GetAsync("https://fault-org.semaphoreci.com/.well-known/openid-configuration");
        Assert.Equal(429, (int)throttled.StatusCode);
    }

    [Fact]
    public async Task The_request_log_shows_what_a_caller_asked_STS_for_and_never_the_token()
    {
        var roleArn = _f.SetUpRole("log-org", "log-role", maxSessionDuration: 7200);
        var token = _f.Server.MintToken(new TokenRequest { Organization = "log-org" });
        const string policy = "{ \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}] }";
        var r = await _f.AssumeAsync(roleArn, token, "log-session", 3600, "sts.eu-central-1.amazonaws.com", new Dictionary<string, string>
        {
            ["Policy"] = policy,
            ["PolicyArns.member.1.arn"] = "arn:aws:iam::aws:policy/ReadOnlyAccess",
            ["PolicyArns.member.2.arn"] = "arn:aws:iam::123456789012:policy/extra",
        });
        Assert.True(r.Status == 200, r.Body);

        var text = await _admin.GetStringAsync("/admin/requests");
        var entry = JsonDocument.Parse(text).RootElement.EnumerateArray()
            .Last(e => e.GetProperty("action").GetString() == "AssumeRoleWithWebIdentity");
        Assert.Equal("sts.eu-central-1.amazonaws.com", entry.GetProperty("host").GetString());
        var sent = entry.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["DurationSeconds"] = "3600",
            ["Policy"] = policy,
            ["PolicyArns.member.1.arn"] = "arn:aws:iam::aws:policy/ReadOnlyAccess",
            ["PolicyArns.member.2.arn"] = "arn:aws:iam::123456789012:policy/extra",
            ["RoleArn"] = roleArn,
            ["RoleSessionName"] = "log-session",
        }, sent);
        // The web identity token is a bearer secret: no part of it is logged.
        foreach (var part in token.Split('.')) Assert.DoesNotContain(part, text);
        Assert.DoesNotContain("WebIdentityToken", text);
    }

    [Fact]
    public async Task Bad_admin_input_is_400_and_unknown_path_404()
    {
        using var missing = await _admin.PostAsJsonAsync("/admin/roles", new { roleName = "x" });
        Assert.Equal(400, (int)missing.StatusCode);
        using var notFound = await _admin.GetAsync("/admin/nothing");
        Assert.Equal(404, (int)notFound.StatusCode);
    }
}
