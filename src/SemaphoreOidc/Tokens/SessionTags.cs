using System.Collections.Generic;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The <c>https://aws.amazon.com/tags</c> claim: session tags STS applies to the assumed-role session.
    /// When a token carries it, the role's trust policy must also allow <c>sts:TagSession</c>, or STS
    /// rejects the exchange (IAM User Guide, "Passing session tags using AssumeRoleWithWebIdentity").
    /// </summary>
    public sealed class SessionTags
    {
        public SessionTags(IReadOnlyDictionary<string, string[]> principalTags, IReadOnlyList<string> transitiveTagKeys)
        {
            PrincipalTags = principalTags ?? new Dictionary<string, string[]>();
            TransitiveTagKeys = transitiveTagKeys ?? new string[0];
        }

        /// <summary><c>principal_tags</c>: tag key to values (AWS uses the first value of each).</summary>
        public IReadOnlyDictionary<string, string[]> PrincipalTags { get; }

        /// <summary><c>transitive_tag_keys</c>: tags that survive role chaining.</summary>
        public IReadOnlyList<string> TransitiveTagKeys { get; }

        public override string ToString() => string.Join(", ", PrincipalTags.Keys);
    }
}
