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
        /// A dotenv value that bash (<c>set -a; . ./.env</c>), docker compose (compose-go) and python-dotenv all read
        /// back as exactly <paramref name="value"/>, or a refusal (docs/credentials.md, "Dotenv"):
        /// <list type="bullet">
        /// <item>Bare when every character is a letter, digit or one of <c>+ / = . _ : @ , -</c> (every AWS key, token,
        /// region and timestamp): no reader changes such a word, and <c>docker run --env-file</c>, which strips no
        /// quotes, reads it too.</item>
        /// <item>Otherwise in single quotes, which bash and compose-go take literally and python-dotenv nearly so: it
        /// turns <c>\\</c> and <c>\'</c> into one character and expands <c>${NAME}</c> even there. So a value holding
        /// <c>'</c>, <c>\</c>, <c>$</c> or a control character (a line break above all) cannot be written for all three
        /// and is refused with <see cref="CredentialErrorIds.DotenvValueUnsafe"/>, naming the variable, never the value.</item>
        /// </list>
        /// (Double quotes would not do: bash runs <c>`...`</c> and <c>$(...)</c> inside them, and python-dotenv keeps
        /// <c>\$</c> as two characters where compose reads one.)
        /// </summary>
        public static string Dotenv(string name, string value)
        {
            bool bare = value.Length > 0;
            foreach (char c in value)
            {
                if (c == '\'' || c == '\\' || c == '$' || char.IsControl(c) || c == '\u2028' || c == '\u2029')
                {
                    string what = c == '\'' ? "a single quote" : c == '\\' ? "a backslash" : c == '$' ? "a dollar sign" : "a line break or control character";
                    throw new Errors.SemaphoreOidcException(CredentialErrorIds.DotenvValueUnsafe, Errors.ErrorKind.InvalidData,
                        $"{name} holds {what}, which bash, docker compose and python-dotenv do not all read back the same from a .env file, " +
                        "so no dotenv text was written. Use the Bash format (for source/eval) or JSON instead.",
                        name);
                }
                if (!IsBareChar(c)) bare = false;
            }
            return bare ? value : "'" + value + "'";
        }

        private static bool IsBareChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '+' || c == '/' || c == '=' || c == '.' || c == '_' || c == ':' || c == '@' || c == ',' || c == '-';
    }
}
