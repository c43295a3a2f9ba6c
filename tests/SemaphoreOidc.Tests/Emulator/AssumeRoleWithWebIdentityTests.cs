using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

public sealed class AssumeRoleWithWebIdentityTests : IClassFixture<EmulatorFixture>
{
    private const string Action = "AssumeRoleWithWebIdentity";
    private readonly EmulatorFixture _f;

    public AssumeRoleWithWebIdentityTests(EmulatorFixture f) => _f = f;

    /// <summary>Each test uses its own org so tests never see each other's providers and roles.</summary>
    private (string Org, string RoleArn) Setup(string subjectPattern = null, int maxSession = 3600)
    {
        var org = "org-" + Guid.NewGuid().ToString("N")[..10];
        return (org, _f.SetUpRole(org, "role-" + org, subjectPattern, maxSession));
    }

    private static void AssertError(StsResponse r, int status, string code, string messagePart = null)
    {
        Assert.Equal(status, r.Status);
        Assert.Equal("text/xml", r.ContentType);
        Assert.Equal(code, r.ErrorCode);
        Assert.Equal(status >= 500 ? "Receiver" : "Sender", r.ErrorType);
        Assert.Equal("ErrorResponse", r.Xml.Root!.Name.LocalName);
        Assert.Equal(r.RequestIdHeader, r.Xml.Root.Element(StsResponse.Ns + "RequestId")?.Value);
        if (messagePart is not null) Assert.Contains(messagePart, r.ErrorMessage);
    }

    [Fact]
    public async Task Valid_token_gets_credentials_in_AWS_wire_format()
    {
        var (org, roleArn) = Setup();
        var token = _f.Server.MintToken(new TokenRequest { Organization = org });
        var r = await _f.AssumeAsync(roleArn, token, "deploy-1", duration: 900);

        Assert.Equal(200, r.Status);
        Assert.Equal("text/xml", r.ContentType);
        Assert.Equal("AssumeRoleWithWebIdentityResponse", r.Xml.Root!.Name.LocalName);
        Assert.Equal(StsResponse.Ns, r.Xml.Root.Name.Namespace);
        Assert.Equal(r.RequestIdHeader, r.Xml.Root.Element(StsResponse.Ns + "ResponseMetadata")?.Element(StsResponse.Ns + "RequestId")?.Value);

        Assert.Matches("^ASIA[A-Z0-9]{16}$", r.Value(Action, "Credentials", "AccessKeyId"));
        Assert.Equal(40, r.Value(Action, "Credentials", "SecretAccessKey").Length);
        Assert.True(r.Value(Action, "Credentials", "SessionToken").Length > 100);
        var expiration = DateTimeOffset.Parse(r.Value(Action, "Credentials", "Expiration"), CultureInfo.InvariantCulture);
        Assert.InRange((expiration - DateTimeOffset.UtcNow).TotalSeconds, 880, 905);
        Assert.EndsWith("Z", r.Value(Action, "Credentials", "Expiration"));

        Assert.Equal($"arn:aws:sts::123456789012:assumed-role/role-{org}/deploy-1", r.Value(Action, "AssumedRoleUser", "Arn"));
        Assert.Matches("^AROA[A-Z0-9]{16,17}:deploy-1$", r.Value(Action, "AssumedRoleUser", "AssumedRoleId"));
        Assert.StartsWith($"org:{org}:project:", r.Value(Action, "SubjectFromWebIdentityToken"));
        Assert.Equal($"https://{org}.semaphoreci.com", r.Value(Action, "Audience"));
        // STS API reference: for OpenID Connect ID tokens, Provider is the value of the token's iss.
        Assert.Equal($"https://{org}.semaphoreci.com", r.Value(Action, "Provider"));
    }

