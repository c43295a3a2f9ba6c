using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Roles
{
    /// <summary>
    /// Stable error ids of reading and writing a role's trust (they become FullyQualifiedErrorIds). A result that admits
    /// too much or does not fit the quota is refused with the policy ids (<see cref="Policies.PolicyErrorIds"/>).
    /// </summary>
    public static class RoleErrorIds
    {
        [ErrorId("No trust policy was given to apply.",
            "Give the policy: a TrustPolicy object, JSON text, or the path of a JSON file.", ErrorKind.InvalidArgument)]
        public const string TrustPolicyMissing = nameof(TrustPolicyMissing);

        [ErrorId("The role's maximum session duration is outside IAM's 3600-43200 seconds.",
            "Give 3600 to 43200 seconds (1 to 12 hours).", ErrorKind.InvalidArgument)]
        public const string MaxSessionDurationOutOfRange = nameof(MaxSessionDurationOutOfRange);

        [ErrorId("The role description is longer than IAM's 1000 characters.",
            "Shorten the description.", ErrorKind.InvalidArgument)]
        public const string RoleDescriptionTooLong = nameof(RoleDescriptionTooLong);

        [ErrorId("The account has no role of that name.",
            "Check the role's name and the account the credentials belong to, or ask for the role to be created.", ErrorKind.ObjectNotFound)]
        public const string RoleNotFound = nameof(RoleNotFound);

        [ErrorId("The role's trust policy kept changing while the command merged into it; nothing was written.",
            "Run the command again when the other writer is done.", ErrorKind.ResourceUnavailable)]
        public const string RoleTrustChangedMeanwhile = nameof(RoleTrustChangedMeanwhile);
    }
}
