using System;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Sts;

namespace SemaphoreOidc.Iam
{
    /// <summary>An IamClient for the -Region / -ProfileName / -EndpointUrl every AWS command takes.</summary>
    public static class IamClientFactory
    {
        public static IamClient Create(string region, string profileName, string endpointUrl, IExchangeLog log, Func<string, string> environment = null) =>
            Create(IamEndpoint.Resolve(region, endpointUrl, environment), profileName, log);

        /// <summary>For an endpoint already resolved (and warned about) by the caller.</summary>
        public static IamClient Create(IamEndpoint endpoint, string profileName, IExchangeLog log) =>
            new IamClient(endpoint, () => AwsCredentialResolver.ResolveAsync(profileName), log: log);
    }
}