    [Theory]
    [InlineData("sts.amazonaws.com")]
    [InlineData("sts.eu-west-1.amazonaws.com")]
    [InlineData("sts.cn-north-1.amazonaws.com.cn")]
    [InlineData("vpce-0a1b2c3d4e5f60789-abcdefgh.sts.eu-west-1.vpce.amazonaws.com")]
    public async Task Every_sts_host_name_answers(string host)
    {
        var (org, roleArn) = Setup();
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org }), host: host);
        Assert.Equal(200, r.Status);
        Assert.Contains(_f.Server.Requests, e => e.Host == host && e.Service == "sts" && e.Action == Action && e.Status == 200);
    }

    [Fact]
    public async Task Direct_endpoint_dispatches_by_version()
    {
        var (org, roleArn) = Setup();
        using var http = new System.Net.Http.HttpClient(EmulatorFixture.CreateHandler(_f.Server, useProxy: false));
        var form = new Dictionary<string, string>
        {
            ["Action"] = Action, ["Version"] = "2011-06-15", ["RoleArn"] = roleArn, ["RoleSessionName"] = "direct",
            ["WebIdentityToken"] = _f.Server.MintToken(new TokenRequest { Organization = org }),
        };
        using var response = await http.PostAsync(_f.Server.HttpsEndpoint, new System.Net.Http.FormUrlEncodedContent(form));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("<AssumeRoleWithWebIdentityResult>", await response.Content.ReadAsStringAsync());
    }

    public static IEnumerable<object[]> ValidationCases() => new[]
    {
        new object[] { "RoleSessionName", "a", "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2" },
        new object[] { "RoleSessionName", new string('a', 65), "at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64" },
        new object[] { "RoleSessionName", "bad name!", "Value 'bad name!' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" },
        new object[] { "RoleArn", "arn:aws:iam::1:r", "at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20" },
        new object[] { "RoleArn", "arn:aws:iam::123456789012:role/" + new string('r', 2048), "at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 2048" },
        new object[] { "WebIdentityToken", "abc", "at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4" },
        new object[] { "WebIdentityToken", new string('t', 20001), "at 'webIdentityToken' failed to satisfy constraint: Member must have length less than or equal to 20000" },
        new object[] { "DurationSeconds", "899", "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900" },
        new object[] { "DurationSeconds", "43201", "Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200" },
        new object[] { "Policy", new string('p', 2049), "at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048" },
    };

    [Theory]
    [MemberData(nameof(ValidationCases))]
    public async Task Bad_parameters_are_ValidationErrors_in_AWS_words(string parameter, string value, string message)
    {
        var (org, roleArn) = Setup();
        var form = new Dictionary<string, string>
        {
            ["RoleArn"] = roleArn, ["RoleSessionName"] = "ok-session", ["WebIdentityToken"] = _f.Server.MintToken(new TokenRequest { Organization = org }),
        };
        form[parameter] = value;
        var r = await _f.AssumeAsync(null, null, null, extra: form);
        AssertError(r, 400, "ValidationError", message);
        Assert.StartsWith("1 validation error detected: ", r.ErrorMessage);
    }

    [Fact]
    public async Task Several_bad_parameters_are_counted_and_missing_ones_named()
    {
        var r = await _f.AssumeAsync(null, "abc", "x");
        AssertError(r, 400, "ValidationError", "3 validation errors detected: ");
        Assert.Contains("Value null at 'roleArn' failed to satisfy constraint: Member must not be null", r.ErrorMessage);
    }

    [Fact]
    public async Task More_than_ten_policy_arns_is_a_ValidationError()
    {
        var (org, roleArn) = Setup();
        var extra = Enumerable.Range(1, 11).ToDictionary(i => $"PolicyArns.member.{i}.arn", i => $"arn:aws:iam::aws:policy/P{i}");
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org }), extra: extra);
        AssertError(r, 400, "ValidationError", "at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
    }

    [Fact]
    public async Task Token_from_an_issuer_without_provider_is_refused()
    {
        var (_, roleArn) = Setup();
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = "nobody-registered-me" }));
        AssertError(r, 400, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://nobody-registered-me.semaphoreci.com");
    }

    [Fact]
    public async Task Wrong_audience_is_refused()
    {
        var (org, roleArn) = Setup();
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org, Audience = "sts.amazonaws.com" }));
        AssertError(r, 400, "InvalidIdentityToken", "Incorrect token audience");
    }

    [Fact]
    public async Task Provider_with_extra_client_id_accepts_that_audience()
    {
        var org = "org-" + Guid.NewGuid().ToString("N")[..10];
        _f.Server.RegisterProvider(_f.Server.IssuerUrl(org), new[] { _f.Server.IssuerUrl(org), "sts.amazonaws.com" });
        var policy = _f.Server.TrustPolicyFor(org, $"org:{org}:*").Replace($"\"https://{org}.semaphoreci.com\"", "\"sts.amazonaws.com\"");
        var roleArn = _f.Server.RegisterRole("r-" + org, policy);
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org, Audience = "sts.amazonaws.com" }));
        Assert.Equal(200, r.Status);
        Assert.Equal("sts.amazonaws.com", r.Value(Action, "Audience"));
    }

    [Fact]
    public async Task Expired_token_is_ExpiredTokenException()
    {
        var (org, roleArn) = Setup();
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org, Kind = TokenKind.Expired }));
        AssertError(r, 400, "ExpiredTokenException");
        Assert.Matches(new Regex(@"^Token expired: current date/time \d+ must be before the expiration date/time \d+$"), r.ErrorMessage);
    }

    [Theory]
    [InlineData(TokenKind.NotYetValid)]
    [InlineData(TokenKind.WrongKey)]
    [InlineData(TokenKind.AlgNone)]
    [InlineData(TokenKind.Hmac)]
    public async Task Forged_or_early_tokens_are_InvalidIdentityToken(TokenKind kind)
    {
        var (org, roleArn) = Setup();
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org, Kind = kind }));
        AssertError(r, 400, "InvalidIdentityToken");
    }

    [Fact]
    public async Task Tampered_payload_fails_the_signature_check()
    {
        var (org, roleArn) = Setup();
        var parts = _f.Server.MintToken(new TokenRequest { Organization = org }).Split('.');
        var other = _f.Server.MintToken(new TokenRequest { Organization = org, Ref = "refs/heads/evil" }).Split('.');
        var r = await _f.AssumeAsync(roleArn, $"{parts[0]}.{other[1]}.{parts[2]}");
        AssertError(r, 400, "InvalidIdentityToken");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public async Task Garbage_token_is_InvalidIdentityToken(string token)
    {
        var (_, roleArn) = Setup();
        AssertError(await _f.AssumeAsync(roleArn, token), 400, "InvalidIdentityToken", "not a valid JWT");
    }

    [Fact]
    public async Task Subject_outside_the_trust_policy_is_AccessDenied()
    {
        var (org, roleArn) = Setup(subjectPattern: null);
        var exact = _f.Server.RegisterRole("main-only-" + org,
            _f.Server.TrustPolicyFor(org, $"org:{org}:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main"));
        Assert.Equal(200, (await _f.AssumeAsync(exact, _f.Server.MintToken(new TokenRequest { Organization = org }))).Status);
        var r = await _f.AssumeAsync(exact, _f.Server.MintToken(new TokenRequest { Organization = org, Ref = "refs/heads/dev" }));
        AssertError(r, 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    [Fact]
    public async Task Role_arn_that_is_not_a_role_arn_is_a_ValidationError()
    {
        var (org, _) = Setup();
        var r = await _f.AssumeAsync("arn:aws:iam::123456789012:user/not-a-role", _f.Server.MintToken(new TokenRequest { Organization = org }));
        AssertError(r, 400, "ValidationError", "Request ARN is invalid");
    }

    [Fact]
    public async Task Token_without_sub_is_judged_by_aud_alone_like_AWS()
    {
        var org = "org-" + Guid.NewGuid().ToString("N")[..10];
        _f.Server.RegisterProvider(_f.Server.IssuerUrl(org));
        var audOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"arn:aws:iam::123456789012:oidc-provider/" + org
            + ".semaphoreci.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + org + ".semaphoreci.com:aud\":\"https://" + org + ".semaphoreci.com\"}}}]}";
        var roleArn = _f.Server.RegisterRole("aud-only-" + org, audOnly);
        var withSubCheck = _f.Server.RegisterRole("sub-" + org, _f.Server.TrustPolicyFor(org, $"org:{org}:*"));
        var token = _f.Server.MintToken(new TokenRequest { Organization = org, Claims = { ["sub"] = null } });

        var ok = await _f.AssumeAsync(roleArn, token);
        Assert.Equal(200, ok.Status);
        Assert.Null(ok.Value(Action, "SubjectFromWebIdentityToken"));
        AssertError(await _f.AssumeAsync(withSubCheck, token), 403, "AccessDenied");
    }

    [Fact]
    public async Task Unknown_role_is_AccessDenied_not_a_leak()
    {
        var (org, _) = Setup();
        var r = await _f.AssumeAsync("arn:aws:iam::123456789012:role/does-not-exist", _f.Server.MintToken(new TokenRequest { Organization = org }));
        AssertError(r, 403, "AccessDenied");
    }

    [Fact]
    public async Task Session_tags_need_TagSession_in_the_trust_policy()
    {
        var (org, roleArn) = Setup();
        var token = _f.Server.MintToken(new TokenRequest { Organization = org, SessionTags = new() { ["team"] = "web" } });
        AssertError(await _f.AssumeAsync(roleArn, token), 403, "AccessDenied");

        var policy = _f.Server.TrustPolicyFor(org, $"org:{org}:*")
            .Replace("\"Action\":\"sts:AssumeRoleWithWebIdentity\"", "\"Action\":[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]");
        var tagged = _f.Server.RegisterRole("tagged-" + org, policy);
        Assert.Equal(200, (await _f.AssumeAsync(tagged, token)).Status);
    }

    [Fact]
    public async Task Duration_over_the_role_maximum_is_refused_and_within_it_granted()
    {
        var (org, roleArn) = Setup(maxSession: 7200);
        var token = _f.Server.MintToken(new TokenRequest { Organization = org });
        AssertError(await _f.AssumeAsync(roleArn, token, duration: 7201), 400, "ValidationError",
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        Assert.Equal(200, (await _f.AssumeAsync(roleArn, token, duration: 7200)).Status);
    }

    [Fact]
    public async Task Requests_are_logged_with_action_status_and_code()
    {
        var (org, roleArn) = Setup();
        await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org, Kind = TokenKind.Expired }), "log-check");
        Assert.Contains(_f.Server.Requests, e => e.Action == Action && e.Status == 400 && e.ErrorCode == "ExpiredTokenException"
            && e.Host == "sts.us-east-1.amazonaws.com" && e.Service == "sts");
    }
}
