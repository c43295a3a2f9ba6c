using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// Stable error ids for the AWS names, endpoints, request inputs, call limits and credentials every command checks
    /// before any call (rules in docs/aws-names.md and docs/aws-calls.md). They become FullyQualifiedErrorIds: scripts
    /// and Pester tests match on them.
    /// </summary>
    public static class AwsErrorIds
    {
        [ErrorId("The role ARN is not arn:<partition>:iam::<12-digit account>:role/[path/]<name>.",
            "Give the role's full ARN, such as arn:aws:iam::123456789012:role/deploy.", ErrorKind.InvalidArgument)]
        public const string RoleArnInvalid = nameof(RoleArnInvalid);

        [ErrorId("The role name is not 1-64 of the letters, digits and + = , . @ _ - that IAM allows.",
            "Give the role's name (not its ARN).", ErrorKind.InvalidArgument)]
        public const string RoleNameInvalid = nameof(RoleNameInvalid);

        [ErrorId("The OIDC provider ARN is not arn:<partition>:iam::<account>:oidc-provider/<host>[/<path>].",
            "Give the provider's ARN as IAM lists it.", ErrorKind.InvalidArgument)]
        public const string ProviderArnInvalid = nameof(ProviderArnInvalid);

        [ErrorId("The managed policy ARN is not arn:<partition>:iam::<account or aws>:policy/[path/]<name>.",
            "Give the policy's full ARN, such as arn:aws:iam::aws:policy/ReadOnlyAccess.", ErrorKind.InvalidArgument)]
        public const string PolicyArnInvalid = nameof(PolicyArnInvalid);

        [ErrorId("The AWS partition is not one the module knows (aws, aws-cn, aws-us-gov, ...).",
            "Give one of the partitions listed in the message, or leave it out for aws.", ErrorKind.InvalidArgument)]
        public const string PartitionInvalid = nameof(PartitionInvalid);

        [ErrorId("The AWS account id is not exactly 12 digits, or is missing where a policy must name the account.",
            "Give the 12-digit account id.", ErrorKind.InvalidArgument)]
        public const string AccountIdInvalid = nameof(AccountIdInvalid);

        [ErrorId("The region, given or read from AWS_REGION or AWS_DEFAULT_REGION, is not an AWS region name.",
            "Give a region such as us-east-1 or eu-central-1.", ErrorKind.InvalidArgument)]
        public const string RegionInvalid = nameof(RegionInvalid);

        [ErrorId("The endpoint URL is not an absolute http or https URL with a host, or it has a query or fragment.",
            "Give the endpoint as scheme, host, optional port and path, or leave it out for AWS's own.", ErrorKind.InvalidArgument)]
        public const string EndpointUrlInvalid = nameof(EndpointUrlInvalid);

        [ErrorId("The endpoint URL holds a user name or password before '@'; it is refused and never printed.",
            "Remove the user information: AWS endpoints authenticate by signature or token.", ErrorKind.InvalidArgument)]
        public const string EndpointUrlHasUserInfo = nameof(EndpointUrlHasUserInfo);

        [ErrorId("An IAM resource tag (of a provider or role, not a git tag) breaks IAM's rules, or there are more than 50.",
            "Use keys of 1-128 and values of up to 256 letters, digits, spaces and _ . : / = + - @, keys not starting with aws:.", ErrorKind.InvalidArgument)]
        public const string IamTagInvalid = nameof(IamTagInvalid);

        [ErrorId("The inline session policy is not a policy STS would accept, or could only deny everything.",
            "Give a JSON policy with a Version and at least one Allow or Deny statement, in STS's character set.", ErrorKind.InvalidArgument)]
        public const string SessionPolicyInvalid = nameof(SessionPolicyInvalid);

        [ErrorId("The inline session policy is longer than STS's 2048 characters, whitespace included.",
            "Shorten it, or move permissions into managed policies.", ErrorKind.InvalidArgument)]
        public const string SessionPolicyTooLarge = nameof(SessionPolicyTooLarge);

        [ErrorId("More than 10 managed policy ARNs were given for the session.",
            "Combine them into at most 10 managed policies.", ErrorKind.InvalidArgument)]
        public const string TooManyPolicyArns = nameof(TooManyPolicyArns);

        [ErrorId("The requested session duration is outside STS's range of 900-43200 seconds.",
            "Ask for 900 to 43200 seconds, and no more than the role's MaxSessionDuration.", ErrorKind.InvalidArgument)]
        public const string DurationOutOfRange = nameof(DurationOutOfRange);

        [ErrorId("The number of attempts per AWS call is outside 1-20.",
            "Give 1 to 20 attempts.", ErrorKind.InvalidArgument)]
        public const string MaxAttemptsOutOfRange = nameof(MaxAttemptsOutOfRange);

        [ErrorId("The time allowed for one attempt is outside 1-600 seconds.",
            "Give 1 to 600 seconds.", ErrorKind.InvalidArgument)]
        public const string TimeoutOutOfRange = nameof(TimeoutOutOfRange);

        [ErrorId("The named AWS profile is in neither the shared credentials file nor the config file.",
            "Check the profile's name and AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE.", ErrorKind.ObjectNotFound)]
        public const string ProfileNotFound = nameof(ProfileNotFound);

        [ErrorId("No AWS credentials were found to sign IAM requests with.",
            "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) or AWS_PROFILE, or name a profile.", ErrorKind.AuthenticationError)]
        public const string AwsCredentialsNotFound = nameof(AwsCredentialsNotFound);
    }
}
