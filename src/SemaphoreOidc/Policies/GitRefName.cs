using System;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// Branch and tag names as git allows them (git check-ref-format), with <c>*</c> and <c>?</c> accepted as
    /// wildcards: git forbids both in ref names, so in -Branch/-Tag they can only mean "pattern". ':' is
    /// forbidden by git and would add a segment to Semaphore's subject.
    /// </summary>
    internal static class GitRefName
    {
        /// <summary>The problem with <paramref name="name"/>, or null when it is a valid ref name (or pattern).</summary>
        public static string Problem(string name)
        {
            if (string.IsNullOrEmpty(name)) return "it is empty";
            foreach (char c in name)
            {
                if (c < 0x20 || c == 0x7f) return "it contains a control character";
                if (c == ':') return "it contains ':' (git forbids it, and it would add a segment to the sub claim)";
                if (c == ' ' || c == '~' || c == '^' || c == '\\' || c == '[') return $"it contains '{c}', which git forbids in ref names";
            }

            if (name.Contains("..")) return "it contains '..'";
            if (name.Contains("@{")) return "it contains '@{'";
            if (name == "@") return "'@' alone is not a ref name";
            if (name.Contains("//")) return "it contains '//'";
            if (name.StartsWith("/", StringComparison.Ordinal) || name.EndsWith("/", StringComparison.Ordinal)) return "it starts or ends with '/'";
            if (name.EndsWith(".", StringComparison.Ordinal)) return "it ends with '.'";
            foreach (string part in name.Split('/'))
            {
                if (part.StartsWith(".", StringComparison.Ordinal)) return "a part of it starts with '.'";
                if (part.EndsWith(".lock", StringComparison.Ordinal)) return "a part of it ends with '.lock'";
            }

            return null;
        }
    }
}
