using System;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Sts;

namespace SemaphoreOidc.Iam
{
    /// <summary>An IamClient for the -Region / -ProfileName / -EndpointUrl every AWS command takes.</summary>
    public static class IamClientFactory
    {
        public static IamClient Create(string region, string profileName, string endpointUrl, IExchangeLog log, Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            // IAM is global: the region only picks the partition, so the us-east-1 fallback needs no warning.
            var resolved = RegionResolver.Resolve(region, environment);
            var endpoint = IamEndpoint.Resolve(resolved.Name, endpointUrl);
            return new IamClient(endpoint, () => AwsCredentialResolver.ResolveAsync(profileName), log: log);
        }
    }
}
