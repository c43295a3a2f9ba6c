using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;
using SemaphoreOidc.Tests.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    /// <summary>The exchange over real HTTPS against the emulator's STS, with injected faults.</summary>
    public class WebIdentityExchangeTests : IClassFixture<EmulatorFixture>
    {
        private const string Subject = "org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main";
        private readonly EmulatorFixture _fixture;
        private readonly EmulatorServer _server;
        private readonly string _roleArn;

        public WebIdentityExchangeTests(EmulatorFixture fixture)
        {
            _fixture = fixture;
            _server = fixture.Server;
            _server.Reset();
            _server.RegisterProvider(_server.IssuerUrl("my-org"));
            _roleArn = _server.RegisterRole("deploy", _server.TrustPolicyFor("my-org", Subject));
        }

        private WebIdentityExchange Exchange() =>
            new WebIdentityExchange(() => _fixture.EngineHttp, new RetryPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)), TimeSpan.FromSeconds(5));

        private ExchangePlan Plan(string token = null, int maxAttempts = 5, string region = "us-east-1") =>
            ExchangePlanner.Plan(
                new AssumeRoleParameters { RoleArn = _roleArn, Token = token ?? _server.MintToken(new TokenRequest { JobId = "job-1" }), Region = region, MaxAttempts = maxAttempts },
                _ => null, DateTime.UtcNow);

        private int StsCalls() => _server.Requests.Count(r => r.Action == "AssumeRoleWithWebIdentity");

        private static async Task<SemaphoreOidcException> Refused(Task task) => await Assert.ThrowsAsync<SemaphoreOidcException>(() => task);

        [Fact]
        public async Task Returns_the_credentials_STS_issued()
        {
            var result = await Exchange().AssumeRoleAsync(Plan(), null, CancellationToken.None);
            Assert.StartsWith("ASIA", result.AccessKeyId);
            Assert.Equal(40, result.SecretAccessKey.Length);
            Assert.False(string.IsNullOrEmpty(result.SessionToken));
            Assert.Equal(DateTimeKind.Utc, result.Expiration.Value.Kind);
            Assert.Equal($"arn:aws:sts::{_server.AccountId}:assumed-role/deploy/semaphore-job-job-1", result.AssumedRoleArn);
            Assert.Equal(Subject, result.SubjectFromWebIdentityToken);
            Assert.Equal("https://my-org.semaphoreci.com", result.Audience);
            Assert.Equal(_roleArn, result.RoleArn);
            Assert.Equal("us-east-1", result.Region);
            Assert.DoesNotContain(result.SecretAccessKey, result.ToString());
            Assert.DoesNotContain(result.SessionToken, result.ToString());
            Assert.Equal("sts.us-east-1.amazonaws.com", _server.Requests.Single(r => r.Action == "AssumeRoleWithWebIdentity").Host);
        }

        [Theory]
        [InlineData(FaultKind.Throttling, null)]
        [InlineData(FaultKind.Http500, null)]
        [InlineData(FaultKind.DropConnection, null)]
        [InlineData(FaultKind.AwsError, "IDPCommunicationError")]
        [InlineData(FaultKind.AwsError, "InvalidIdentityToken")]
        public async Task Retries_what_can_succeed(FaultKind kind, string code)
        {
            _server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 2, Kind = kind, ErrorCode = code });
            var log = new ListLog();
            var result = await Exchange().AssumeRoleAsync(Plan(), log, CancellationToken.None);
            Assert.StartsWith("ASIA", result.AccessKeyId);
            Assert.Equal(3, StsCalls());
            // One request per attempt: every failed request is one failed attempt of ours, a dropped connection too.
            Assert.Equal(2, log.Messages.Count(m => m.Contains("retrying in")));
        }

        [Theory]
        [InlineData("AccessDenied", "AssumeRoleAccessDenied")]
        [InlineData("IDPRejectedClaim", "AssumeRoleClaimRejected")]
        [InlineData("ExpiredTokenException", "AssumeRoleTokenExpired")]
        [InlineData("MalformedPolicyDocument", "AssumeRoleSessionPolicyMalformed")]
        [InlineData("PackedPolicyTooLarge", "AssumeRoleSessionPolicyTooLarge")]
        [InlineData("RegionDisabledException", "AssumeRoleRegionDisabled")]
        public async Task Never_retries_what_cannot(string code, string errorId)
        {
            _server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 5, Kind = FaultKind.AwsError, ErrorCode = code });
            var error = await Refused(Exchange().AssumeRoleAsync(Plan(), null, CancellationToken.None));
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(code, error.AwsErrorCode);
            Assert.False(string.IsNullOrEmpty(error.AwsRequestId));
            Assert.Equal(1, StsCalls());
        }

        [Fact]
        public async Task Invalid_identity_token_is_retried_at_most_twice()
        {
            _server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 10, Kind = FaultKind.AwsError, ErrorCode = "InvalidIdentityToken" });
            var error = await Refused(Exchange().AssumeRoleAsync(Plan(maxAttempts: 10), null, CancellationToken.None));
            Assert.Equal("AssumeRoleInvalidIdentityToken", error.ErrorId);
            Assert.Equal(3, StsCalls());
        }

        [Fact]
        public async Task Gives_up_after_max_attempts()
        {
            _server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 10, Kind = FaultKind.Throttling });
            var error = await Refused(Exchange().AssumeRoleAsync(Plan(maxAttempts: 3), null, CancellationToken.None));
            Assert.Equal("AssumeRoleServiceUnavailable", error.ErrorId);
            Assert.Contains("3 attempts", error.Message);
            Assert.Equal(3, StsCalls());
        }

        [Fact]
        public async Task Gives_up_when_the_time_budget_is_spent()
        {
            _server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 20, Kind = FaultKind.Throttling });
            var plan = ExchangePlanner.Plan(
                new AssumeRoleParameters { RoleArn = _roleArn, Token = _server.MintToken(new TokenRequest()), Region = "us-east-1", MaxAttempts = 20, MaxElapsed = TimeSpan.FromMilliseconds(300) },
                _ => null, DateTime.UtcNow);
            var slow = new WebIdentityExchange(() => _fixture.EngineHttp, new RetryPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)), TimeSpan.FromSeconds(5));
            await Refused(slow.AssumeRoleAsync(plan, null, CancellationToken.None));
            Assert.InRange(StsCalls(), 1, 3);
        }

        [Fact]
        public async Task An_attempt_that_hangs_times_out_and_is_retried()
        {
            _server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 1, Kind = FaultKind.Delay, DelayMilliseconds = 5000 });
            var quick = new WebIdentityExchange(() => _fixture.EngineHttp, new RetryPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)), TimeSpan.FromMilliseconds(700));
            var result = await quick.AssumeRoleAsync(Plan(), null, CancellationToken.None);
            Assert.StartsWith("ASIA", result.AccessKeyId);
        }

        [Fact]
        public async Task Cancellation_stops_at_once()
        {
            _server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 1, Kind = FaultKind.Delay, DelayMilliseconds = 30000 });
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Exchange().AssumeRoleAsync(Plan(), null, cancel.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
        }

        [Fact]
        public async Task Access_denied_explains_which_condition_would_admit_the_job()
        {
            string token = _server.MintToken(new TokenRequest { Ref = "refs/heads/feature/x" });
            var error = await Refused(Exchange().AssumeRoleAsync(Plan(token), null, CancellationToken.None));
            Assert.Equal("AssumeRoleAccessDenied", error.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Contains("sub: org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/feature/x", error.Message);
            Assert.Contains("\"my-org.semaphoreci.com:sub\": \"org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/feature/x\"", error.Message);
            Assert.DoesNotContain(token, error.Message);
        }

        [Fact]
        public async Task A_token_from_an_unregistered_issuer_is_explained()
        {
            string token = _server.MintToken(new TokenRequest { Organization = "other-org" });
            var error = await Refused(Exchange().AssumeRoleAsync(Plan(token), null, CancellationToken.None));
            Assert.Equal("AssumeRoleInvalidIdentityToken", error.ErrorId);
            Assert.Contains("https://other-org.semaphoreci.com", error.Message);
            Assert.Equal(3, StsCalls());
        }

        [Fact]
        public async Task Explicit_endpoint_is_used_as_given()
        {
            var plan = ExchangePlanner.Plan(
                new AssumeRoleParameters { RoleArn = _roleArn, Token = _server.MintToken(new TokenRequest()), Region = "eu-west-1", EndpointUrl = _server.HttpsEndpoint.AbsoluteUri },
                _ => null, DateTime.UtcNow);
            var result = await Exchange().AssumeRoleAsync(plan, null, CancellationToken.None);
            Assert.Equal("eu-west-1", result.Region);
            Assert.Contains(_server.Requests, r => r.Action == "AssumeRoleWithWebIdentity" && r.Host.StartsWith("127.0.0.1"));
        }

        private sealed class ListLog : IExchangeLog
        {
            public List<string> Messages { get; } = new List<string>();

            public void Verbose(string message)
            {
                lock (Messages) Messages.Add(message);
            }
        }
    }
}
