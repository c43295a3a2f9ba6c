using System;
using System.Linq;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// A statement's Action or NotAction list. IAM matches action names case-insensitively and lets <c>*</c> and
    /// <c>?</c> stand for any run / one character (<c>sts:*</c>, <c>*</c>, <c>sts:Assume*</c>). NotAction covers
    /// every action that is not listed (IAM User Guide, NotAction).
    /// </summary>
    public sealed class PolicyActions
    {
        private readonly GlobPattern[] _patterns;

        internal PolicyActions(string[] values, bool isNotAction)
        {
            Values = values;
            IsNotAction = isNotAction;
            _patterns = values.Select(v => ConditionValue.Parse(v.ToLowerInvariant(), false).Glob).ToArray();
        }

        public string[] Values { get; }

        public bool IsNotAction { get; }

        public bool Covers(string action)
        {
            string lower = action.ToLowerInvariant();
            bool listed = _patterns.Any(p => p.IsMatch(lower));
            return IsNotAction ? !listed : listed;
        }

        public override string ToString() => (IsNotAction ? "NotAction " : string.Empty) + string.Join(", ", Values);
    }
}
