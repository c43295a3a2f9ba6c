namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// IAM's character rules for the parts of names and ARNs, written out in ASCII: AWS documents <c>[\w+=,.@-]</c>
    /// for role and policy names, meaning ASCII letters and digits, while .NET's <c>\w</c> and <c>\d</c> also
    /// match other scripts' letters and digits, which IAM and STS refuse (docs/aws-names.md, "Names").
    /// </summary>
    internal static class IamNames
    {
        public const int MaxPathLength = 512;

        /// <summary>1-<paramref name="maxLength"/> characters of <c>A-Z a-z 0-9 + = , . @ _ -</c> (role and policy names).</summary>
        public static bool IsName(string value, int maxLength)
        {
            if (string.IsNullOrEmpty(value) || value.Length > maxLength) return false;
            foreach (char c in value)
            {
                if (!IsNameChar(c)) return false;
            }

            return true;
        }

        /// <summary><c>/</c>, or <c>/</c> + 1 or more of <c>!</c> (0x21) to DEL (0x7F) + <c>/</c>, at most 512 characters.</summary>
        public static bool IsPath(string value)
        {
            if (value == "/") return true;
            if (value == null || value.Length < 3 || value.Length > MaxPathLength || value[0] != '/' || value[value.Length - 1] != '/') return false;
            foreach (char c in value)
            {
                if (c < '\x21' || c > '\x7F') return false;
            }

            return true;
        }

        /// <summary>An AWS account id: exactly 12 ASCII digits.</summary>
        public static bool IsAccountId(string value)
        {
            if (value == null || value.Length != 12) return false;
            foreach (char c in value)
            {
                if (c < '0' || c > '9') return false;
            }

            return true;
        }

        private static bool IsNameChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '_' || c == '-';
    }
}
