using System;
using System.Collections.Generic;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Sts
{
    /// <summary>What the user asked for, before validation (Invoke-SemaphoreAssumeRole's parameters).</summary>
    public sealed class AssumeRoleParameters
    {
        public string RoleArn { get; set; }

        /// <summary>The OIDC token; null means SEMAPHORE_OIDC_TOKEN.</summary>
        public string Token { get; set; }

        public string SessionName { get; set; }
        public int? DurationSeconds { get; set; }
        public string Policy { get; set; }
        public IList<string> PolicyArns { get; set; } = new List<string>();
        public string Region { get; set; }
        public string EndpointUrl { get; set; }
        public int MaxAttempts { get; set; } = RetryPolicy.DefaultMaxAttempts;

        /// <summary>Seconds one attempt may take; null means <see cref="WebIdentityExchange.DefaultAttemptTimeout"/>.</summary>
        public int? TimeoutSeconds { get; set; }

        /// <summary>Upper bound on the whole exchange, retries included.</summary>
        public TimeSpan MaxElapsed { get; set; } = RetryPolicy.DefaultMaxElapsed;
    }
}
