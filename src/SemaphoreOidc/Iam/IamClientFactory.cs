using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Iam
{
    /// <summary>An IamClient for the -Region / -ProfileName / -EndpointUrl / -MaxAttempts / -TimeoutSec every AWS command takes.</summary>
    public static class IamClientFactory
    {
        /// <summary>
        /// For an endpoint the caller resolved (<see cref="IamEndpoint.Resolve(string, string, System.Func{string, string})"/>)
        /// and warned about, and limits it checked (<see cref="LimitsOf"/>); null limits are IAM's defaults.
        /// </summary>
        public static IamClient Create(IamEndpoint endpoint, string profileName, IExchangeLog log, AwsCallLimits limits = null)
        {
            var client = new IamClient(endpoint, () => AwsCredentialResolver.ResolveAsync(profileName), log: log);
            if (limits != null)
            {
                client.MaxAttempts = limits.MaxAttempts;
                client.AttemptTimeout = limits.AttemptTimeout;
                client.MaxElapsed = limits.MaxElapsed;
            }

            return client;
        }

        /// <summary>
        /// -MaxAttempts (1-20) and -TimeoutSec (1-600 s per attempt; null for IAM's default), checked:
        /// MaxAttemptsOutOfRange or TimeoutOutOfRange before anything is sent.
        /// </summary>
        public static AwsCallLimits LimitsOf(int maxAttempts, int? timeoutSeconds) =>
            new AwsCallLimits(maxAttempts, AwsCallLimits.AttemptTimeoutOf(timeoutSeconds, IamClient.DefaultAttemptTimeout), RetryPolicy.DefaultMaxElapsed);
    }
}
