using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Providers
{
    /// <summary>IAM's limits on provider inputs (CreateOpenIDConnectProvider), checked before any call.</summary>
    public static class ProviderInputs
    {
        public const int MaxClientIds = 100;
        public const int MaxThumbprints = 5;
        public const int MaxTags = 50;

        private static readonly Regex Thumbprint = new Regex("^[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant);
        private static readonly Regex ProviderArn = new Regex(@"^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::\d{12}:oidc-provider/[^\s]{1,255}$", RegexOptions.CultureInvariant);

        public static string[] Audiences(IEnumerable<string> audiences, IssuerUrl issuer)
        {
            var list = (audiences ?? Enumerable.Empty<string>()).Where(a => a != null).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            // Semaphore sets aud to the issuer URL (FACTS.md), so that is the audience a provider needs.
            if (list.Length == 0) list = new[] { issuer.Value };
            foreach (string audience in list)
            {
                if (audience.Length < 1 || audience.Length > 255)
                {
                    throw new SemaphoreOidcException("AudienceInvalid", ErrorKind.InvalidArgument,
                        $"Audience '{audience}' must be 1-255 characters.", audience);
                }
            }

            if (list.Length > MaxClientIds)
            {
                throw new SemaphoreOidcException("AudienceInvalid", ErrorKind.InvalidArgument,
                    $"{list.Length} audiences given; IAM allows at most {MaxClientIds} per provider.", list.Length);
            }

            return list;
        }

        public static string[] Thumbprints(IEnumerable<string> thumbprints)
        {
            var list = (thumbprints ?? Enumerable.Empty<string>()).Where(t => !string.IsNullOrWhiteSpace(t))
                .Select(t => t.Trim().Replace(":", string.Empty).ToLowerInvariant()).Distinct().ToArray();
            foreach (string thumbprint in list)
            {
                if (!Thumbprint.IsMatch(thumbprint))
                {
                    throw new SemaphoreOidcException("ThumbprintInvalid", ErrorKind.InvalidArgument,
                        $"'{thumbprint}' is not a SHA-1 thumbprint (40 hexadecimal characters).", thumbprint);
                }
            }

            if (list.Length > MaxThumbprints)
            {
                throw new SemaphoreOidcException("ThumbprintInvalid", ErrorKind.InvalidArgument,
                    $"{list.Length} thumbprints given; IAM allows at most {MaxThumbprints}.", list.Length);
            }

            return list;
        }

        public static KeyValuePair<string, string>[] Tags(IEnumerable<KeyValuePair<string, string>> tags)
        {
            var list = (tags ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToArray();
            if (list.Length > MaxTags)
            {
                throw new SemaphoreOidcException("TagInvalid", ErrorKind.InvalidArgument, $"{list.Length} tags given; IAM allows at most {MaxTags}.", list.Length);
            }

            foreach (var tag in list)
            {
                if (string.IsNullOrEmpty(tag.Key) || tag.Key.Length > 128 || (tag.Value ?? string.Empty).Length > 256 ||
                    tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new SemaphoreOidcException("TagInvalid", ErrorKind.InvalidArgument,
                        $"Tag '{tag.Key}' is not valid for IAM: keys 1-128 characters not starting with 'aws:', values at most 256.", tag.Key);
                }
            }

            return list;
        }

        public static string Arn(string arn)
        {
            string value = arn?.Trim();
            if (value == null || !ProviderArn.IsMatch(value))
            {
                throw new SemaphoreOidcException("ProviderArnInvalid", ErrorKind.InvalidArgument,
                    $"'{arn}' is not an IAM OIDC provider ARN (arn:aws:iam::<account id>:oidc-provider/<host>).", arn);
            }

            return value;
        }

        /// <summary>The host[/path] suffix of a provider ARN, which is the provider URL without https://.</summary>
        public static string UrlOfArn(string arn)
        {
            int at = arn.IndexOf(":oidc-provider/", StringComparison.Ordinal);
            return at < 0 ? null : arn.Substring(at + ":oidc-provider/".Length);
        }
    }
}
