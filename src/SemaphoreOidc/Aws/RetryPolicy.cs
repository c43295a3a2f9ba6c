using System;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// Which failed attempts are worth another one, and how long to wait first: bounded, jittered exponential
    /// backoff. Jitter spreads the retries of the many jobs a pipeline starts at once, which is exactly when
    /// STS throttles (docs/aws-calls.md, "Retry classes").
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

        /// <summary>
        /// Whether a failure of this class may be retried. <paramref name="repeatable"/> says whether the call
        /// can be sent again after a conflict without losing someone else's change; <paramref name="propagationRetries"/>
        /// counts the InvalidIdentityToken retries already made.
        /// </summary>
        public bool Retries(FailureClass failure, bool repeatable, int propagationRetries)
        {
            switch (failure)
            {
                case FailureClass.Transient:
                case FailureClass.Network:
                    return true;
                case FailureClass.Propagation:
                    return propagationRetries < MaxPropagationRetries;
                case FailureClass.Conflict:
                    return repeatable;
                default:
                    return false;
            }
        }
    }
}
