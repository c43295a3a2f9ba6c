using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// The first characters of an answer that is not an AWS answer, safe to print: a proxy page can echo the
    /// request (the OIDC token, the signature, the session token) and a half answer can hold credentials, so
    /// anything that looks like a secret is replaced before the text reaches a message (docs/aws-calls.md).
    /// </summary>
    internal static class AnswerPreview
    {
        public const int MaxCharacters = 200;
        private const int ScannedBytes = 4096;
        private const string Redacted = "[redacted]";

        private static readonly Regex[] Secrets =
        {
            // XML elements whose content is a secret, whatever namespace prefix they carry.
            new Regex(@"(<(?:[\w.-]+:)?(?:SecretAccessKey|SessionToken|SecurityToken|AccessKeyId|WebIdentityToken|Token|Password|Secret|Signature)\b[^>]*>)[^<]*",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            // name=value, name: value, "name":"value" for names that say token, secret, key, signature, credential, session, password.
            new Regex(@"((?:[\w.-]*?)(?:token|secret|password|passwd|signature|credential|session|authorization|key)[\w.-]*[""']?\s*[:=]\s*[""']?)[^\s""'&<>,;]+",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            // A JWT, encoded or not.
            new Regex(@"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*", RegexOptions.CultureInvariant),
            // AWS access key ids.
            new Regex(@"\b(?:AKIA|ASIA|AIDA|AROA|ANPA|AGPA)[A-Z0-9]{12,}\b", RegexOptions.CultureInvariant),
            // Any long opaque run (secret keys, session tokens, signatures, form tokens, URL-encoded tokens), except
            // an XML element's own name such as AssumeRoleWithWebIdentityResponse.
            new Regex(@"(?<![<A-Za-z0-9+/_%-])(?<!</)[A-Za-z0-9+/_%-]{32,}", RegexOptions.CultureInvariant),
        };

        /// <summary>A one-line preview of <paramref name="body"/>, quoted, or "empty".</summary>
        public static string Of(byte[] body, IEnumerable<string> knownSecrets)
        {
            if (body == null || body.Length == 0) return "empty";
            string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ScannedBytes));
            if (LooksBinary(text)) return $"of {body.Length} bytes that are not text";
            foreach (string secret in (knownSecrets ?? Enumerable.Empty<string>()).Where(s => !string.IsNullOrEmpty(s) && s.Length >= 8))
            {
                text = text.Replace(secret, Redacted).Replace(Uri.EscapeDataString(secret), Redacted);
            }

            foreach (var pattern in Secrets)
            {
                text = pattern.Replace(text, m => m.Groups.Count > 1 && m.Groups[1].Success ? m.Groups[1].Value + Redacted : Redacted);
            }

            var line = new StringBuilder(MaxCharacters + 8);
            bool space = false;
            bool cut = body.Length > ScannedBytes;
            foreach (char c in text)
            {
                if (line.Length >= MaxCharacters)
                {
                    cut = true;
                    break;
                }

                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    space = line.Length > 0;
                    continue;
                }

                if (space)
                {
                    if (line.Length + 1 >= MaxCharacters)
                    {
                        cut = true;
                        break;
                    }

                    line.Append(' ');
                }

                space = false;
                line.Append(c == '\uFFFD' || char.IsSurrogate(c) ? '?' : c);
            }

            return "'" + line + (cut ? "...'" : "'") + $" ({body.Length} bytes)";
        }

        /// <summary>Undecodable bytes or control characters in more than one character in twenty: binary, not worth printing.</summary>
        private static bool LooksBinary(string text)
        {
            int odd = text.Count(c => c == '\uFFFD' || (char.IsControl(c) && c != '\r' && c != '\n' && c != '\t'));
            return odd * 20 > text.Length;
        }
    }
}
