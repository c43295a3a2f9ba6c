using System;
using System.Collections.Generic;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Sts
{
    /// <summary>A validated exchange: every input checked, every default resolved, nothing sent yet.</summary>
    public sealed class ExchangePlan
    {
        internal ExchangePlan(
            RoleArn roleArn, SemaphoreToken token, string sessionName, bool sessionNameChanged, int? durationSeconds,
            string policy, IReadOnlyList<string> policyArns, ResolvedRegion region, AwsEndpointUrl endpointUrl, int maxAttempts, TimeSpan? attemptTimeout, TimeSpan maxElapsed)
        {
            RoleArn = roleArn;
            Token = token;
            SessionName = sessionName;
            SessionNameChanged = sessionNameChanged;
            DurationSeconds = durationSeconds;
            Policy = policy;
            PolicyArns = policyArns;
            Region = region;
            EndpointUrl = endpointUrl;
            MaxAttempts = maxAttempts;
            AttemptTimeout = attemptTimeout;
            MaxElapsed = maxElapsed;
        }

        public RoleArn RoleArn { get; }
        public SemaphoreToken Token { get; }
        public string SessionName { get; }

        /// <summary>True when the requested session name had to be changed to meet STS's rules.</summary>
        public bool SessionNameChanged { get; }

        public int? DurationSeconds { get; }
        public string Policy { get; }
        public IReadOnlyList<string> PolicyArns { get; }
        public ResolvedRegion Region { get; }

        /// <summary>Null for the region's own endpoint.</summary>
        public AwsEndpointUrl EndpointUrl { get; }

        /// <summary>Where the SDK client sends the request: <see cref="EndpointUrl"/>'s URL, or null for the region's own endpoint.</summary>
        public Uri Endpoint => EndpointUrl?.Url;

        /// <summary>The endpoint as messages show it: never user information.</summary>
        public string EndpointDisplay => AwsEndpointName.Of(EndpointUrl) ?? $"sts.{Region.Name} (region {Region.Name})";

        public int MaxAttempts { get; }

        /// <summary>The time one attempt may take, when the caller chose it.</summary>
        public TimeSpan? AttemptTimeout { get; }

        public TimeSpan MaxElapsed { get; }
    }
}
