using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// Credentials as text another shell or tool evaluates: the output of ConvertTo-AwsEnv. Every value is
    /// quoted for its target so nothing in it can be executed or expanded.
    /// </summary>
    public static class CredentialTextFormatter
    {
        public static string Format(AwsCredentialSet credentials, CredentialTextFormat format)
        {
            EnvironmentVariables.EnsureComplete(credentials);
            switch (format)
            {
                case CredentialTextFormat.Bash: return Bash(credentials);
                case CredentialTextFormat.PowerShell: return PowerShell(credentials);
                case CredentialTextFormat.Dotenv: return Dotenv(credentials);
                case CredentialTextFormat.Json: return Json(credentials);
                case CredentialTextFormat.CredentialProcess: return CredentialProcess(credentials);
                default: throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown credential text format.");
            }
        }

        // Lines end with "\n" whatever the OS: bash chokes on "\r", and the others accept "\n".
        private static string Bash(AwsCredentialSet c)
        {
            var sb = new StringBuilder();
            foreach (var pair in EnvironmentVariables.For(c))
            {
                sb.Append("export ").Append(pair.Key).Append('=').Append(ShellQuoting.Bash(pair.Value)).Append('\n');
            }
            // unset with no such variable is not an error, so eval never fails here.
            foreach (string name in EnvironmentVariables.ToClearFor(c)) sb.Append("unset ").Append(name).Append('\n');
            return sb.ToString();
        }

        private static string PowerShell(AwsCredentialSet c)
        {
            var sb = new StringBuilder();
            foreach (var pair in EnvironmentVariables.For(c))
            {
                sb.Append("$env:").Append(pair.Key).Append(" = ").Append(ShellQuoting.PowerShell(pair.Value)).Append('\n');
            }
            foreach (string name in EnvironmentVariables.ToClearFor(c))
            {
                sb.Append("Remove-Item -Path Env:").Append(name).Append(" -ErrorAction SilentlyContinue\n");
            }
            return sb.ToString();
        }

        // Dotenv cannot express "remove a variable", so only the values are written. Every value is checked before
        // any text is returned: a refusal never leaves half a file.
        private static string Dotenv(AwsCredentialSet c)
        {
            var sb = new StringBuilder();
            foreach (var pair in EnvironmentVariables.For(c))
            {
                sb.Append(pair.Key).Append('=').Append(ShellQuoting.Dotenv(pair.Key, pair.Value)).Append('\n');
            }
            return sb.ToString();
        }

        private static string Json(AwsCredentialSet c) =>
            WriteJson(w =>
            {
                foreach (var pair in EnvironmentVariables.For(c)) w.WriteString(pair.Key, pair.Value);
            });

        /// <summary>
        /// The AWS CLI and SDKs run a <c>credential_process</c> and read exactly this object from its stdout:
        /// Version 1, the three credential fields and an RFC 3339 Expiration (without it the credentials are
        /// treated as never expiring, so it is always written when known).
        /// </summary>
        private static string CredentialProcess(AwsCredentialSet c) =>
            WriteJson(w =>
            {
                w.WriteNumber("Version", 1);
                w.WriteString("AccessKeyId", c.AccessKeyId);
                w.WriteString("SecretAccessKey", c.SecretAccessKey);
                if (!string.IsNullOrEmpty(c.SessionToken)) w.WriteString("SessionToken", c.SessionToken);
                if (c.Expiration.HasValue) w.WriteString("Expiration", EnvironmentVariables.Iso8601(c.Expiration.Value));
            });

        private static string WriteJson(Action<Utf8JsonWriter> body)
        {
            // Relaxed escaping keeps '+' and '/' of base64 secrets literal; the output is never embedded in HTML.
            var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using (var stream = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(stream, options))
                {
                    writer.WriteStartObject();
                    body(writer);
                    writer.WriteEndObject();
                }
                return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
            }
        }
    }
}
