namespace SemaphoreOidc.Iam
{
    /// <summary>
    /// Stable error ids of IAM calls that AWS did not answer (scripts and Pester tests match on them; docs/aws-calls.md).
    /// AWS's own errors become "Iam" + its code (IamNoSuchEntity, IamAccessDenied, ...).
    /// </summary>
    public static class IamErrorIds
    {
        public const string IamTimeout = nameof(IamTimeout);
        public const string IamUnreachable = nameof(IamUnreachable);

        /// <summary>Something answered that is not a well-formed IAM answer (a portal page, a redirect, garbage, half an answer).</summary>
        public const string IamUnexpectedResponse = nameof(IamUnexpectedResponse);

        /// <summary>IAM accepted a provider's deletion, yet the provider can still be read back.</summary>
        public const string ProviderDeleteUnconfirmed = nameof(ProviderDeleteUnconfirmed);
    }
}
