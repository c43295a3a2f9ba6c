using System;
using System.Management.Automation;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Credentials;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// The credential properties that Set-AwsEnv and ConvertTo-AwsEnv bind by name from the pipeline, so they
    /// take Invoke-SemaphoreAssumeRole's output or any object with the same property names.
    /// </summary>
    public abstract class CredentialInputCmdlet : SemaphoreOidcCmdlet
    {
        /// <summary>The access key id (ASIA...).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AccessKeyId { get; set; }

        /// <summary>The secret access key.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SecretAccessKey { get; set; }

        /// <summary>The session token of temporary credentials.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SessionToken { get; set; }

        /// <summary>When the credentials expire (UTC).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? Expiration { get; set; }

        /// <summary>The region to make current (AWS_REGION and AWS_DEFAULT_REGION).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        /// <summary>The bound credentials; the region is checked as every command checks it (RegionInvalid).</summary>
        protected AwsCredentialSet BoundCredentials() =>
            new AwsCredentialSet(AccessKeyId, SecretAccessKey, SessionToken, Expiration,
                string.IsNullOrWhiteSpace(Region) ? null : RegionResolver.Validate(Region.Trim(), "Region"));
    }
}
