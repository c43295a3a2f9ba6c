using System;

namespace SemaphoreOidc.Aws
{
    /// <summary>How an endpoint is printed in messages: scheme, host and port, never a user name, password, path or query.</summary>
    public static class AwsEndpointName
    {
        public static string Of(Uri endpoint) =>
            endpoint == null ? null : $"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}";
    }
}
