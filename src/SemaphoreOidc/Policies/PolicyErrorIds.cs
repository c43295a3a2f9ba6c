using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// Stable error ids of building, reading and checking trust policies (they become FullyQualifiedErrorIds;
    /// docs/trust-policies.md).
    /// </summary>
    public static class PolicyErrorIds
    {
        [ErrorId("The provider ARN names another issuer or partition than the other inputs.",
            "Give the ARN of the provider registered for this issuer, and leave the partition out: the ARN names it.", ErrorKind.InvalidArgument)]
        public const string ProviderMismatch = nameof(ProviderMismatch);

        [ErrorId("A project id is neither a GUID nor a pattern of hex digits, '-', '*' and '?'.",
            "Give the project's id as Semaphore shows it, such as 936a5312-a3b8-4921-8b3f-2cec8baac574.", ErrorKind.InvalidArgument)]
        public const string ProjectIdInvalid = nameof(ProjectIdInvalid);

        [ErrorId("A repository name is not one Semaphore's sub can carry (the name alone, of letters, digits, '.', '_', '-').",
            "Give the repository's name without its owner, such as web.", ErrorKind.InvalidArgument)]
        public const string RepositoryInvalid = nameof(RepositoryInvalid);

        [ErrorId("A branch is not a valid git branch name.",
            "Give the branch as git names it, such as main or release/*.", ErrorKind.InvalidArgument)]
        public const string BranchInvalid = nameof(BranchInvalid);

        [ErrorId("A git tag (of the jobs to admit, not an IAM tag) is not a valid git tag name.",
            "Give the tag as git names it, such as v1.0.0 or v*.", ErrorKind.InvalidArgument)]
        public const string TagInvalid = nameof(TagInvalid);

        [ErrorId("A subject is empty, can never match a Semaphore sub, or names another organisation than the policy trusts.",
            "Write subjects as org:<org>:project:<id>:repo:<repo>:ref_type:<type>:ref:<ref>, for the policy's organisation.", ErrorKind.InvalidArgument)]
        public const string SubjectInvalid = nameof(SubjectInvalid);

        [ErrorId("The trust policy would admit any project, repository or organisation, so jobs nobody chose could assume the role.",
            "Name the projects (and repositories) to admit, or confirm explicitly that the breadth is meant.", ErrorKind.InvalidArgument, ErrorKind.SecurityError)]
        public const string TrustPolicyTooBroad = nameof(TrustPolicyTooBroad);

        [ErrorId("The trust policy is larger than allowed: over the size asked for, over the account's quota, or larger than any IAM policy.",
            "Use wildcards to combine subjects, drop statements no longer needed, or split the jobs across roles.", ErrorKind.LimitsExceeded)]
        public const string TrustPolicyTooLarge = nameof(TrustPolicyTooLarge);

        [ErrorId("The trust policy is not valid IAM policy JSON, or the input is not a policy at all.",
            "Correct the place the message names; check the policy with Test-SemaphoreTrustPolicy.", ErrorKind.InvalidData, ErrorKind.InvalidArgument)]
        public const string TrustPolicyMalformed = nameof(TrustPolicyMalformed);

        [ErrorId("The trust policy is empty or has no statement.",
            "Give a policy with at least one statement.", ErrorKind.InvalidData)]
        public const string TrustPolicyEmpty = nameof(TrustPolicyEmpty);

        [ErrorId("The trust policy input is neither JSON text nor the path of an existing file.",
            "Give JSON text, a TrustPolicy object, or the path of a JSON file.", ErrorKind.ObjectNotFound)]
        public const string TrustPolicyNotFound = nameof(TrustPolicyNotFound);

        [ErrorId("The request to simulate lacks an issuer, and none can be read from its subject.",
            "Name the issuer or the organisation, or give a subject that starts with org:<org>:.", ErrorKind.InvalidArgument)]
        public const string PolicyRequestInvalid = nameof(PolicyRequestInvalid);
    }
}
