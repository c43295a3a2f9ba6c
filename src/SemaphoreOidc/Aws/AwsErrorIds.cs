namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// Stable error ids for the AWS names, endpoints, request inputs and call limits every command checks before
    /// any call (rules in docs/aws-names.md and docs/aws-calls.md). They become FullyQualifiedErrorIds: scripts
    /// and Pester tests match on them.
    /// </summary>
    public static class AwsErrorIds
    {
        public const string RoleArnInvalid = nameof(RoleArnInvalid);
        public const string RoleNameInvalid = nameof(RoleNameInvalid);
        public const string ProviderArnInvalid = nameof(ProviderArnInvalid);
        public const string PolicyArnInvalid = nameof(PolicyArnInvalid);
        public const string PartitionInvalid = nameof(PartitionInvalid);
        public const string AccountIdInvalid = nameof(AccountIdInvalid);
        public const string RegionInvalid = nameof(RegionInvalid);
        public const string EndpointUrlInvalid = nameof(EndpointUrlInvalid);

        /// <summary>An endpoint URL with a user name or password before '@': refused, never printed.</summary>
        public const string EndpointUrlHasUserInfo = nameof(EndpointUrlHasUserInfo);

        /// <summary>An IAM resource tag (provider or role), as opposed to a git tag in a trust policy.</summary>
        public const string IamTagInvalid = nameof(IamTagInvalid);

        public const string SessionPolicyInvalid = nameof(SessionPolicyInvalid);
        public const string SessionPolicyTooLarge = nameof(SessionPolicyTooLarge);
        public const string TooManyPolicyArns = nameof(TooManyPolicyArns);

        /// <summary>MaxAttempts outside 1-20.</summary>
        public const string MaxAttemptsOutOfRange = nameof(MaxAttemptsOutOfRange);

        /// <summary>A per-attempt timeout outside 1-600 seconds.</summary>
        public const string TimeoutOutOfRange = nameof(TimeoutOutOfRange);
    }
}
