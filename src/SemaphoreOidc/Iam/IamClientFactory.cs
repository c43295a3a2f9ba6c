using System;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Sts;

namespace SemaphoreOidc.Iam
{
    /// <summary>An IamClient for the -Region / -ProfileName / -EndpointUrl / -MaxAttempts / -TimeoutSec every AWS command takes.</summary>
    public static class IamClientFactory
    {
        public static IamClient Create(string region, string profileName, string endpointUrl, IExchangeLog log, Func<string, string> environment = null,
            int maxAttempts = RetryPolicy.DefaultMaxAttempts, int? timeoutSeconds = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            // Limits first: a bad one is refused before the credential chain is even asked.
            AwsCallLimits.ValidateMaxAttempts(maxAttempts);
            var attemptTimeout = AwsCallLimits.AttemptTimeoutOf(timeoutSeconds, IamClient.DefaultAttemptTimeout);
            // IAM is global: the region only picks the partition, so the us-east-1 fallback needs no warning.
            var resolved = RegionResolver.Resolve(region, environment);
            var endpoint = IamEndpoint.Resolve(resolved.Name, endpointUrl);
            return new IamClient(endpoint, () => AwsCredentialResolver.ResolveAsync(profileName), log: log)
            {
                MaxAttempts = maxAttempts,
                AttemptTimeout = attemptTimeout,
            };
        }
    }
}
