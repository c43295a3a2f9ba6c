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

        // Literal head and tail, checked with vectorised ordinal comparisons before the character walk: most
        // subjects that fail do so in the org/project head, and 'prefix*suffix' patterns need nothing else.
        private readonly string _prefix;
        private readonly string _suffix;
        private readonly int _minLength;
        private readonly bool _singleStar;

        internal GlobPattern(char[] chars, byte[] kinds)
        {
            _chars = chars;
            _kinds = kinds;
            HasWildcard = Array.IndexOf(kinds, Star) >= 0 || Array.IndexOf(kinds, One) >= 0;
            if (!HasWildcard)
            {
                _literalText = new string(chars);
                return;
            }

            int head = 0;
            while (kinds[head] == Literal) head++;
            int tail = kinds.Length;
            while (kinds[tail - 1] == Literal) tail--;
            _prefix = new string(chars, 0, head);
            _suffix = new string(chars, tail, kinds.Length - tail);
            int stars = 0, ones = 0;
            foreach (byte kind in kinds)
            {
                if (kind == Star) stars++;
                else if (kind == One) ones++;
            }

            _minLength = kinds.Length - stars;
            _singleStar = stars == 1 && ones == 0;
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
            if (value.Length < _minLength
                || string.CompareOrdinal(value, 0, _prefix, 0, _prefix.Length) != 0
                || string.CompareOrdinal(value, value.Length - _suffix.Length, _suffix, 0, _suffix.Length) != 0)
            {
                return false;
            }

            if (_singleStar) return true;

            int n = _kinds.Length;
            int p = _prefix.Length, s = _prefix.Length, starAt = -1, starText = 0;
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
