using System.Collections.Generic;
using System.Text;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// One value of a condition, as IAM reads it. In a policy with <c>"Version": "2012-10-17"</c>, <c>${...}</c>
    /// is a policy variable; <c>${*}</c>, <c>${?}</c> and <c>${$}</c> are the documented escapes for a literal
    /// <c>*</c>, <c>?</c> and <c>$</c> (IAM User Guide, policy variables, "special characters"). Any other
    /// variable (<c>${aws:username}</c>, ...) depends on the request in ways an offline check cannot know, so it is
    /// kept as <see cref="Variable"/> and makes the comparison Unknown. Version 2008-10-17 has no variables:
    /// every character is literal.
    /// </summary>
    public sealed class ConditionValue
    {
        private ConditionValue(string text, string literal, GlobPattern glob, string variable)
        {
            Text = text;
            Literal = literal;
            Glob = glob;
            Variable = variable;
        }

        /// <summary>The value exactly as written in the policy.</summary>
        public string Text { get; }

        /// <summary>What StringEquals compares: escapes decoded, <c>*</c>/<c>?</c> literal.</summary>
        public string Literal { get; }

        /// <summary>What StringLike matches.</summary>
        public GlobPattern Glob { get; }

        /// <summary>The first policy variable other than the three escapes, or null.</summary>
        public string Variable { get; }

        public bool HasVariable => Variable != null;

        public static ConditionValue Parse(string text, bool policyVariables)
        {
            text = text ?? string.Empty;
            var literal = new StringBuilder(text.Length);
            var chars = new List<char>(text.Length);
            var kinds = new List<byte>(text.Length);
            string variable = null;

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (policyVariables && c == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    int close = text.IndexOf('}', i + 2);
                    if (close > 0)
                    {
                        string inner = text.Substring(i + 2, close - i - 2);
                        if (inner == "*" || inner == "?" || inner == "$")
                        {
                            literal.Append(inner[0]);
                            chars.Add(inner[0]);
                            kinds.Add(GlobPattern.Literal);
                        }
                        else
                        {
                            variable = variable ?? inner.Trim();
                            literal.Append(text, i, close - i + 1);
                            chars.Add('\0');
                            kinds.Add(GlobPattern.Star); // placeholder; a value with a variable is never matched
                        }

                        i = close;
                        continue;
                    }
                }

                literal.Append(c);
                chars.Add(c);
                kinds.Add(c == '*' ? GlobPattern.Star : c == '?' ? GlobPattern.One : GlobPattern.Literal);
            }

            return new ConditionValue(text, literal.ToString(), new GlobPattern(chars.ToArray(), kinds.ToArray()), variable);
        }

        /// <summary>Writes <paramref name="text"/> so IAM reads every character literally, in StringLike too.</summary>
        public static string EscapeLiteral(string text)
        {
            var result = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                if (c == '*' || c == '?' || c == '$') result.Append("${").Append(c).Append('}');
                else result.Append(c);
            }

            return result.ToString();
        }

        public override string ToString() => Text;
    }
}
