using System;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// An IAM <c>StringLike</c> pattern compiled once: <c>*</c> matches any run of characters (none, and
    /// <c>:</c> included), <c>?</c> exactly one; matching is case-sensitive (IAM User Guide, string condition
    /// operators). Escaped characters (<c>${*}</c>, <c>${?}</c>, <c>${$}</c>) arrive here already as literals.
    /// Matching is an iterative two-pointer walk with one backtrack point: linear in practice, no Regex, no
    /// recursion (so no stack overflow on hostile input).
    /// </summary>
    public sealed class GlobPattern
    {
        internal const byte Literal = 0;
        internal const byte Star = 1;
        internal const byte One = 2;

        private readonly char[] _chars;
        private readonly byte[] _kinds;
        private readonly string _literalText;

        internal GlobPattern(char[] chars, byte[] kinds)
        {
            _chars = chars;
            _kinds = kinds;
            HasWildcard = Array.IndexOf(kinds, Star) >= 0 || Array.IndexOf(kinds, One) >= 0;
            if (!HasWildcard) _literalText = new string(chars);
        }

        internal char[] Chars => _chars;

        internal byte[] Kinds => _kinds;

        /// <summary>True when the pattern contains an unescaped <c>*</c> or <c>?</c>.</summary>
        public bool HasWildcard { get; }

        /// <summary>Compiles IAM StringLike text (with <c>${*}</c>-style escapes honoured when <paramref name="policyVariables"/>).</summary>
        public static GlobPattern Parse(string text, bool policyVariables = true) => ConditionValue.Parse(text, policyVariables).Glob;

        public bool IsMatch(string value)
        {
            if (value == null) return false;
            if (_literalText != null) return string.Equals(_literalText, value, StringComparison.Ordinal);

            int n = _kinds.Length;
            int p = 0, s = 0, starAt = -1, starText = 0;
            while (s < value.Length)
            {
                if (p < n && (_kinds[p] == One || (_kinds[p] == Literal && _chars[p] == value[s])))
                {
                    p++;
                    s++;
                }
                else if (p < n && _kinds[p] == Star)
                {
                    starAt = p++;
                    starText = s;
                }
                else if (starAt >= 0)
                {
                    // Let the last star swallow one more character and retry from just after it.
                    p = starAt + 1;
                    s = ++starText;
                }
                else
                {
                    return false;
                }
            }

            while (p < n && _kinds[p] == Star) p++;
            return p == n;
        }
    }
}
