using System;

namespace SemaphoreOidc.Policies
{
    /// <summary>The string operators and Null, the only ones that apply to an OIDC provider's aud and sub keys.</summary>
    public enum ConditionOperatorKind
    {
        StringEquals,
        StringNotEquals,
        StringEqualsIgnoreCase,
        StringNotEqualsIgnoreCase,
        StringLike,
        StringNotLike,
        Null,

        /// <summary>Any other operator (Arn*, Date*, Numeric*, Bool, IpAddress, Binary*, ...): evaluated as Unknown.</summary>
        Unsupported,
    }

    /// <summary>The set operators for multivalued keys (IAM User Guide, "multivalued context keys").</summary>
    public enum SetQualifier
    {
        None,
        ForAnyValue,
        ForAllValues,
    }

    /// <summary>
    /// A condition operator name as written (<c>ForAnyValue:StringLikeIfExists</c>), split into its qualifier,
    /// base operator and IfExists suffix. Names are matched exactly as IAM documents them; anything else is
    /// <see cref="ConditionOperatorKind.Unsupported"/> so the simulator says Unknown rather than guess.
    /// </summary>
    public sealed class ConditionOperator
    {
        private ConditionOperator(string name, ConditionOperatorKind kind, SetQualifier qualifier, bool ifExists)
        {
            Name = name;
            Kind = kind;
            Qualifier = qualifier;
            IfExists = ifExists;
        }

        public string Name { get; }
        public ConditionOperatorKind Kind { get; }
        public SetQualifier Qualifier { get; }
        public bool IfExists { get; }
        public bool IsSupported => Kind != ConditionOperatorKind.Unsupported;

        /// <summary>StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike: true when no value matches.</summary>
        public bool IsNegated =>
            Kind == ConditionOperatorKind.StringNotEquals || Kind == ConditionOperatorKind.StringNotEqualsIgnoreCase || Kind == ConditionOperatorKind.StringNotLike;

        /// <summary>A positive operator that restricts a key to the listed values (what "has an aud/sub condition" means).</summary>
        public bool IsPositiveString =>
            Kind == ConditionOperatorKind.StringEquals || Kind == ConditionOperatorKind.StringEqualsIgnoreCase || Kind == ConditionOperatorKind.StringLike;

        public bool IsLike => Kind == ConditionOperatorKind.StringLike || Kind == ConditionOperatorKind.StringNotLike;

        public static ConditionOperator Parse(string name)
        {
            string rest = name ?? string.Empty;
            var qualifier = SetQualifier.None;
            if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
            {
                qualifier = SetQualifier.ForAnyValue;
                rest = rest.Substring("ForAnyValue:".Length);
            }
            else if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
            {
                qualifier = SetQualifier.ForAllValues;
                rest = rest.Substring("ForAllValues:".Length);
            }

            // Null takes no IfExists and no set qualifier (IAM User Guide, condition operators).
            if (rest == "Null")
            {
                return new ConditionOperator(name, qualifier == SetQualifier.None ? ConditionOperatorKind.Null : ConditionOperatorKind.Unsupported, qualifier, false);
            }

            bool ifExists = rest.EndsWith("IfExists", StringComparison.Ordinal);
            if (ifExists) rest = rest.Substring(0, rest.Length - "IfExists".Length);

            ConditionOperatorKind kind;
            switch (rest)
            {
                case "StringEquals": kind = ConditionOperatorKind.StringEquals; break;
                case "StringNotEquals": kind = ConditionOperatorKind.StringNotEquals; break;
                case "StringEqualsIgnoreCase": kind = ConditionOperatorKind.StringEqualsIgnoreCase; break;
                case "StringNotEqualsIgnoreCase": kind = ConditionOperatorKind.StringNotEqualsIgnoreCase; break;
                case "StringLike": kind = ConditionOperatorKind.StringLike; break;
                case "StringNotLike": kind = ConditionOperatorKind.StringNotLike; break;
                default: kind = ConditionOperatorKind.Unsupported; break;
            }

            return new ConditionOperator(name, kind, qualifier, ifExists);
        }

        public override string ToString() => Name;
    }
}
