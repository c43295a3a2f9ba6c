using System;
using System.Text;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// How a user's input is quoted in an error message: control characters made visible (a newline in a region
    /// must not start a fake line in a CI log), very long values cut, and URL user information never shown.
    /// </summary>
    public static class InputText
    {
        private const int MaxShown = 200;

        /// <summary>The input as a message may show it: control characters escaped, at most 200 characters.</summary>
        public static string Show(string value)
        {
            if (value == null) return "(null)";
            var text = new StringBuilder(Math.Min(value.Length, MaxShown) + 16);
            foreach (char c in value.Length > MaxShown ? value.Substring(0, MaxShown) : value)
            {
                if (c == '\n') text.Append("\\n");
                else if (c == '\r') text.Append("\\r");
                else if (c == '\t') text.Append("\\t");
                else if (char.IsControl(c)) text.Append("\\u").Append(((int)c).ToString("x4"));
                else text.Append(c);
            }

            if (value.Length > MaxShown) text.Append($"... ({value.Length} characters)");
            return text.ToString();
        }

        /// <summary>
        /// A URL-like text without the user information of its authority (<c>user:password@</c>), whether or not
        /// it parses as a URL: what an error about a bad URL may show.
        /// </summary>
        public static string WithoutUserInfo(string url)
        {
            if (string.IsNullOrEmpty(url)) return url;
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            int start = scheme < 0 ? 0 : scheme + 3;
            int end = url.IndexOfAny(new[] { '/', '?', '#', '\\' }, start);
            if (end < 0) end = url.Length;
            int at = end > start ? url.LastIndexOf('@', end - 1, end - start) : -1;
            return at < 0 ? url : url.Substring(0, start) + url.Substring(at + 1);
        }
    }
}
