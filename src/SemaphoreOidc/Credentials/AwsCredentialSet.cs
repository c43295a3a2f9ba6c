using System;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// Temporary AWS credentials as every AWS tool consumes them. The secret key and session token are
    /// never part of <see cref="ToString"/>; read them on purpose through their properties.
    /// </summary>
    public class AwsCredentialSet
    {
        public AwsCredentialSet(string accessKeyId, string secretAccessKey, string sessionToken, DateTime? expiration, string region)
        {
            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            SessionToken = sessionToken;
            Expiration = expiration?.ToUniversalTime();
            Region = region;
        }

        public string AccessKeyId { get; }
        public string SecretAccessKey { get; }
        public string SessionToken { get; }

        /// <summary>UTC; null for credentials that do not expire.</summary>
        public DateTime? Expiration { get; }

        public string Region { get; }

        public override string ToString() =>
            Expiration.HasValue
                ? $"{AccessKeyId} (expires {Expiration.Value:yyyy-MM-ddTHH:mm:ssZ})"
                : AccessKeyId ?? string.Empty;
    }
}
