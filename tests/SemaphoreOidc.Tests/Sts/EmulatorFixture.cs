using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Http;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    /// <summary>
    /// One emulator for a test class, and an HttpClient set up as the module's would be for a user behind
    /// HTTPS_PROXY with AWS_CA_BUNDLE: the engine reaches sts.&lt;region&gt;.amazonaws.com by its real name.
    /// </summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        public EmulatorServer Server { get; private set; }
        public HttpClient Http { get; private set; }

        public async Task InitializeAsync()
        {
            Server = await EmulatorServer.StartAsync();
            var bundle = CaBundle.Load(Server.CaBundlePath);
            var handler = new HttpClientHandler
            {
                // As SharedHttpClients: STS and IAM never redirect, so a redirect is an answer to report, not to follow.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                Proxy = new WebProxy(Server.ProxyUri, BypassOnLocal: true),
                UseProxy = true,
                ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => bundle.Validate(certificate, chain, errors),
            };
            Http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        public async Task DisposeAsync()
        {
            Http?.Dispose();
            if (Server != null) await Server.DisposeAsync();
        }
    }
}
