namespace SemaphoreOidc.Policies
{
    public enum FindingSeverity
    {
        Info,
        Low,
        Medium,
        High,
    }

    /// <summary>A risky pattern in a trust policy: what, where, and how to fix it. <see cref="Id"/> is stable.</summary>
    public sealed class PolicyFinding
    {
        internal PolicyFinding(string id, FindingSeverity severity, PolicyStatement statement, string message, string fix)
        {
            Id = id;
            Severity = severity;
            StatementIndex = statement?.Index;
            Sid = statement?.Sid;
            Message = message;
            Fix = fix;
        }

        public string Id { get; }
        public FindingSeverity Severity { get; }

        /// <summary>The statement's position (0-based), or null for a finding about the whole policy.</summary>
        public int? StatementIndex { get; }

        public string Sid { get; }
        public string Message { get; }
        public string Fix { get; }

        public override string ToString() => $"{Severity} {Id}{(StatementIndex != null ? $" (statement {StatementIndex})" : string.Empty)}: {Message}";
    }

    /// <summary>The stable ids of <see cref="PolicyFinding"/>.</summary>
    public static class FindingIds
    {
        public const string MissingAudienceCondition = "MissingAudienceCondition";
        public const string MissingSubjectCondition = "MissingSubjectCondition";
        public const string SubjectAdmitsAnyOrganization = "SubjectAdmitsAnyOrganization";
        public const string SubjectAdmitsOtherOrganization = "SubjectAdmitsOtherOrganization";
        public const string SubjectAdmitsAnyProject = "SubjectAdmitsAnyProject";
        public const string SubjectProjectUnrestricted = "SubjectProjectUnrestricted";
        public const string SubjectNeverMatches = "SubjectNeverMatches";
        public const string ForAllValuesInAllow = "ForAllValuesInAllow";
        public const string WildcardInStringEquals = "WildcardInStringEquals";
        public const string StringLikeWithoutWildcard = "StringLikeWithoutWildcard";
        public const string PrincipalWildcard = "PrincipalWildcard";
        public const string PrincipalNotSemaphoreIssuer = "PrincipalNotSemaphoreIssuer";
        public const string SessionTagsWithoutTagSession = "SessionTagsWithoutTagSession";
        public const string UnsupportedOperator = "UnsupportedOperator";
        public const string PolicySizeNearLimit = "PolicySizeNearLimit";
        public const string PolicySizeOverLimit = "PolicySizeOverLimit";
    }
}
