using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>An IAM role ARN: <c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:role/[path/]name</c> (docs/aws-names.md, "ARNs").</summary>
    public sealed class RoleArn : NamedIamArn
    {
        private RoleArn(IamArn arn, string path, string name)
            : base(arn, path, name)
        {
        }

        public static bool TryParse(string value, out RoleArn arn)
        {
            arn = IamArn.TryParse(value?.Trim(), "role", out IamArn parts) && IamNames.IsAccountId(parts.Account) &&
                  TrySplit(parts.Rest, RoleName.MaxLength, out string path, out string name)
                ? new RoleArn(parts, path, name)
                : null;
            return arn != null;
        }

        /// <summary>The ARN, trimmed, or RoleArnInvalid.</summary>
        public static RoleArn Parse(string value)
        {
            if (TryParse(value, out RoleArn arn)) return arn;
            throw new SemaphoreOidcException(AwsErrorIds.RoleArnInvalid, ErrorKind.InvalidArgument,
                $"'{InputText.Show(value)}' is not an IAM role ARN. Expected arn:aws:iam::<12-digit account id>:role/<name> " +
                "(arn:aws-cn or arn:aws-us-gov in those partitions), as shown on the role's page in the IAM console; " +
                "a role name is 1-64 of the ASCII letters, digits and + = , . @ _ -.",
                value);
        }
    }
}
