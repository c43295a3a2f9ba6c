namespace SemaphoreOidc.Sts
{
    /// <summary>Stable error ids of the STS exchange (scripts and Pester tests match on them; docs/aws-calls.md).</summary>
    public static class StsErrorIds
    {
        public const string AssumeRoleAccessDenied = nameof(AssumeRoleAccessDenied);
        public const string AssumeRoleInvalidIdentityToken = nameof(AssumeRoleInvalidIdentityToken);
        public const string AssumeRoleTokenExpired = nameof(AssumeRoleTokenExpired);
        public const string AssumeRoleClaimRejected = nameof(AssumeRoleClaimRejected);
        public const string AssumeRoleIdpUnreachable = nameof(AssumeRoleIdpUnreachable);
        public const string AssumeRoleSessionPolicyMalformed = nameof(AssumeRoleSessionPolicyMalformed);
        public const string AssumeRoleSessionPolicyTooLarge = nameof(AssumeRoleSessionPolicyTooLarge);
        public const string AssumeRoleRegionDisabled = nameof(AssumeRoleRegionDisabled);
        public const string AssumeRoleRequestInvalid = nameof(AssumeRoleRequestInvalid);
        public const string AssumeRoleTimeout = nameof(AssumeRoleTimeout);
        public const string AssumeRoleServiceUnavailable = nameof(AssumeRoleServiceUnavailable);
        public const string AssumeRoleFailed = nameof(AssumeRoleFailed);
        public const string StsTlsFailed = nameof(StsTlsFailed);
        public const string StsUnreachable = nameof(StsUnreachable);

        /// <summary>Something answered that is not a well-formed STS answer (a portal page, a redirect, garbage, half an answer).</summary>
        public const string StsUnexpectedResponse = nameof(StsUnexpectedResponse);
    }
}
