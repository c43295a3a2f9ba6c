using System;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.Runtime;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>Every IAM request must carry a valid SigV4 signature for iam in the partition's signing region.</summary>
public sealed class IamAuthTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;

    public IamAuthTests(EmulatorFixture f) => _f = f;

    [Fact]
    public void The_admin_pair_is_per_instance_long_term_and_in_info()
    {
        Assert.Matches("^AKIA[A-Z0-9]{16}$", _f.Server.AdminAccessKeyId);
        Assert.Equal(40, _f.Server.AdminSecretAccessKey.Length);
        var info = _f.Server.Info();
        Assert.Equal(_f.Server.AdminAccessKeyId, info["adminAccessKeyId"]);
        Assert.Equal(_f.Server.AdminSecretAccessKey, info["adminSecretAccessKey"]);
    }

    [Fact]
    public async Task The_admin_pair_survives_Reset()
    {
        var id = _f.Server.AdminAccessKeyId;
        _f.Server.Reset();
        Assert.Equal(id, _f.Server.AdminAccessKeyId);
        (await IamWire.SendAsync(_f, "ListOpenIDConnectProviders")).AssertSuccess("ListOpenIDConnectProviders");
    }

    [Fact]
    public async Task Unsigned_is_MissingAuthenticationToken_403_even_for_an_unknown_action()
    {
        (await IamWire.SendAsync(_f, null, "ListOpenIDConnectProviders")).AssertError(403, "MissingAuthenticationToken");
        (await IamWire.SendAsync(_f, null, "NoSuchAction")).AssertError(403, "MissingAuthenticationToken");
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch_403()
    {
        var wrong = new ImmutableCredentials(_f.Server.AdminAccessKeyId, new string('x', 40), null);
        (await IamWire.SendAsync(_f, wrong, "ListOpenIDConnectProviders")).AssertError(403, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task An_unknown_key_is_InvalidClientTokenId_403()
    {
        var unknown = new ImmutableCredentials("AKIAEXAMPLEEXAMPLE00", new string('x', 40), null);
        (await IamWire.SendAsync(_f, unknown, "ListOpenIDConnectProviders")).AssertError(403, "InvalidClientTokenId");
    }

    [Fact]
    public async Task The_admin_key_with_a_session_token_is_InvalidClientTokenId()
    {
        var withToken = new ImmutableCredentials(_f.Server.AdminAccessKeyId, _f.Server.AdminSecretAccessKey, "made-up-session-token");
        (await IamWire.SendAsync(_f, withToken, "ListOpenIDConnectProviders")).AssertError(403, "InvalidClientTokenId");
    }

    [Fact]
    public async Task Another_signing_region_or_service_is_SignatureDoesNotMatch()
    {
        (await IamWire.SendAsync(_f, IamWire.Admin(_f), "ListOpenIDConnectProviders", "eu-west-1", IamWire.Host))
            .AssertError(403, "SignatureDoesNotMatch", "valid region");
        var query = new SemaphoreOidc.Aws.QueryParameters("ListOpenIDConnectProviders", "2010-05-08");
        using var stsSigned = SemaphoreOidc.Aws.QuerySigner.CreateSignedRequest(new Uri("https://iam.amazonaws.com/"), "sts", "us-east-1", query, IamWire.Admin(_f));
        (await IamWire.SendAsync(_f, stsSigned)).AssertError(403, "SignatureDoesNotMatch", "'iam'");
    }

    [Fact]
    public async Task A_tampered_body_is_SignatureDoesNotMatch()
    {
        var query = new SemaphoreOidc.Aws.QueryParameters("GetRole", "2010-05-08").Add("RoleName", "a");
        using var signed = SemaphoreOidc.Aws.QuerySigner.CreateSignedRequest(new Uri("https://iam.amazonaws.com/"), "iam", "us-east-1", query, IamWire.Admin(_f));
        var headers = signed.Content!.Headers.ContentType;
        signed.Content = new StringContent("Action=GetRole&Version=2010-05-08&RoleName=b");
        signed.Content.Headers.ContentType = headers;
        (await IamWire.SendAsync(_f, signed)).AssertError(403, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task The_china_partition_signs_for_cn_north_1_and_mints_aws_cn_arns()
    {
        var url = $"https://cn-{Guid.NewGuid().ToString("N")[..8]}.semaphoreci.com";
        var r = await IamWire.SendAsync(_f, IamWire.Admin(_f), "CreateOpenIDConnectProvider", "cn-north-1", "iam.cn-north-1.amazonaws.com.cn",
            ("Url", url), ("ClientIDList.member.1", url));
        r.AssertSuccess("CreateOpenIDConnectProvider");
        Assert.StartsWith("arn:aws-cn:iam::", r.Value("CreateOpenIDConnectProvider", "OpenIDConnectProviderArn"));
        (await IamWire.SendAsync(_f, IamWire.Admin(_f), "ListOpenIDConnectProviders", "us-east-1", "iam.cn-north-1.amazonaws.com.cn"))
            .AssertError(403, "SignatureDoesNotMatch", "valid region");
    }

    [Fact]
    public async Task Credentials_issued_by_STS_are_accepted()
    {
        var org = "auth-" + Guid.NewGuid().ToString("N")[..8];
        var roleArn = _f.SetUpRole(org, "admin-" + org);
        var sts = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org }));
        Assert.Equal(200, sts.Status);
        const string a = "AssumeRoleWithWebIdentity";
        var session = new ImmutableCredentials(sts.Value(a, "Credentials", "AccessKeyId"), sts.Value(a, "Credentials", "SecretAccessKey"),
            sts.Value(a, "Credentials", "SessionToken"));
        (await IamWire.SendAsync(_f, session, "ListOpenIDConnectProviders")).AssertSuccess("ListOpenIDConnectProviders");
    }
}
