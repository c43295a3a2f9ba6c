using System.Text;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// Quoting that makes any value survive evaluation by the target unchanged. AWS keys and tokens are
    /// base64-like and need none of this, but a region or a future value must never be able to run code
    /// when a job does <c>eval "$(...)"</c>.
    /// </summary>
    internal static class ShellQuoting
    {
        /// <summary>
        /// POSIX shells expand nothing inside single quotes, and a single quote cannot appear there at all,
        /// so each one closes the string, adds an escaped quote and reopens it: <c>'\''</c>.
        /// </summary>
        public static string Bash(string value) => "'" + value.Replace("'", "'\\''") + "'";

        /// <summary>
        /// PowerShell single-quoted strings are verbatim except that a quote is written twice. PowerShell
        /// also treats the typographic quotes U+2018, U+2019, U+201A and U+201B as single quotes, so a lone
        /// one would end the string: they are doubled the same way (PowerShell language spec, 2.3.5.2).
        /// </summary>
        public static string PowerShell(string value)
        {
            var sb = new StringBuilder(value.Length + 2).Append('\'');
            foreach (char c in value)
            {
                if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') sb.Append(c);
                sb.Append(c);
            }
            return sb.Append('\'').ToString();
        }

        /// <summary>
        /// Double-quoted dotenv value. Inside double quotes docker compose (compose-go) and godotenv turn
        /// <c>\\</c>, <c>\"</c>, <c>\n</c>, <c>\r</c> back into the character and treat <c>\$</c> as a literal
        /// dollar, which stops <c>$VAR</c>/<c>${VAR}</c> interpolation. python-dotenv decodes the same escapes
        /// except <c>\$</c>, which it keeps as two characters; it only interpolates <c>${...}</c>, so values
        /// without "$" (every AWS credential) read back identically everywhere. python-dotenv also cannot read
        /// a quoted value that ends in a backslash (its pattern takes the final <c>\"</c> as an escaped quote).
        /// </summary>
        public static string Dotenv(string value)
        {
            var sb = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '"': sb.Append("\\\""); break;
                    case '$': sb.Append("\\$"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.Append('"').ToString();
        }
    }
}
