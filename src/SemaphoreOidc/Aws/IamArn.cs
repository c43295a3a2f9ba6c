using System;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// The common shape of the IAM ARNs the module reads: <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:&lt;type&gt;/&lt;rest&gt;</c>,
    /// with a partition of <see cref="AwsPartition"/>'s table and no region (IAM is global). Each ARN type checks
    /// its own account form and <c>rest</c>; this is the one place that splits an ARN.
    /// </summary>
    internal sealed class IamArn
    {
        public const int MinLength = 20;
        public const int MaxLength = 2048;

        private IamArn(string value, AwsPartition partition, string account, string rest)
        {
            Value = value;
            Partition = partition;
            Account = account;
            Rest = rest;
        }

        public string Value { get; }
        public AwsPartition Partition { get; }
        public string Account { get; }

        /// <summary>What follows <c>&lt;type&gt;/</c>: [path/]name for roles and policies, host[/path] for OIDC providers.</summary>
        public string Rest { get; }

        /// <summary>Splits a trimmed ARN of resource type <paramref name="type"/>; false for anything else.</summary>
        public static bool TryParse(string value, string type, out IamArn arn)
        {
            arn = null;
            if (value == null || value.Length < MinLength || value.Length > MaxLength) return false;
            string[] parts = value.Split(new[] { ':' }, 6);
            if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3].Length != 0) return false;
            if (!AwsPartition.TryGet(parts[1], out AwsPartition partition)) return false;
            string prefix = type + "/";
            if (!parts[5].StartsWith(prefix, StringComparison.Ordinal)) return false;
            arn = new IamArn(value, partition, parts[4], parts[5].Substring(prefix.Length));
            return true;
        }
    }
}
