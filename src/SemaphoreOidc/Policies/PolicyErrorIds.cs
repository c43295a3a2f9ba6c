namespace SemaphoreOidc.Policies
{
    /// <summary>Stable error ids of the trust-policy engine (they become FullyQualifiedErrorIds).</summary>
    public static class PolicyErrorIds
    {
        public const string OrganizationInvalid = "OrganizationInvalid";
        public const string IssuerUrlInvalid = "IssuerUrlInvalid";
        public const string ProviderMismatch = "ProviderMismatch";
        public const string ProjectIdInvalid = "ProjectIdInvalid";
        public const string RepositoryInvalid = "RepositoryInvalid";
        public const string BranchInvalid = "BranchInvalid";
        public const string TagInvalid = "TagInvalid";
        public const string SubjectInvalid = "SubjectInvalid";
        public const string TrustPolicyTooBroad = "TrustPolicyTooBroad";
        public const string TrustPolicyTooLarge = "TrustPolicyTooLarge";
        public const string TrustPolicyMalformed = "TrustPolicyMalformed";
        public const string TrustPolicyEmpty = "TrustPolicyEmpty";
        public const string TrustPolicyNotFound = "TrustPolicyNotFound";
        public const string RequestInvalid = "PolicyRequestInvalid";
    }
}
