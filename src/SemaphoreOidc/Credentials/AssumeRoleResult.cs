using System;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// What Invoke-SemaphoreAssumeRole returns: the credentials plus who they belong to. Its property names
    /// bind by name into Set-AwsEnv and ConvertTo-AwsEnv.
    /// </summary>
    public sealed class AssumeRoleResult : AwsCredentialSet
    {
        public AssumeRoleResult(
            string accessKeyId, string secretAccessKey, string sessionToken, DateTime expiration, string region,
            string assumedRoleArn, string assumedRoleId, string subjectFromWebIdentityToken, string audience,
            string provider, string roleArn, string roleSessionName, string webIdentityToken)
            : base(accessKeyId, secretAccessKey, sessionToken, expiration, region)
        {
            AssumedRoleArn = assumedRoleArn;
            AssumedRoleId = assumedRoleId;
            SubjectFromWebIdentityToken = subjectFromWebIdentityToken;
            Audience = audience;
            Provider = provider;
            RoleArn = roleArn;
            RoleSessionName = roleSessionName;
            WebIdentityToken = webIdentityToken;
        }

        public string AssumedRoleArn { get; }
        public string AssumedRoleId { get; }
        public string SubjectFromWebIdentityToken { get; }
        public string Audience { get; }
        public string Provider { get; }

        /// <summary>The role that was asked for (Set-AwsEnv -WebIdentity needs it).</summary>
        public string RoleArn { get; }

        public string RoleSessionName { get; }

        /// <summary>The OIDC token that was exchanged: a secret, kept so Set-AwsEnv -WebIdentity can write it.</summary>
        public string WebIdentityToken { get; }

        public override string ToString() => $"{AssumedRoleArn} ({base.ToString()})";
    }
}
