using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;
using SemaphoreOidc.Sts;
using SemaphoreOidc.Tests.Emulator;
using Xunit;
using RetryPolicy = SemaphoreOidc.Aws.RetryPolicy;

namespace SemaphoreOidc.Tests.Aws
{
    /// <summary>
    /// Every answer that is not a well-formed AWS answer, from the emulator over real HTTPS, for STS and IAM: a
    /// stable id, a message naming endpoint, status, content type and the safe first bytes, a retry only where
    /// the table in docs/aws-calls.md allows one, and no secret anywhere.
    /// </summary>
    public static class UnexpectedAnswers
    {
        public const int MaxAttempts = 3;

        // kind, status, how many attempts it gets (1 = not retried), the words the message must hold.
        public static IEnumerable<object[]> Table() => new List<object[]>
        {
            new object[] { FaultKind.HtmlPage, null, 1, "HTTP 200, content type text/html; charset=utf-8: not an XML answer; body '<!DOCTYPE html><html><head><title>Sign in to Airport Wi-Fi" },
            new object[] { FaultKind.HtmlPage, 403, 1, "HTTP 403, content type text/html; charset=utf-8: not an XML answer; body '<html><head><title>403 Forbidden</title>" },
            new object[] { FaultKind.HtmlPage, 502, MaxAttempts, "HTTP 502, content type text/html; charset=utf-8: not an XML answer; body '<html><head><title>502 Bad Gateway</title>" },
            new object[] { FaultKind.EchoRequest, null, 1, "HTTP 200, content type text/html; charset=utf-8: not an XML answer; body '<html><body><pre>Action=" },
            new object[] { FaultKind.Garbage, null, 1, "HTTP 200, content type application/octet-stream: not an XML answer; body of 512 bytes that are not text" },
            new object[] { FaultKind.TruncatedXml, null, 1, "HTTP 200, content type text/xml: not well-formed XML; body '<" },
            new object[] { FaultKind.EmptyResult, null, 1, "HTTP 200, content type text/xml: " },
            new object[] { FaultKind.Redirect, null, 1, "HTTP 307, no content type: a redirect to https://portal.example.net/; body empty" },
            new object[] { FaultKind.Redirect, 302, 1, "HTTP 302, no content type: a redirect to https://portal.example.net/; body empty" },
            new object[] { FaultKind.BareStatus, null, MaxAttempts, "HTTP 503, no content type: an empty body; body empty" },
            new object[] { FaultKind.BareStatus, 502, MaxAttempts, "HTTP 502, no content type: an empty body; body empty" },
            new object[] { FaultKind.BareStatus, 429, MaxAttempts, "HTTP 429, no content type: an empty body; body empty" },
            new object[] { FaultKind.BareStatus, 404, 1, "HTTP 404, no content type: an empty body; body empty" },
            new object[] { FaultKind.BareStatus, 400, 1, "HTTP 400, no content type: an empty body; body empty" },
            new object[] { FaultKind.WrongContentType, null, 1, "HTTP 200, content type text/html; charset=utf-8: not an XML answer; body '<" },
            new object[] { FaultKind.CutOffBody, null, MaxAttempts, "HTTP 200, content type text/xml: the connection closed after " },
            new object[] { FaultKind.SlowBody, null, MaxAttempts, "HTTP 200, content type text/xml: the body had not finished when the attempt's time ran out" },
            new object[] { FaultKind.OversizedBody, null, 1, "HTTP 200, content type text/xml: the body is larger than 8 MiB" },
        };

        public static RetryPolicy Quick() => new RetryPolicy(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));

