using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>Own emulator per test (faults are global to a server); each test starts one.</summary>
public sealed class FaultInjectionTests
{
    private static async Task<(EmulatorFixture F, string RoleArn, string Token)> StartAsync()
    {
        var f = new EmulatorFixture();
        await f.InitializeAsync();
        var roleArn = f.SetUpRole("my-org", "deploy");
        return (f, roleArn, f.Server.MintToken(new TokenRequest()));
    }

    [Fact]
    public async Task N_errors_then_success()
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Action = "AssumeRoleWithWebIdentity", Kind = FaultKind.AwsError, ErrorCode = "IDPCommunicationError", Count = 2 });
            var first = await f.AssumeAsync(roleArn, token);
            var second = await f.AssumeAsync(roleArn, token);
            var third = await f.AssumeAsync(roleArn, token);
            Assert.Equal((400, "IDPCommunicationError"), (first.Status, first.ErrorCode));
            Assert.Equal((400, "IDPCommunicationError"), (second.Status, second.ErrorCode));
            Assert.Equal(200, third.Status);
            Assert.Equal(new[] { "AwsError", "AwsError", null }, f.Server.Requests.Select(r => r.Fault));
        }
        finally { await f.DisposeAsync(); }
    }

    [Fact]
    public async Task Fault_for_another_action_or_service_does_not_fire()
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Action = "GetCallerIdentity", Kind = FaultKind.Http500 });
            f.Server.AddFault(new FaultRule { Service = "iam", Kind = FaultKind.Http500 });
            Assert.Equal(200, (await f.AssumeAsync(roleArn, token)).Status);
        }
        finally { await f.DisposeAsync(); }
    }

    [Theory]
    [InlineData(null, 500, "InternalFailure", "Receiver")]
    [InlineData(503, 503, "ServiceUnavailable", "Receiver")]
    public async Task Http500_answers_an_AWS_5xx_body(int? statusCode, int status, string code, string type)
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Kind = FaultKind.Http500, StatusCode = statusCode });
            var r = await f.AssumeAsync(roleArn, token);
            Assert.Equal((status, code, type), (r.Status, r.ErrorCode, r.ErrorType));
        }
        finally { await f.DisposeAsync(); }
    }

    [Fact]
    public async Task Throttling_is_400_Rate_exceeded()
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Service = "any", Kind = FaultKind.Throttling });
            var r = await f.AssumeAsync(roleArn, token);
            Assert.Equal((400, "Throttling", "Rate exceeded"), (r.Status, r.ErrorCode, r.ErrorMessage));
        }
        finally { await f.DisposeAsync(); }
    }

    [Fact]
    public async Task Delay_waits_then_answers_normally()
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Kind = FaultKind.Delay, DelayMilliseconds = 400 });
            var sw = Stopwatch.StartNew();
            var r = await f.AssumeAsync(roleArn, token);
            Assert.Equal(200, r.Status);
            Assert.True(sw.ElapsedMilliseconds >= 380, $"answered after {sw.ElapsedMilliseconds} ms");
        }
        finally { await f.DisposeAsync(); }
    }

    [Fact]
    public async Task Delay_longer_than_the_client_waits_times_out_the_client()
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Kind = FaultKind.Delay, DelayMilliseconds = 10_000 });
            using var http = new HttpClient(EmulatorFixture.CreateHandler(f.Server)) { Timeout = TimeSpan.FromMilliseconds(300) };
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => http.GetAsync("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"));
        }
        finally { await f.DisposeAsync(); }
    }

    [Fact]
    public async Task DropConnection_aborts_without_an_answer_then_recovers()
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Kind = FaultKind.DropConnection });
            await Assert.ThrowsAsync<HttpRequestException>(() => f.AssumeAsync(roleArn, token));
            Assert.Equal(200, (await f.AssumeAsync(roleArn, token)).Status);
            var dropped = f.Server.Requests.First();
            Assert.Equal(("DropConnection", 0), (dropped.Fault, dropped.Status));
        }
        finally { await f.DisposeAsync(); }
    }

    [Fact]
    public async Task Issuer_faults_hit_the_jwks_path()
    {
        var (f, _, _) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Service = "issuer", Action = "/.well-known/jwks.json", Kind = FaultKind.Http500, StatusCode = 502 });
            using var failed = await f.Http.GetAsync("https://my-org.semaphoreci.com/.well-known/jwks.json");
            Assert.Equal(502, (int)failed.StatusCode);
            using var ok = await f.Http.GetAsync("https://my-org.semaphoreci.com/.well-known/jwks.json");
            Assert.Equal(200, (int)ok.StatusCode);
        }
        finally { await f.DisposeAsync(); }
    }

    [Fact]
    public async Task Reset_forgets_roles_faults_and_log_but_keeps_keys()
    {
        var (f, roleArn, token) = await StartAsync();
        try
        {
            f.Server.AddFault(new FaultRule { Kind = FaultKind.Throttling, Count = 5 });
            await f.AssumeAsync(roleArn, token);
            f.Server.Reset();
            Assert.Empty(f.Server.Requests);
            Assert.Equal("InvalidIdentityToken", (await f.AssumeAsync(roleArn, token)).ErrorCode); // provider gone, no throttling
            f.SetUpRole("my-org", "deploy");
            Assert.Equal(200, (await f.AssumeAsync(roleArn, token)).Status); // the old token still verifies
        }
        finally { await f.DisposeAsync(); }
    }
}
