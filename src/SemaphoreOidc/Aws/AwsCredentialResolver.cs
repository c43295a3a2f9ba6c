using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// Credentials for signed calls (IAM), found as every AWS tool finds them: a named profile when asked
    /// (the caller names one), else AWSSDK.Core's default chain (environment, web identity, shared files, container, IMDS).
    /// </summary>
    public static class AwsCredentialResolver
    {
        public static async Task<ImmutableCredentials> ResolveAsync(string profileName)
        {
            AWSCredentials credentials;
            if (!string.IsNullOrWhiteSpace(profileName))
            {
                if (!new CredentialProfileStoreChain().TryGetAWSCredentials(profileName, out credentials))
                {
                    throw new SemaphoreOidcException(AwsErrorIds.ProfileNotFound, ErrorKind.ObjectNotFound,
                        $"No AWS profile named '{profileName}' in the shared credentials or config file " +
                        "(AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, default ~/.aws/).", profileName);
                }
            }
            else
            {
                try
                {
                    credentials = new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(new AmazonSecurityTokenServiceConfig());
                }
                catch (AmazonClientException ex)
                {
                    throw NoCredentials(ex);
                }
            }

            try
            {
                var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
                if (immutable == null || string.IsNullOrEmpty(immutable.AccessKey)) throw NoCredentials(null);
                return immutable;
            }
            catch (AmazonClientException ex)
            {
                throw NoCredentials(ex);
            }
        }

        private static SemaphoreOidcException NoCredentials(Exception inner) =>
            new SemaphoreOidcException(AwsErrorIds.AwsCredentialsNotFound, ErrorKind.AuthenticationError,
                "No AWS credentials found for IAM. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), " +
                "AWS_PROFILE, or name a profile." + (inner == null ? string.Empty : " (" + inner.Message + ")"),
                null, inner);
    }
}
