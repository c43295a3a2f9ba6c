using System;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>How long a caller lets one AWS call take: attempts, the time each may take, and the time for all of them.</summary>
    public sealed class AwsCallLimits
    {
        public const int MinTimeoutSeconds = 1;
        public const int MaxTimeoutSeconds = 600;

        public AwsCallLimits(int maxAttempts, TimeSpan attemptTimeout, TimeSpan maxElapsed)
        {
            MaxAttempts = ValidateMaxAttempts(maxAttempts);
            AttemptTimeout = attemptTimeout;
            MaxElapsed = maxElapsed;
        }

        /// <summary>Attempts in all, the first included.</summary>
        public int MaxAttempts { get; }

        /// <summary>One attempt, from sending the request to the last byte of the answer.</summary>
        public TimeSpan AttemptTimeout { get; }

        /// <summary>No retry starts once its wait would end after this much time since the first attempt.</summary>
        public TimeSpan MaxElapsed { get; }

        public static int ValidateMaxAttempts(int maxAttempts)
        {
            if (maxAttempts < 1 || maxAttempts > RetryPolicy.MaxAllowedAttempts)
            {
                throw new SemaphoreOidcException(AwsErrorIds.MaxAttemptsOutOfRange, ErrorKind.InvalidArgument,
                    $"MaxAttempts {maxAttempts} must be between 1 and {RetryPolicy.MaxAllowedAttempts}.", maxAttempts);
            }

            return maxAttempts;
        }

        /// <summary>A per-attempt timeout in whole seconds (1-600), or the service's default when none is given.</summary>
        public static TimeSpan AttemptTimeoutOf(int? seconds, TimeSpan defaultTimeout)
        {
            if (!seconds.HasValue) return defaultTimeout;
            if (seconds.Value < MinTimeoutSeconds || seconds.Value > MaxTimeoutSeconds)
            {
                throw new SemaphoreOidcException(AwsErrorIds.TimeoutOutOfRange, ErrorKind.InvalidArgument,
                    $"A timeout of {seconds.Value} s per attempt is outside {MinTimeoutSeconds}-{MaxTimeoutSeconds} s.", seconds.Value);
            }

            return TimeSpan.FromSeconds(seconds.Value);
        }
    }
}
