using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// An IAM OIDC provider ARN: <c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:oidc-provider/&lt;host[/path]&gt;</c>, whose suffix is the
    /// provider URL without https:// and is the prefix of the provider's condition keys (docs/aws-names.md, "ARNs").
    /// The one parser of provider ARNs: the trust-policy builder, the evaluator, the findings and the provider commands use it.
    /// </summary>
    public sealed class OidcProviderArn
    {
        /// <summary>IAM's provider URL is at most 255 characters, https:// included.</summary>
        public const int MaxHostAndPathLength = 255 - 8;

        private OidcProviderArn(IamArn arn, string hostAndPath)
        {
            Value = arn.Value;
            Partition = arn.Partition.Name;
            AccountId = arn.Account;
            HostAndPath = hostAndPath;
        }

        public string Value { get; }
        public string Partition { get; }
        public string AccountId { get; }

        /// <summary>The provider URL without https://, exactly as the ARN carries it.</summary>
        public string HostAndPath { get; }

        /// <summary>The host alone.</summary>
        public string Host => HostAndPath.Split('/')[0];

        /// <summary>The provider URL: https:// + <see cref="HostAndPath"/>.</summary>
        public string Url => "https://" + HostAndPath;

        /// <summary>
        /// Parses without trimming: a value read from a policy document is compared as IAM compares it, so
        /// "arn:...:oidc-provider/host\n" is not the provider for host.
        /// </summary>
        public static bool TryParse(string value, out OidcProviderArn arn)
        {
            arn = null;
            if (!IamArn.TryParse(value, "oidc-provider", out IamArn parts) || !IamNames.IsAccountId(parts.Account)) return false;
            string rest = parts.Rest;
            if (rest.Length == 0 || rest.Length > MaxHostAndPathLength) return false;
            int slash = rest.IndexOf('/');
            string host = slash < 0 ? rest : rest.Substring(0, slash);
            if (!IsDnsName(host)) return false;
            for (int i = host.Length; i < rest.Length; i++)
            {
                if (rest[i] < '\x21' || rest[i] > '\x7E') return false;
            }

            arn = new OidcProviderArn(parts, rest);
            return true;
        }

        /// <summary>The ARN as given by a user (trimmed), or ProviderArnInvalid.</summary>
        public static OidcProviderArn Parse(string value)
        {
            if (TryParse(value?.Trim(), out OidcProviderArn arn)) return arn;
            throw new SemaphoreOidcException(AwsErrorIds.ProviderArnInvalid, ErrorKind.InvalidArgument,
                $"'{InputText.Show(value)}' is not an IAM OIDC provider ARN (arn:aws:iam::<12-digit account id>:oidc-provider/<host>[/<path>], " +
                "as IAM lists it).", value);
        }

        /// <summary>Dot-separated labels of 1-63 ASCII letters, digits and '-', not starting or ending with '-'.</summary>
        private static bool IsDnsName(string host)
        {
            if (host.Length == 0 || host.Length > 253) return false;
            foreach (string label in host.Split('.'))
            {
                if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[label.Length - 1] == '-') return false;
                foreach (char c in label)
                {
                    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                    if (!ok) return false;
                }
            }

            return true;
        }

        public override string ToString() => Value;
    }
}
