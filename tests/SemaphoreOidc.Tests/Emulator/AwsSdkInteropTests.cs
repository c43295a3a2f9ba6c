using System;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>
/// The AWS SDK for .NET against the emulator: AWS's own XML parser reads our answers and AWS's own SigV4
/// signer signs GetCallerIdentity, so wire-format or signing mistakes in the emulator show up here.
/// </summary>
public sealed class AwsSdkInteropTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;

    public AwsSdkInteropTests(EmulatorFixture f) => _f = f;

    private sealed class EmulatorHttpClientFactory : HttpClientFactory
    {
        private readonly EmulatorServer _server;
        public EmulatorHttpClientFactory(EmulatorServer server) => _server = server;
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(EmulatorFixture.CreateHandler(_server));
    }

    private AmazonSecurityTokenServiceClient Client(AWSCredentials credentials) => new(credentials, new AmazonSecurityTokenServiceConfig
    {
        RegionEndpoint = RegionEndpoint.USEast1,
        HttpClientFactory = new EmulatorHttpClientFactory(_f.Server),
        MaxErrorRetry = 0,
    });

    private async Task<AssumeRoleWithWebIdentityResponse> AssumeAsync(string org)
    {
        var roleArn = _f.SetUpRole(org, "sdk-" + org);
        using var sts = Client(new AnonymousAWSCredentials());
        return await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = roleArn, RoleSessionName = "sdk-session", WebIdentityToken = _f.Server.MintToken(new TokenRequest { Organization = org }),
        });
    }

    [Fact]
    public async Task Sdk_parses_AssumeRoleWithWebIdentity()
    {
        var response = await AssumeAsync("sdk-org-a");
        Assert.StartsWith("ASIA", response.Credentials.AccessKeyId);
        Assert.Equal(40, response.Credentials.SecretAccessKey.Length);
        Assert.False(string.IsNullOrEmpty(response.Credentials.SessionToken));
        Assert.True(response.Credentials.Expiration > DateTime.UtcNow.AddMinutes(50));
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/sdk-sdk-org-a/sdk-session", response.AssumedRoleUser.Arn);
        Assert.Equal("https://sdk-org-a.semaphoreci.com", response.Audience);
        Assert.False(string.IsNullOrEmpty(response.ResponseMetadata.RequestId));
    }

    [Fact]
    public async Task Sdk_maps_emulator_errors_to_its_exception_types()
    {
        var roleArn = _f.SetUpRole("sdk-org-b", "sdk-b");
        using var sts = Client(new AnonymousAWSCredentials());
        await Assert.ThrowsAsync<ExpiredTokenException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = roleArn, RoleSessionName = "s1", WebIdentityToken = _f.Server.MintToken(new TokenRequest { Organization = "sdk-org-b", Kind = TokenKind.Expired }),
        }));
        await Assert.ThrowsAsync<InvalidIdentityTokenException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = roleArn, RoleSessionName = "s1", WebIdentityToken = _f.Server.MintToken(new TokenRequest { Organization = "sdk-org-b", Kind = TokenKind.WrongKey }),
        }));
        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = roleArn, RoleSessionName = "s1", WebIdentityToken = _f.Server.MintToken(new TokenRequest { Organization = "sdk-org-b", Repository = "x", Claims = { ["sub"] = "org:other" } }),
        }));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task GetCallerIdentity_with_issued_credentials_names_the_assumed_role()
    {
        var assumed = await AssumeAsync("sdk-org-c");
        var c = assumed.Credentials;
        using var sts = Client(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));
        var me = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(assumed.AssumedRoleUser.Arn, me.Arn);
        Assert.Equal(assumed.AssumedRoleUser.AssumedRoleId, me.UserId);
        Assert.Equal("123456789012", me.Account);
    }

    [Theory]
    [InlineData("secret", "SignatureDoesNotMatch")]
    [InlineData("token", "InvalidClientTokenId")]
    [InlineData("key", "InvalidClientTokenId")]
    public async Task GetCallerIdentity_refuses_bad_credentials(string spoil, string code)
    {
        var c = (await AssumeAsync("sdk-org-d-" + spoil)).Credentials;
        var credentials = spoil switch
        {
            "secret" => new SessionAWSCredentials(c.AccessKeyId, new string('x', 40), c.SessionToken),
            "token" => new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken + "x"),
            _ => new SessionAWSCredentials("ASIAAAAAAAAAAAAAAAAA", c.SecretAccessKey, c.SessionToken),
        };
        using var sts = Client(credentials);
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
    }

    [Fact]
    public async Task GetCallerIdentity_without_signature_is_refused()
    {
        var r = await _f.PostAsync("https://sts.amazonaws.com/", new() { ["Action"] = "GetCallerIdentity", ["Version"] = "2011-06-15" });
        Assert.Equal((403, "MissingAuthenticationToken"), (r.Status, r.ErrorCode));
    }
}
