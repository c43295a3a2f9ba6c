using System;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// A condition key name split once at parse time (<c>my-org.semaphoreci.com:sub</c> -> prefix
    /// <c>my-org.semaphoreci.com</c>, name <c>sub</c>), so evaluation compares short strings instead of
    /// re-parsing. IAM condition key names are case-insensitive; the parts are kept lower-cased.
    /// </summary>
    public sealed class ConditionKey
    {
        public ConditionKey(string name)
        {
            Name = name ?? string.Empty;
            string lower = Name.ToLowerInvariant();

            // Global keys (aws:...) and STS keys (sts:...) can hold ':' in their tag part, so they are split at
            // the first ':'; a provider's host has no ':' (IAM refuses ports), so its keys split at the last.
            int colon = lower.StartsWith("aws:", StringComparison.Ordinal) || lower.StartsWith("sts:", StringComparison.Ordinal)
                ? 3
                : lower.LastIndexOf(':');
            Prefix = colon > 0 ? string.Intern(lower.Substring(0, colon)) : string.Empty;
            Suffix = colon > 0 ? lower.Substring(colon + 1) : lower;
        }

        /// <summary>The key as written.</summary>
        public string Name { get; }

        /// <summary>Lower-cased part before the separating ':' (a provider host[/path], or aws, or sts).</summary>
        public string Prefix { get; }

        /// <summary>Lower-cased part after it (aud, sub, SourceIp, ...).</summary>
        public string Suffix { get; }

        /// <summary>aws:* and sts:* keys exist in the request, but their values are not known offline.</summary>
        public bool IsGlobal => Prefix == "aws" || Prefix == "sts";

        public bool IsAudienceOf(string hostLower) => Suffix == "aud" && Prefix == hostLower;

        public bool IsSubjectOf(string hostLower) => Suffix == "sub" && Prefix == hostLower;

        public override string ToString() => Name;
    }
}
