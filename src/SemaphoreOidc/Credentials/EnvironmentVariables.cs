using System;
using System.Collections.Generic;
using System.Globalization;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// The environment variables every AWS SDK and the CLI read, for the two ways Set-AwsEnv can make
    /// credentials current, and the stale variables each way must remove so exactly one identity is set up.
    /// </summary>
    public static class EnvironmentVariables
    {
        public const string AccessKeyId = "AWS_ACCESS_KEY_ID";
        public const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";
        public const string SessionToken = "AWS_SESSION_TOKEN";
        public const string Region = "AWS_REGION";
        public const string DefaultRegion = "AWS_DEFAULT_REGION";
        public const string CredentialExpiration = "AWS_CREDENTIAL_EXPIRATION";
        public const string RoleArn = "AWS_ROLE_ARN";
        public const string WebIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE";
        public const string RoleSessionName = "AWS_ROLE_SESSION_NAME";

        /// <summary>The pre-2014 name of AWS_SESSION_TOKEN; boto 2 and some older tools still read it.</summary>
        public const string LegacySecurityToken = "AWS_SECURITY_TOKEN";

        /// <summary>
        /// Static credentials as variables, in a fixed order: key id, secret, session token, region (both
        /// names: the CLI reads AWS_DEFAULT_REGION, SDKs AWS_REGION), expiration (ISO 8601 UTC).
        /// Values that are unknown are left out; <see cref="ToClearFor"/> names the ones to remove.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> For(AwsCredentialSet credentials)
        {
            EnsureComplete(credentials);
            var list = new List<KeyValuePair<string, string>>
            {
                Pair(AccessKeyId, credentials.AccessKeyId),
                Pair(SecretAccessKey, credentials.SecretAccessKey),
            };
            if (!string.IsNullOrEmpty(credentials.SessionToken)) list.Add(Pair(SessionToken, credentials.SessionToken));
            if (!string.IsNullOrEmpty(credentials.Region))
            {
                list.Add(Pair(Region, credentials.Region));
                list.Add(Pair(DefaultRegion, credentials.Region));
            }
            if (credentials.Expiration.HasValue) list.Add(Pair(CredentialExpiration, Iso8601(credentials.Expiration.Value)));
            return list;
        }

        /// <summary>
        /// Variables to remove when setting these static credentials:
        /// <list type="bullet">
        /// <item>AWS_SESSION_TOKEN (and the legacy AWS_SECURITY_TOKEN) when there is no token, and
        /// AWS_CREDENTIAL_EXPIRATION when there is no expiry: an old token paired with new keys makes every
        /// call fail with InvalidClientTokenId, and an old expiry makes tools think fresh keys expired.</item>
        /// <item>AWS_SECURITY_TOKEN always: it would carry a previous session's token.</item>
        /// <item>AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_SESSION_NAME: environment keys already win
        /// over web identity (botocore and AWSSDK.Core v4 check environment keys first), but leaving a second
        /// identity configured means removing the keys later silently switches roles.</item>
        /// </list>
        /// AWS_PROFILE is kept: environment keys win over a profile in the CLI and the SDKs, and the profile
        /// may still supply region and other settings from the config file. Region variables are kept when
        /// the credentials do not know a region.
        /// </summary>
        public static IReadOnlyList<string> ToClearFor(AwsCredentialSet credentials)
        {
            EnsureComplete(credentials);
            var names = new List<string>();
            if (string.IsNullOrEmpty(credentials.SessionToken)) names.Add(SessionToken);
            names.Add(LegacySecurityToken);
            if (!credentials.Expiration.HasValue) names.Add(CredentialExpiration);
            names.Add(RoleArn);
            names.Add(WebIdentityTokenFile);
            names.Add(RoleSessionName);
            return names;
        }

        /// <summary>
        /// A self-refreshing set-up: every AWS SDK and the CLI assume <paramref name="roleArn"/> themselves
        /// with the token in <paramref name="tokenFilePath"/> and renew before expiry. The path must be
        /// absolute (the SDKs open it from whatever directory the tool runs in).
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ForWebIdentity(string roleArn, string tokenFilePath, string sessionName, string region)
        {
            if (string.IsNullOrWhiteSpace(roleArn))
            {
                throw new SemaphoreOidcException(CredentialErrorIds.RoleArnMissing, ErrorKind.InvalidArgument,
                    "A role ARN is needed for a web-identity set-up (AWS_ROLE_ARN), such as arn:aws:iam::123456789012:role/deploy.",
                    roleArn);
            }
            if (string.IsNullOrWhiteSpace(tokenFilePath) || !System.IO.Path.IsPathRooted(tokenFilePath))
            {
                throw new SemaphoreOidcException(CredentialErrorIds.TokenFilePathInvalid, ErrorKind.InvalidArgument,
                    $"AWS_WEB_IDENTITY_TOKEN_FILE must be an absolute path to the token file, not '{tokenFilePath}'.",
                    tokenFilePath);
            }

            var list = new List<KeyValuePair<string, string>>
            {
                Pair(RoleArn, roleArn),
                Pair(WebIdentityTokenFile, tokenFilePath),
            };
            // Without a session name the SDKs invent one; with it, CloudTrail shows which job acted.
            if (!string.IsNullOrEmpty(sessionName)) list.Add(Pair(RoleSessionName, sessionName));
            if (!string.IsNullOrEmpty(region))
            {
                list.Add(Pair(Region, region));
                list.Add(Pair(DefaultRegion, region));
            }
            return list;
        }

        /// <summary>
        /// Variables to remove for a web-identity set-up: any static keys, because every credential chain
        /// (botocore, AWSSDK.Core v4, the other SDKs) uses environment keys before web identity, so a stale
        /// pair would silently win; and their token and expiry, which would then describe nothing.
        /// </summary>
        public static IReadOnlyList<string> ToClearForWebIdentity { get; } = new[]
        {
            AccessKeyId, SecretAccessKey, SessionToken, LegacySecurityToken, CredentialExpiration,
        };

        internal static string Iso8601(DateTime time) =>
            time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        internal static void EnsureComplete(AwsCredentialSet credentials)
        {
            if (credentials == null) throw new ArgumentNullException(nameof(credentials));
            if (string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey))
            {
                throw new SemaphoreOidcException(CredentialErrorIds.CredentialsIncomplete, ErrorKind.InvalidArgument,
                    "The credentials have no access key id or no secret access key. Pass the object Invoke-SemaphoreAssumeRole returns.",
                    credentials.AccessKeyId);
            }
        }

        private static KeyValuePair<string, string> Pair(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
