using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// STS clients kept for the process: building one costs more than the call itself, and a warm exchange
    /// should cost a round trip and nothing else.
    /// </summary>
    internal static class StsClientCache
    {
        private static readonly ConcurrentDictionary<(string Region, string Endpoint, HttpClient Http), AmazonSecurityTokenServiceClient> Clients =
            new ConcurrentDictionary<(string, string, HttpClient), AmazonSecurityTokenServiceClient>();

        public static AmazonSecurityTokenServiceClient Get(string region, Uri endpoint, HttpClient http) =>
            Clients.GetOrAdd((region, endpoint?.AbsoluteUri, http), key => Create(key.Region, endpoint, key.Http));

        private static AmazonSecurityTokenServiceClient Create(string region, Uri endpoint, HttpClient http)
        {
            var config = new AmazonSecurityTokenServiceConfig
            {
                // One request per attempt (docs/aws-calls.md): the retry engine retries; the SDK must not, neither
                // through its retry policy nor through its "stale connection" retries, which resend a request up to
                // 10 more times after a reset or closed connection whatever MaxErrorRetry says.
                MaxErrorRetry = 0,
                MaxStaleConnectionRetries = 0,
                ThrottleRetries = false,
                // The engine bounds each attempt with its own token; the SDK's timeout only backs it up.
                Timeout = TimeSpan.FromSeconds(AwsCallLimits.MaxTimeoutSeconds + 30),
                HttpClientFactory = new FixedHttpClientFactory(new HttpClient(new SdkAnswerHandler(http)) { Timeout = Timeout.InfiniteTimeSpan }),
            };

            if (endpoint != null)
            {
                config.ServiceURL = endpoint.AbsoluteUri;
                config.AuthenticationRegion = region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            // AssumeRoleWithWebIdentity is unsigned: the token is the credential (docs/aws-calls.md).
            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
        }

        /// <summary>Hands the SDK our client, which reads every answer as the engine does and carries the proxy and AWS_CA_BUNDLE trust.</summary>
        private sealed class FixedHttpClientFactory : HttpClientFactory
        {
            private readonly HttpClient _client;

            public FixedHttpClientFactory(HttpClient client) => _client = client;

            public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

            public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

            public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
        }
    }
}