        public static void AssertSafe(SemaphoreOidcException error, params string[] secrets)
        {
            foreach (string text in new[] { error.Message, error.ToString(), Convert.ToString(error.Target) })
            {
                foreach (string secret in secrets) Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain("NullReference", text);
                Assert.DoesNotContain("See inner exception", text);
                Assert.DoesNotContain("XmlException", text);
            }

            Assert.DoesNotMatch("^System\\.", error.ErrorId);
        }
    }

    public class StsUnexpectedAnswerTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _fixture;

        public StsUnexpectedAnswerTests(EmulatorFixture fixture) => _fixture = fixture;

        [Theory]
        [MemberData(nameof(UnexpectedAnswers.Table), MemberType = typeof(UnexpectedAnswers))]
        public async Task Is_StsUnexpectedResponse_named_and_safe(FaultKind kind, int? status, int attempts, string words)
        {
            var server = _fixture.Server;
            server.Reset();
            server.RegisterProvider(server.IssuerUrl("my-org"));
            string role = server.RegisterRole("deploy", server.TrustPolicyFor("my-org", "org:my-org:*"));
            server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 100, Kind = kind, StatusCode = status });
            string token = server.MintToken(new TokenRequest());
            // A short session name puts the token inside the first characters a page echoing the request would show.
            var plan = ExchangePlanner.Plan(new AssumeRoleParameters { RoleArn = role, Token = token, SessionName = "ci", Region = "eu-west-1", MaxAttempts = UnexpectedAnswers.MaxAttempts },
                _ => null, DateTime.UtcNow);

            var error = await Assert.ThrowsAsync<SemaphoreOidcException>(() =>
                new WebIdentityExchange(() => _fixture.EngineHttp, UnexpectedAnswers.Quick(), TimeSpan.FromSeconds(2)).AssumeRoleAsync(plan, null, CancellationToken.None));

            Assert.Equal(StsErrorIds.StsUnexpectedResponse, error.ErrorId);
            Assert.Equal(ErrorKind.ProtocolError, error.Kind);
            Assert.True(error.Message.StartsWith("STS at https://sts.eu-west-1.amazonaws.com/ did not give an AWS answer: " + words, StringComparison.Ordinal), error.Message);
            Assert.Equal("https://sts.eu-west-1.amazonaws.com/", error.Target);
            Assert.Equal(attempts, server.Requests.Count(r => r.Action == "AssumeRoleWithWebIdentity"));
            // The echoed request puts the token inside the part shown: it must be there, removed.
            if (kind == FaultKind.EchoRequest) Assert.Contains("WebIdentityToken=[redacted]", error.Message);
            UnexpectedAnswers.AssertSafe(error, token, token.Split('.')[1], token.Split('.')[2]);
        }

        [Fact]
        public async Task A_success_without_credentials_is_never_a_result()
        {
            var server = _fixture.Server;
            server.Reset();
            server.RegisterProvider(server.IssuerUrl("my-org"));
            string role = server.RegisterRole("deploy", server.TrustPolicyFor("my-org", "org:my-org:*"));
            server.AddFault(new FaultRule { Service = "sts", Count = 1, Kind = FaultKind.EmptyResult });
            var plan = ExchangePlanner.Plan(new AssumeRoleParameters { RoleArn = role, Token = server.MintToken(new TokenRequest()), Region = "us-east-1" }, _ => null, DateTime.UtcNow);
            var error = await Assert.ThrowsAsync<SemaphoreOidcException>(() =>
                new WebIdentityExchange(() => _fixture.EngineHttp, UnexpectedAnswers.Quick()).AssumeRoleAsync(plan, null, CancellationToken.None));
            Assert.Contains("an AssumeRoleWithWebIdentity answer without Credentials", error.Message);
            Assert.Single(server.Requests, r => r.Action == "AssumeRoleWithWebIdentity");
        }
    }

    public class IamUnexpectedAnswerTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _fixture;

        public IamUnexpectedAnswerTests(EmulatorFixture fixture) => _fixture = fixture;

        private IamClient Client(ImmutableCredentials credentials) =>
            new IamClient(IamEndpoint.Resolve("us-east-1", null), () => Task.FromResult(credentials), _fixture.EngineHttp, UnexpectedAnswers.Quick())
            {
                MaxAttempts = UnexpectedAnswers.MaxAttempts,
                AttemptTimeout = TimeSpan.FromSeconds(2),
            };

        /// <summary>Session credentials, so that a page echoing the request carries a session token and a signature to leak.</summary>
        private async Task<ImmutableCredentials> SessionAsync()
        {
            var server = _fixture.Server;
            server.RegisterProvider(server.IssuerUrl("my-org"));
            string role = server.RegisterRole("admin", server.TrustPolicyFor("my-org", "org:my-org:*"));
            var plan = ExchangePlanner.Plan(new AssumeRoleParameters { RoleArn = role, Token = server.MintToken(new TokenRequest()), Region = "us-east-1" }, _ => null, DateTime.UtcNow);
            var result = await new WebIdentityExchange(() => _fixture.EngineHttp).AssumeRoleAsync(plan, null, CancellationToken.None);
            return new ImmutableCredentials(result.AccessKeyId, result.SecretAccessKey, result.SessionToken);
        }

        [Theory]
        [MemberData(nameof(UnexpectedAnswers.Table), MemberType = typeof(UnexpectedAnswers))]
        public async Task Is_IamUnexpectedResponse_named_and_safe(FaultKind kind, int? status, int attempts, string words)
        {
            var server = _fixture.Server;
            server.Reset();
            var credentials = await SessionAsync();
            server.AddFault(new FaultRule { Service = "iam", Action = "ListOpenIDConnectProviders", Count = 100, Kind = kind, StatusCode = status });

            var error = await Assert.ThrowsAsync<SemaphoreOidcException>(() => Client(credentials).ListOpenIdConnectProvidersAsync(CancellationToken.None));

            Assert.Equal(IamErrorIds.IamUnexpectedResponse, error.ErrorId);
            Assert.Equal(ErrorKind.ProtocolError, error.Kind);
            Assert.True(error.Message.StartsWith("IAM ListOpenIDConnectProviders at https://iam.amazonaws.com/ did not get an AWS answer: " + words, StringComparison.Ordinal), error.Message);
            Assert.Equal(attempts, server.Requests.Count(r => r.Action == "ListOpenIDConnectProviders"));
            if (kind == FaultKind.EchoRequest) Assert.Contains("[redacted]", error.Message);
            UnexpectedAnswers.AssertSafe(error, credentials.AccessKey, credentials.SecretKey, credentials.Token, credentials.Token.Substring(0, 24));
        }

        [Theory]
        [InlineData("ListOpenIDConnectProviders", "<ListOpenIDConnectProvidersResult> without OpenIDConnectProviderList")]
        [InlineData("GetOpenIDConnectProvider", "<GetOpenIDConnectProviderResult> without Url")]
        [InlineData("CreateOpenIDConnectProvider", "<CreateOpenIDConnectProviderResult> without OpenIDConnectProviderArn")]
        [InlineData("GetRole", "<GetRoleResult> without Role")]
        [InlineData("GetAccountSummary", "<GetAccountSummaryResult> without SummaryMap")]
        public async Task A_success_without_its_result_is_never_read_as_empty(string action, string what)
        {
            var server = _fixture.Server;
            server.Reset();
            string url = server.IssuerUrl("shape-org");
            string arn = server.RegisterProvider(url);
            server.RegisterRole("shape", server.TrustPolicyFor("shape-org", "org:shape-org:*"));
            server.AddFault(new FaultRule { Service = "iam", Action = action, Count = 1, Kind = FaultKind.EmptyResult });
            var iam = Client(new ImmutableCredentials(server.AdminAccessKeyId, server.AdminSecretAccessKey, null));
            Task call = action switch
            {
                "ListOpenIDConnectProviders" => iam.ListOpenIdConnectProvidersAsync(CancellationToken.None),
                "GetOpenIDConnectProvider" => iam.GetOpenIdConnectProviderAsync(arn, CancellationToken.None),
                "CreateOpenIDConnectProvider" => iam.CreateOpenIdConnectProviderAsync("https://other.semaphoreci.com", new[] { "x" }, null, null, CancellationToken.None),
                "GetRole" => iam.GetRoleAsync("shape", CancellationToken.None),
                _ => iam.GetAccountSummaryAsync(CancellationToken.None),
            };
            var error = await Assert.ThrowsAsync<SemaphoreOidcException>(() => call);
            Assert.Equal(IamErrorIds.IamUnexpectedResponse, error.ErrorId);
            Assert.Contains($"HTTP 200, content type text/xml: {what}; body '<{action}Response", error.Message);
            Assert.Single(server.Requests, r => r.Action == action);
        }
    }
}
