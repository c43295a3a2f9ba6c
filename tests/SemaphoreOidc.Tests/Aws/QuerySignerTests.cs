using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Sts;
using SemaphoreOidc.Tests.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    /// <summary>SigV4 from AWSSDK.Core's signer, checked by the emulator's independent SigV4 verifier.</summary>
    public class QuerySignerTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _fixture;

        public QuerySignerTests(EmulatorFixture fixture) => _fixture = fixture;

        private async Task<ImmutableCredentials> SessionCredentialsAsync()
        {
            var server = _fixture.Server;
            server.RegisterProvider(server.IssuerUrl("my-org"));
            string arn = server.RegisterRole("signer", server.TrustPolicyFor("my-org", "org:my-org:*"));
            var plan = ExchangePlanner.Plan(new AssumeRoleParameters { RoleArn = arn, Token = server.MintToken(new TokenRequest()), Region = "us-east-1" }, _ => null, DateTime.UtcNow);
            var result = await new WebIdentityExchange(() => _fixture.EngineHttp).AssumeRoleAsync(plan, null, CancellationToken.None);
            return new ImmutableCredentials(result.AccessKeyId, result.SecretAccessKey, result.SessionToken);
        }

        [Fact]
        public async Task A_signed_request_with_a_session_token_is_accepted()
        {
            var credentials = await SessionCredentialsAsync();
            using var request = QuerySigner.CreateSignedRequest(new Uri("https://sts.us-east-1.amazonaws.com/"), "sts", "us-east-1",
                new QueryParameters("GetCallerIdentity", "2011-06-15"), credentials);
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + credentials.AccessKey + "/", string.Join(",", request.Headers.GetValues("Authorization")));
            using var response = await _fixture.EngineHttp.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(":assumed-role/signer/", body);
        }

        [Fact]
        public async Task A_wrong_secret_is_refused_by_the_verifier()
        {
            var credentials = await SessionCredentialsAsync();
            char first = credentials.SecretKey[0] == 'x' ? 'y' : 'x';
            var wrong = new ImmutableCredentials(credentials.AccessKey, first + credentials.SecretKey.Substring(1), credentials.Token);
            using var request = QuerySigner.CreateSignedRequest(new Uri("https://sts.us-east-1.amazonaws.com/"), "sts", "us-east-1",
                new QueryParameters("GetCallerIdentity", "2011-06-15"), wrong);
            using var response = await _fixture.EngineHttp.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("SignatureDoesNotMatch", await response.Content.ReadAsStringAsync());
        }
    }
}
