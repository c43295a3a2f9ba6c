using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// An IAM managed policy ARN: <c>arn:&lt;partition&gt;:iam::&lt;12 digits, or "aws" for AWS managed&gt;:policy/[path/]name</c>
    /// (docs/aws-names.md, "ARNs"). Session policies (-PolicyArn) and permission policies (-PermissionPolicyArn) both use it.
    /// </summary>
    public sealed class ManagedPolicyArn : NamedIamArn
    {
        public const int MaxNameLength = 128;

        private ManagedPolicyArn(IamArn arn, string path, string name)
            : base(arn, path, name)
        {
        }

        public static bool TryParse(string value, out ManagedPolicyArn arn)
        {
            arn = IamArn.TryParse(value?.Trim(), "policy", out IamArn parts) && (parts.Account == "aws" || IamNames.IsAccountId(parts.Account)) &&
                  TrySplit(parts.Rest, MaxNameLength, out string path, out string name)
                ? new ManagedPolicyArn(parts, path, name)
                : null;
            return arn != null;
        }

        /// <summary>The ARN, trimmed, or PolicyArnInvalid.</summary>
        public static ManagedPolicyArn Parse(string value)
        {
            if (TryParse(value, out ManagedPolicyArn arn)) return arn;
            throw new SemaphoreOidcException(AwsErrorIds.PolicyArnInvalid, ErrorKind.InvalidArgument,
                $"'{InputText.Show(value)}' is not an IAM managed policy ARN (arn:aws:iam::<12-digit account id or 'aws'>:policy/<name>, " +
                "a name of 1-128 ASCII letters, digits and + = , . @ _ -).", value);
        }
    }
}
