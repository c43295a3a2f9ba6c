using System;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Sts;

namespace SemaphoreOidc.Iam
{
    /// <summary>An IamClient for the -Region / -ProfileName / -EndpointUrl every AWS command takes.</summary>
    public static class IamClientFactory
    {
        /// <summary>For an endpoint the caller resolved (<see cref="IamEndpoint.Resolve(string, string, Func{string, string})"/>) and warned about.</summary>
        public static IamClient Create(IamEndpoint endpoint, string profileName, IExchangeLog log) =>
            new IamClient(endpoint, () => AwsCredentialResolver.ResolveAsync(profileName), log: log);
    }
}
