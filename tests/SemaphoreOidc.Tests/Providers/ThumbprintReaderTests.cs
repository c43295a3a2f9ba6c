using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Providers
{
    /// <summary>The thumbprint is read through HTTPS_PROXY with AWS_CA_BUNDLE, as a user behind a proxy would.</summary>
    [Collection("ProcessEnvironment")]
    public class ThumbprintReaderTests
    {
        [Fact]
        public async Task Is_the_sha1_of_the_top_certificate_the_jwks_host_serves()
        {
            await using var server = await EmulatorServer.StartAsync();
            string[] names = { "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "AWS_CA_BUNDLE" };
            var saved = Array.ConvertAll(names, Environment.GetEnvironmentVariable);
            try
            {
                foreach (string name in names) Environment.SetEnvironmentVariable(name, null);
                Environment.SetEnvironmentVariable("HTTPS_PROXY", server.ProxyUri.AbsoluteUri);
                Environment.SetEnvironmentVariable("AWS_CA_BUNDLE", server.CaBundlePath);
                string thumbprint = await ThumbprintReader.ReadAsync(IssuerUrl.ForOrganization("my-org"), CancellationToken.None);
                Assert.Equal(server.IntermediateCertificate.GetCertHashString().ToLowerInvariant(), thumbprint);
                Assert.Matches("^[0-9a-f]{40}$", thumbprint);
            }
            finally
            {
                for (int i = 0; i < names.Length; i++) Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }

        /// <summary>The issuer's limits hold for -ComputeThumbprint too: both its requests end, and the discovery answer is bounded.</summary>
        [Theory]
        [InlineData("/.well-known/openid-configuration", FaultKind.Hang, "IssuerDiscoveryTimedOut")]
        [InlineData("/.well-known/jwks.json", FaultKind.Hang, "IssuerDiscoveryTimedOut")]
        [InlineData("/.well-known/openid-configuration", FaultKind.OversizedBody, "IssuerResponseTooLarge")]
        public async Task Issuer_fetches_end_within_their_limits(string path, FaultKind kind, string id)
        {
            await using var server = await EmulatorServer.StartAsync();
            string[] names = { "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "AWS_CA_BUNDLE" };
            var saved = Array.ConvertAll(names, Environment.GetEnvironmentVariable);
            try
            {
                foreach (string name in names) Environment.SetEnvironmentVariable(name, null);
                Environment.SetEnvironmentVariable("HTTPS_PROXY", server.ProxyUri.AbsoluteUri);
                Environment.SetEnvironmentVariable("AWS_CA_BUNDLE", server.CaBundlePath);
                server.AddFault(new FaultRule { Service = "issuer", Action = path, Kind = kind });
                var watch = Stopwatch.StartNew();
                var ex = await Assert.ThrowsAsync<SemaphoreOidcException>(() =>
                    ThumbprintReader.ReadAsync(IssuerUrl.ForOrganization("my-org"), new IssuerFetchLimits(requestTimeout: TimeSpan.FromSeconds(1)), CancellationToken.None));
                Assert.Equal(id, ex.ErrorId);
                Assert.Equal("https://my-org.semaphoreci.com" + path, ex.Target);
                if (kind == FaultKind.Hang) Assert.Contains("limit per request is 1 s", ex.Message);
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
            }
            finally
            {
                for (int i = 0; i < names.Length; i++) Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }
    }
}
