namespace SemaphoreOidc.Aws
{
    /// <summary>Stable error ids for the limits every AWS call takes (scripts and Pester tests match on them).</summary>
    public static class AwsErrorIds
    {
        /// <summary>MaxAttempts outside 1-20.</summary>
        public const string MaxAttemptsOutOfRange = nameof(MaxAttemptsOutOfRange);

        /// <summary>A per-attempt timeout outside 1-600 seconds.</summary>
        public const string TimeoutOutOfRange = nameof(TimeoutOutOfRange);
    }
}
