using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Providers
{
    /// <summary>
    /// IAM's limits on provider audiences and thumbprints (CreateOpenIDConnectProvider), checked before any call; the
    /// provider ARN is <see cref="Aws.OidcProviderArn"/> and tags are <see cref="Aws.IamTags"/>.
    /// </summary>
    public static class ProviderInputs
    {
        public const int MaxClientIds = 100;
        public const int MaxThumbprints = 5;

        private static readonly Regex Thumbprint = new Regex("^[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant);

        public static string[] Audiences(IEnumerable<string> audiences, IssuerUrl issuer)
        {
            var list = (audiences ?? Enumerable.Empty<string>()).Where(a => a != null).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            // Semaphore sets aud to the issuer URL, so that is the audience a provider needs (docs/aws-names.md, "OIDC providers").
            if (list.Length == 0) list = new[] { issuer.Value };
            foreach (string audience in list)
            {
                if (audience.Length < 1 || audience.Length > 255)
                {
                    throw new SemaphoreOidcException(ProviderErrorIds.AudienceInvalid, ErrorKind.InvalidArgument,
                        $"Audience '{audience}' must be 1-255 characters.", audience);
                }
            }

            if (list.Length > MaxClientIds)
            {
                throw new SemaphoreOidcException(ProviderErrorIds.AudienceInvalid, ErrorKind.InvalidArgument,
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
                    throw new SemaphoreOidcException(ProviderErrorIds.ThumbprintInvalid, ErrorKind.InvalidArgument,
                        $"'{thumbprint}' is not a SHA-1 thumbprint (40 hexadecimal characters).", thumbprint);
                }
            }

            if (list.Length > MaxThumbprints)
            {
                throw new SemaphoreOidcException(ProviderErrorIds.ThumbprintInvalid, ErrorKind.InvalidArgument,
                    $"{list.Length} thumbprints given; IAM allows at most {MaxThumbprints}.", list.Length);
            }

            return list;
        }
    }
}
