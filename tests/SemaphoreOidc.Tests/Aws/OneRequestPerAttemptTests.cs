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
    /// Exactly one HTTP request per attempt (docs/aws-calls.md): under every fault that leaves no usable answer, the
    /// emulator's request log holds as many requests as the engine reported attempts, and that is MaxAttempts.
    /// Neither the AWS SDK (its retry policy, its stale-connection retries) nor .NET's connection pool may add any.
    /// </summary>
    public static class AttemptFaults
    {
        public static RetryPolicy Quick() => new RetryPolicy(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));

        /// <summary>Short where the fault waits for the timeout; generous elsewhere, so a busy machine never times out before sending.</summary>
        public static TimeSpan AttemptTimeout(FaultKind kind) =>
            kind == FaultKind.Hang || kind == FaultKind.SlowBody ? TimeSpan.FromMilliseconds(700) : TimeSpan.FromSeconds(10);

        /// <summary>
        /// The requests the emulator logged for an action, once the log has settled: the last request of a timed-out
        /// attempt is logged when the emulator notices, a moment after the client gave up.
        /// </summary>
        public static async Task<List<RequestLogEntry>> SeenAsync(EmulatorServer server, string action, int expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(3);
            while (server.Requests.Count(r => r.Action == action) < expected && DateTime.UtcNow < deadline) await Task.Delay(20);
            await Task.Delay(150);
            return server.Requests.Where(r => r.Action == action).ToList();
        }

        public static IEnumerable<object[]> Matrix() =>
            from kind in new[] { FaultKind.DropConnection, FaultKind.ResetConnection, FaultKind.SlowBody, FaultKind.Hang, FaultKind.CutOffBody, FaultKind.BareStatus }
            from attempts in new[] { 1, 5, 20 }
            select new object[] { kind, attempts };

        public static int AttemptsReported(ListLog log) => log.Messages.Count(m => m.Contains(" attempt ") && m.Contains("/") && m.Contains(" at "));
    }

    public sealed class ListLog : IExchangeLog
    {
        public List<string> Messages { get; } = new List<string>();

        public void Verbose(string message)
        {
            lock (Messages) Messages.Add(message);
        }
    }

    public class StsOneRequestPerAttemptTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _fixture;

        public StsOneRequestPerAttemptTests(EmulatorFixture fixture) => _fixture = fixture;

        [Theory]
        [MemberData(nameof(AttemptFaults.Matrix), MemberType = typeof(AttemptFaults))]
        public async Task Requests_seen_equal_attempts_reported(FaultKind kind, int maxAttempts)
        {
            var server = _fixture.Server;
            server.Reset();
            server.RegisterProvider(server.IssuerUrl("my-org"));
            string role = server.RegisterRole("deploy", server.TrustPolicyFor("my-org", "org:my-org:*"));
            server.AddFault(new FaultRule { Service = "sts", Action = "AssumeRoleWithWebIdentity", Count = 100, Kind = kind });
            var plan = ExchangePlanner.Plan(new AssumeRoleParameters { RoleArn = role, Token = server.MintToken(new TokenRequest()), Region = "us-east-1", MaxAttempts = maxAttempts },
                _ => null, DateTime.UtcNow);
            var log = new ListLog();

            var error = await Assert.ThrowsAsync<SemaphoreOidcException>(() =>
                new WebIdentityExchange(() => _fixture.EngineHttp, AttemptFaults.Quick(), AttemptFaults.AttemptTimeout(kind)).AssumeRoleAsync(plan, log, CancellationToken.None));

            var seen = await AttemptFaults.SeenAsync(server, "AssumeRoleWithWebIdentity", maxAttempts);
            Assert.True(maxAttempts == AttemptFaults.AttemptsReported(log) && maxAttempts == seen.Count,
                $"{maxAttempts} allowed, {AttemptFaults.AttemptsReported(log)} reported, {seen.Count} seen: " +
                string.Join(" | ", log.Messages) + " || " + string.Join(" | ", seen.Select(r => $"{r.Status} {r.Fault}")));
            if (maxAttempts > 1) Assert.Contains($"Gave up after {maxAttempts} attempts.", error.Message);
        }
    }

    public class IamOneRequestPerAttemptTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _fixture;

        public IamOneRequestPerAttemptTests(EmulatorFixture fixture) => _fixture = fixture;

        [Theory]
        [MemberData(nameof(AttemptFaults.Matrix), MemberType = typeof(AttemptFaults))]
        public async Task Requests_seen_equal_attempts_reported(FaultKind kind, int maxAttempts)
        {
            var server = _fixture.Server;
            server.Reset();
            server.AddFault(new FaultRule { Service = "iam", Action = "ListOpenIDConnectProviders", Count = 100, Kind = kind });
            var log = new ListLog();
            var iam = new IamClient(IamEndpoint.Resolve("us-east-1", null),
                () => Task.FromResult(new ImmutableCredentials(server.AdminAccessKeyId, server.AdminSecretAccessKey, null)),
                _fixture.EngineHttp, AttemptFaults.Quick(), log)
            {
                MaxAttempts = maxAttempts,
                AttemptTimeout = AttemptFaults.AttemptTimeout(kind),
            };

            var error = await Assert.ThrowsAnyAsync<SemaphoreOidcException>(() => iam.ListOpenIdConnectProvidersAsync(CancellationToken.None));

            var seen = await AttemptFaults.SeenAsync(server, "ListOpenIDConnectProviders", maxAttempts);
            Assert.True(maxAttempts == AttemptFaults.AttemptsReported(log) && maxAttempts == seen.Count,
                $"{maxAttempts} allowed, {AttemptFaults.AttemptsReported(log)} reported, {seen.Count} seen: " +
                string.Join(" | ", log.Messages) + " || " + string.Join(" | ", seen.Select(r => $"{r.Status} {r.Fault}")));
            if (maxAttempts > 1) Assert.Contains($"Gave up after {maxAttempts} attempts.", error.Message);
        }
    }
}
