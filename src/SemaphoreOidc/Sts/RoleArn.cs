using System.Text.RegularExpressions;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
{
    /// <summary>An IAM role ARN: <c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:role/[path/]name</c>.</summary>
    public sealed class RoleArn
    {
        // Role names are 1-64 of [\w+=,.@-]; paths are /-separated segments of printable ASCII (IAM CreateRole).
        private static readonly Regex Pattern = new Regex(
            @"^arn:(?<partition>aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::(?<account>\d{12}):role/(?<path>(?:[\x21-\x2E\x30-\x7E]+/)*)(?<name>[\w+=,.@-]{1,64})$",
            RegexOptions.CultureInvariant);

        private RoleArn(string value, string partition, string accountId, string path, string name)
        {
            Value = value;
            Partition = partition;
            AccountId = accountId;
            Path = "/" + path;
            Name = name;
        }

        public string Value { get; }
        public string Partition { get; }
        public string AccountId { get; }
        public string Path { get; }
        public string Name { get; }

        public static RoleArn Parse(string value)
        {
            string trimmed = value?.Trim();
            var match = trimmed == null ? null : Pattern.Match(trimmed);
            if (match == null || !match.Success || trimmed.Length > 2048)
            {
                throw new SemaphoreOidcException("RoleArnInvalid", ErrorKind.InvalidArgument,
                    $"'{value}' is not an IAM role ARN. Expected arn:aws:iam::<12-digit account id>:role/<name> " +
                    "(arn:aws-cn or arn:aws-us-gov in those partitions), as shown on the role's page in the IAM console.",
                    value);
            }

            return new RoleArn(trimmed, match.Groups["partition"].Value, match.Groups["account"].Value,
                match.Groups["path"].Value, match.Groups["name"].Value);
        }

        public override string ToString() => Value;
    }
}
