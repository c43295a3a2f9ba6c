using System;
using System.Collections.Concurrent;
using System.Net.Http;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// STS clients kept for the process: building one costs more than the call itself, and a warm exchange
    /// should cost a round trip and nothing else.
    /// </summary>
    internal static class StsClientCache
    {
        private static readonly ConcurrentDictionary<(string Region, string Endpoint, HttpClient Http, TimeSpan Timeout), AmazonSecurityTokenServiceClient> Clients =
            new ConcurrentDictionary<(string, string, HttpClient, TimeSpan), AmazonSecurityTokenServiceClient>();

        public static AmazonSecurityTokenServiceClient Get(string region, Uri endpoint, HttpClient http, TimeSpan attemptTimeout) =>
            Clients.GetOrAdd((region, endpoint?.AbsoluteUri, http, attemptTimeout), key => Create(key.Region, endpoint, key.Http, key.Timeout));

        private static AmazonSecurityTokenServiceClient Create(string region, Uri endpoint, HttpClient http, TimeSpan attemptTimeout)
        {
            var config = new AmazonSecurityTokenServiceConfig
            {
                // We retry ourselves (bounded, jittered, cancellable, only what can succeed); the SDK must not add its own.
                MaxErrorRetry = 0,
                Timeout = attemptTimeout,
                HttpClientFactory = new FixedHttpClientFactory(http),
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

            // AssumeRoleWithWebIdentity is unsigned: the token is the credential (FACTS.md, STS).
            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
        }

        /// <summary>Hands the SDK our shared client, which carries the proxy and AWS_CA_BUNDLE trust.</summary>
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
