using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// <para type="synopsis">Makes credentials current: process environment variables, a shared-credentials profile, or a self-refreshing web-identity set-up.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AwsEnv", SupportsShouldProcess = true, DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(AwsCredentialSet))]
    public sealed class SetAwsEnvCommand : CredentialInputCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string ProfileSet = "Profile";
        private const string WebIdentitySet = "WebIdentity";

        /// <summary>Write this profile of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials) instead of the environment.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string ProfileName { get; set; }

        /// <summary>Write the OIDC token to an owner-only file and set AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME, so AWS SDKs and the CLI assume the role and refresh by themselves.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WebIdentitySet)]
        public SwitchParameter WebIdentity { get; set; }

        /// <summary>With -WebIdentity: the role to assume (required; binds from Invoke-SemaphoreAssumeRole's output).</summary>
        /// <remarks>Not Mandatory: PowerShell prefers a parameter set with a mandatory pipeline parameter, which would
        /// pull plain `$credentials | Set-AwsEnv` into this set. A missing ARN is refused as RoleArnInvalid instead.</remarks>
        [Parameter(ParameterSetName = WebIdentitySet, ValueFromPipelineByPropertyName = true)]
        public string RoleArn { get; set; }

        /// <summary>With -WebIdentity: the OIDC token; defaults to $env:SEMAPHORE_OIDC_TOKEN.</summary>
        [Parameter(ParameterSetName = WebIdentitySet, ValueFromPipelineByPropertyName = true)]
        public string WebIdentityToken { get; set; }

        /// <summary>With -WebIdentity: the role session name; defaults to semaphore-job-$SEMAPHORE_JOB_ID.</summary>
        [Parameter(ParameterSetName = WebIdentitySet, ValueFromPipelineByPropertyName = true)]
        public string RoleSessionName { get; set; }

        /// <summary>With -WebIdentity: the folder for the token file (default: a per-user folder, owner-only).</summary>
        [Parameter(ParameterSetName = WebIdentitySet)]
        public string TokenDirectory { get; set; }

        /// <summary>Write the credentials object back to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case ProfileSet:
                        WriteProfile();
                        break;
                    case WebIdentitySet:
                        SetWebIdentity();
                        break;
                    default:
                        SetEnvironment();
                        break;
                }
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }

        private void SetEnvironment()
        {
            var credentials = BoundCredentials();
            var variables = EnvironmentVariables.For(credentials);
            string names = string.Join(", ", variables.Select(v => v.Key));
            if (!ShouldProcess("process environment", $"Set {names} for access key {credentials.AccessKeyId}")) return;
            Apply(variables, EnvironmentVariables.ToClearFor(credentials));
            WriteVerbose($"Set {names} for access key {credentials.AccessKeyId}.");
            if (PassThru) WriteObject(credentials);
        }

        private void WriteProfile()
        {
            var credentials = BoundCredentials();
            SharedCredentialsProfileWriter.ValidateProfileName(ProfileName);
            string path = SharedCredentialsProfileWriter.ResolvePath(null);
            if (!ShouldProcess(path, $"Write profile [{ProfileName}] for access key {credentials.AccessKeyId}")) return;
            SharedCredentialsProfileWriter.Write(ProfileName, credentials, path);
            WriteVerbose($"Wrote profile [{ProfileName}] to {path}; other profiles are unchanged.");
            if (PassThru) WriteObject(credentials);
        }

        private void SetWebIdentity()
        {
            string token = TokenSource.Resolve(MyInvocation.BoundParameters.ContainsKey(nameof(WebIdentityToken)) ? WebIdentityToken ?? string.Empty : null);
            var parsed = TokenReader.Read(token);
            var role = Aws.RoleArn.Parse(RoleArn);
            string session = string.IsNullOrWhiteSpace(RoleSessionName)
                ? SessionName.Default(Environment.GetEnvironmentVariable("SEMAPHORE_JOB_ID"), parsed.JobId)
                : SessionName.Sanitize(RoleSessionName);
            string region = string.IsNullOrWhiteSpace(Region) ? null : RegionResolver.Validate(Region.Trim(), "-Region");

            if (!ShouldProcess("process environment", $"Write the token file and set AWS_ROLE_ARN={role.Value}, AWS_ROLE_SESSION_NAME={session}")) return;
            string file = WebIdentityTokenFile.Write(token, TokenDirectory);
            var variables = EnvironmentVariables.ForWebIdentity(role.Value, file, session, region);
            Apply(variables, EnvironmentVariables.ToClearForWebIdentity);
            WriteVerbose($"Token written to {file} (owner-only); AWS SDKs and the CLI now assume {role.Value} themselves.");
            if (PassThru && !string.IsNullOrEmpty(AccessKeyId)) WriteObject(BoundCredentials());
        }

        private static void Apply(IEnumerable<KeyValuePair<string, string>> toSet, IEnumerable<string> toClear)
        {
            foreach (string name in toClear) Environment.SetEnvironmentVariable(name, null);
            foreach (var pair in toSet) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
