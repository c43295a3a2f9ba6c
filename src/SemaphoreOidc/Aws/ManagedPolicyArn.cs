using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// An IAM managed policy ARN: <c>arn:&lt;partition&gt;:iam::&lt;12 digits, or "aws" for AWS managed&gt;:policy/[path/]name</c>
    /// (docs/aws-names.md, "ARNs"). Session policies (-PolicyArn) and permission policies (-PermissionPolicyArn) both use it.
    /// </summary>
    public sealed class ManagedPolicyArn
    {
        public const int MaxNameLength = 128;

        private ManagedPolicyArn(IamArn arn, string path, string name)
        {
            Value = arn.Value;
            Partition = arn.Partition.Name;
            AccountId = arn.Account;
            Path = path;
            Name = name;
        }

        public string Value { get; }
        public string Partition { get; }

        /// <summary>12 digits, or "aws" for a policy AWS manages.</summary>
        public string AccountId { get; }

        public string Path { get; }
        public string Name { get; }

        public static bool TryParse(string value, out ManagedPolicyArn arn)
        {
            arn = null;
            if (!IamArn.TryParse(value?.Trim(), "policy", out IamArn parts)) return false;
            if (parts.Account != "aws" && !IamNames.IsAccountId(parts.Account)) return false;
            IamArn.SplitPath(parts.Rest, out string path, out string name);
            if (!IamNames.IsPath(path) || !IamNames.IsName(name, MaxNameLength)) return false;
            arn = new ManagedPolicyArn(parts, path, name);
            return true;
        }

        /// <summary>The ARN, trimmed, or PolicyArnInvalid.</summary>
        public static ManagedPolicyArn Parse(string value)
        {
            if (TryParse(value, out ManagedPolicyArn arn)) return arn;
            throw new SemaphoreOidcException(AwsErrorIds.PolicyArnInvalid, ErrorKind.InvalidArgument,
                $"'{InputText.Show(value)}' is not an IAM managed policy ARN (arn:aws:iam::<12-digit account id or 'aws'>:policy/<name>, " +
                "a name of 1-128 ASCII letters, digits and + = , . @ _ -).", value);
        }

        public override string ToString() => Value;
    }
}
