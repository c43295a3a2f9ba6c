using System;

namespace SemaphoreOidc.Sts
{
    /// <summary>How a failed STS attempt is treated (FACTS.md, "Retry").</summary>
    public enum FailureClass
    {
        /// <summary>Retrying cannot help: AccessDenied, IDPRejectedClaim, ExpiredTokenException, bad input.</summary>
        Final,

        /// <summary>Throttling, 5xx, IDPCommunicationError: retry with backoff.</summary>
        Transient,

        /// <summary>Connection refused/reset, DNS, TLS, attempt timeout: retry with backoff.</summary>
        Network,

        /// <summary>InvalidIdentityToken: IAM changes and key fetches take seconds to propagate, so a few retries only.</summary>
        Propagation,
    }

    /// <summary>
    /// Bounded, jittered exponential backoff. Jitter spreads the retries of the many jobs a pipeline starts at
    /// once, which is exactly when STS throttles.
    /// </summary>
    public sealed class RetryPolicy
    {
        public const int DefaultMaxAttempts = 5;
        public const int MaxAllowedAttempts = 20;
        public static readonly TimeSpan DefaultMaxElapsed = TimeSpan.FromSeconds(60);

        /// <summary>InvalidIdentityToken is retried at most this many times, however high MaxAttempts is.</summary>
        public const int MaxPropagationRetries = 2;

        private readonly Random _random;

        public RetryPolicy(TimeSpan baseDelay, TimeSpan maxDelay, Random random = null)
        {
            BaseDelay = baseDelay;
            MaxDelay = maxDelay;
            _random = random ?? new Random();
        }

        public static RetryPolicy Default() => new RetryPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }

        /// <summary>Delay before retry number <paramref name="retry"/> (1-based): half fixed, half random ("equal jitter").</summary>
        public TimeSpan DelayBefore(int retry)
        {
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
            double jitter;
            lock (_random) jitter = _random.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling / 2 + jitter * ceiling / 2);
        }
    }
}
