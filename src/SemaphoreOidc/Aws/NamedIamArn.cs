namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// What role and managed policy ARNs share: <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:&lt;type&gt;/[path/]name</c>, a path of
    /// IAM's path characters and a name of IAM's name characters (docs/aws-names.md, "ARNs").
    /// </summary>
    public abstract class NamedIamArn
    {
        private protected NamedIamArn(IamArn arn, string path, string name)
        {
            Value = arn.Value;
            Partition = arn.Partition.Name;
            AccountId = arn.Account;
            Path = path;
            Name = name;
        }

        /// <summary>The ARN as given, trimmed.</summary>
        public string Value { get; }

        /// <summary>aws, aws-cn, aws-us-gov, ...</summary>
        public string Partition { get; }

        public string AccountId { get; }

        /// <summary>"/" or "/a/b/".</summary>
        public string Path { get; }

        public string Name { get; }

        public override string ToString() => Value;

        /// <summary>Splits <c>[path/]name</c> at its last '/' and checks both parts.</summary>
        private protected static bool TrySplit(string rest, int maxNameLength, out string path, out string name)
        {
            int slash = rest.LastIndexOf('/');
            path = slash < 0 ? "/" : "/" + rest.Substring(0, slash + 1);
            name = rest.Substring(slash + 1);
            return IamNames.IsPath(path) && IamNames.IsName(name, maxNameLength);
        }
    }
}
