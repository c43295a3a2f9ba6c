using System;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>STS decides with IAM's state: what IAM creates, changes and deletes is what AssumeRoleWithWebIdentity sees.</summary>
public sealed class IamStsSharedStateTests : IClassFixture<EmulatorFixture>
{
    private const string A = "AssumeRoleWithWebIdentity";
    private readonly EmulatorFixture _f;

    public IamStsSharedStateTests(EmulatorFixture f) => _f = f;

    private async Task<(string Org, string ProviderArn, string RoleArn)> SetUpThroughIamAsync(string subject)
    {
        var org = "shared-" + Guid.NewGuid().ToString("N")[..8];
        var issuer = _f.Server.IssuerUrl(org);
        var provider = await IamWire.SendAsync(_f, "CreateOpenIDConnectProvider", ("Url", issuer), ("ClientIDList.member.1", issuer));
        provider.AssertSuccess("CreateOpenIDConnectProvider");
        var role = await IamWire.SendAsync(_f, "CreateRole", ("RoleName", "deploy-" + org), ("AssumeRolePolicyDocument", _f.Server.TrustPolicyFor(org, subject)));
        role.AssertSuccess("CreateRole");
        return (org, provider.Value("CreateOpenIDConnectProvider", "OpenIDConnectProviderArn"), role.Value("CreateRole", "Role", "Arn"));
    }

    [Fact]
    public async Task A_provider_and_role_created_through_IAM_admit_a_token()
    {
        var (org, _, roleArn) = await SetUpThroughIamAsync("org:shared-*");
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org }));
        Assert.True(r.Status == 200, r.Body);
        Assert.EndsWith($":assumed-role/deploy-{org}/session-1", r.Value(A, "AssumedRoleUser", "Arn"));
        // STS API reference: for OIDC ID tokens Provider is the token's iss.
        Assert.Equal(_f.Server.IssuerUrl(org), r.Value(A, "Provider"));
    }

    [Fact]
    public async Task A_trust_policy_replaced_through_IAM_is_what_STS_evaluates()
    {
        var (org, _, roleArn) = await SetUpThroughIamAsync("org:shared-*");
        var token = _f.Server.MintToken(new TokenRequest { Organization = org });
        Assert.Equal(200, (await _f.AssumeAsync(roleArn, token)).Status);

        (await IamWire.SendAsync(_f, "UpdateAssumeRolePolicy", ("RoleName", "deploy-" + org), ("PolicyDocument", _f.Server.TrustPolicyFor(org, "org:nobody:*"))))
            .AssertSuccess("UpdateAssumeRolePolicy");
        var denied = await _f.AssumeAsync(roleArn, token);
        Assert.Equal(403, denied.Status);
        Assert.Equal("AccessDenied", denied.ErrorCode);
    }

    [Fact]
    public async Task MaxSessionDuration_raised_through_UpdateRole_lets_a_longer_session_in()
    {
        var (org, _, roleArn) = await SetUpThroughIamAsync("org:shared-*");
        var token = _f.Server.MintToken(new TokenRequest { Organization = org });
        Assert.Equal("ValidationError", (await _f.AssumeAsync(roleArn, token, duration: 7200)).ErrorCode);
        (await IamWire.SendAsync(_f, "UpdateRole", ("RoleName", "deploy-" + org), ("MaxSessionDuration", "7200"))).AssertSuccess("UpdateRole");
        Assert.Equal(200, (await _f.AssumeAsync(roleArn, token, duration: 7200)).Status);
    }

    [Fact]
    public async Task Deleting_the_provider_or_removing_the_audience_through_IAM_stops_the_exchange()
    {
        var (org, providerArn, roleArn) = await SetUpThroughIamAsync("org:shared-*");
        var token = _f.Server.MintToken(new TokenRequest { Organization = org });

        (await IamWire.SendAsync(_f, "RemoveClientIDFromOpenIDConnectProvider", ("OpenIDConnectProviderArn", providerArn), ("ClientID", _f.Server.IssuerUrl(org))))
            .AssertSuccess("RemoveClientIDFromOpenIDConnectProvider");
        var wrongAudience = await _f.AssumeAsync(roleArn, token);
        Assert.Equal("InvalidIdentityToken", wrongAudience.ErrorCode);
        Assert.Contains("audience", wrongAudience.ErrorMessage);

        (await IamWire.SendAsync(_f, "DeleteOpenIDConnectProvider", ("OpenIDConnectProviderArn", providerArn))).AssertSuccess("DeleteOpenIDConnectProvider");
        var gone = await _f.AssumeAsync(roleArn, token);
        Assert.Equal("InvalidIdentityToken", gone.ErrorCode);
        Assert.Contains("No OpenIDConnect provider found", gone.ErrorMessage);
    }

    [Fact]
    public async Task A_role_overwritten_through_the_admin_API_is_seen_by_STS()
    {
        var (org, _, roleArn) = await SetUpThroughIamAsync("org:shared-*");
        _f.Server.SetRoleTrustPolicy("deploy-" + org, _f.Server.TrustPolicyFor(org, "org:nobody:*"));
        Assert.Equal("AccessDenied", (await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org }))).ErrorCode);
    }

    [Fact]
    public async Task China_STS_hosts_mint_aws_cn_assumed_role_arns()
    {
        var (org, _, roleArn) = await SetUpThroughIamAsync("org:shared-*");
        var r = await _f.AssumeAsync(roleArn, _f.Server.MintToken(new TokenRequest { Organization = org }), host: "sts.cn-north-1.amazonaws.com.cn");
        Assert.StartsWith("arn:aws-cn:sts::", r.Value(A, "AssumedRoleUser", "Arn"));
    }
}
