using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>An IAM role ARN: <c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:role/[path/]name</c> (docs/aws-names.md, "ARNs").</summary>
    public sealed class RoleArn
    {
        private RoleArn(IamArn arn, string path, string name)
        {
            Value = arn.Value;
            Partition = arn.Partition.Name;
            AccountId = arn.Account;
            Path = path;
            Name = name;
        }

        public string Value { get; }

        /// <summary>aws, aws-cn, aws-us-gov, ...</summary>
        public string Partition { get; }

        public string AccountId { get; }

        /// <summary>"/" or "/a/b/".</summary>
        public string Path { get; }

        /// <summary>The role name, as <see cref="RoleName"/> accepts it.</summary>
        public string Name { get; }

        public static bool TryParse(string value, out RoleArn arn)
        {
            arn = null;
            if (!IamArn.TryParse(value?.Trim(), "role", out IamArn parts) || !IamNames.IsAccountId(parts.Account)) return false;
            IamArn.SplitPath(parts.Rest, out string path, out string name);
            if (!IamNames.IsPath(path) || !RoleName.IsValid(name)) return false;
            arn = new RoleArn(parts, path, name);
            return true;
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

        public override string ToString() => Value;
    }
}
