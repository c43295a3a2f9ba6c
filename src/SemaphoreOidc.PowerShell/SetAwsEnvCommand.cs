using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;

namespace SemaphoreOidc.Commands
{
    /// <summary>Set-AwsEnv. Its help (synopsis, description, examples) has one source: module/help/Set-AwsEnv.psd1.</summary>
    [Cmdlet(VerbsCommon.Set, "AwsEnv", SupportsShouldProcess = true, DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(AwsCredentialSet))]
    public sealed class SetAwsEnvCommand : CredentialInputCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string ProfileSet = "Profile";
        private const string WebIdentitySet = "WebIdentity";

        /// <summary>Write this profile of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials), and its region to the config file (AWS_CONFIG_FILE or ~/.aws/config), instead of the environment.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        public string ProfileName { get; set; }

        /// <summary>Write the OIDC token to an owner-only file and set AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME, so AWS SDKs and the CLI assume the role and refresh by themselves.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WebIdentitySet)]
        public SwitchParameter WebIdentity { get; set; }

        /// <summary>With -WebIdentity: the role to assume (required; binds from Invoke-SemaphoreAssumeRole's output).</summary>
        /// <remarks>Not Mandatory: PowerShell prefers a parameter set with a mandatory pipeline parameter, which would
        /// pull plain `$credentials | Set-AwsEnv` into this set. A missing ARN is refused as RoleArnMissing instead.</remarks>
        [Parameter(ParameterSetName = WebIdentitySet, ValueFromPipelineByPropertyName = true)]
        public string RoleArn { get; set; }

        /// <summary>With -WebIdentity: the OIDC token; defaults to $env:SEMAPHORE_OIDC_TOKEN.</summary>
        [Parameter(ParameterSetName = WebIdentitySet, ValueFromPipelineByPropertyName = true)]
        public string WebIdentityToken { get; set; }

        /// <summary>With -WebIdentity: the role session name; defaults to semaphore-job-$SEMAPHORE_JOB_ID.</summary>
        [Parameter(ParameterSetName = WebIdentitySet, ValueFromPipelineByPropertyName = true)]
        public string RoleSessionName { get; set; }

        /// <summary>With -WebIdentity: the folder for the token file (default: ~/.aws/semaphore-oidc, owner-only); relative paths start at the current location.</summary>
        [Parameter(ParameterSetName = WebIdentitySet)]
        public string TokenDirectory { get; set; }

        /// <summary>Write the credentials object back to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        // Set while the web-identity inputs are checked: whether a token was given, for the hints below.
        private bool? _webIdentityTokenGiven;

        // The engine names inputs, not parameters; here they get their PowerShell names (docs/credentials.md, "Web identity").
        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(CredentialErrorIds.RoleArnMissing, "Pass -RoleArn, or pipe Invoke-SemaphoreAssumeRole's output into Set-AwsEnv -WebIdentity.");
            hints.AddTokenParameter(nameof(WebIdentityToken), () => _webIdentityTokenGiven == true);
            // The token folder's; the same ids for the shared credentials files name those files' variables in the message.
            hints.Add(Files.FileErrorIds.PathNotDirectory, _ => _webIdentityTokenGiven.HasValue ? "Choose another folder with -TokenDirectory." : null);
            hints.Add(Files.FileErrorIds.PathNotRegularFile, _ => _webIdentityTokenGiven.HasValue ? "Choose another folder with -TokenDirectory." : null);
        }

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

        // Keys to the credentials file, region to the config file, both under their locks (docs/credentials.md, "Shared files").
        private void WriteProfile()
        {
            var credentials = BoundCredentials();
            SharedCredentialsProfileWriter.ValidateProfileName(ProfileName);
            string location = FileSystemPath.CurrentLocation(SessionState);
            string path = SharedCredentialsProfileWriter.ResolvePath(null, location);
            string config = string.IsNullOrEmpty(credentials.Region) ? null : SharedCredentialsProfileWriter.ResolveConfigPath(null, location);
            string where = config == null ? path : $"{path} and {config}";
            if (!ShouldProcess(where, $"Write profile [{ProfileName}] for access key {credentials.AccessKeyId}" +
                (config == null ? string.Empty : $" with region {credentials.Region}"))) return;
            var written = SharedCredentialsProfileWriter.Write(ProfileName, credentials, path, config, Cancellation);
            WriteVerbose($"Wrote profile [{ProfileName}] to {written.CredentialsPath}" +
                (written.ConfigPath == null ? string.Empty : $" and its region to {written.ConfigPath}") + "; other profiles are unchanged.");
            if (PassThru) WriteObject(credentials);
        }

        private void SetWebIdentity()
        {
            var request = new WebIdentityRequest
            {
                RoleArn = RoleArn,
                // Given but empty is TokenMissing, never a silent switch to the job's token (TokenSource).
                Token = MyInvocation.BoundParameters.ContainsKey(nameof(WebIdentityToken)) ? WebIdentityToken ?? string.Empty : null,
                SessionName = RoleSessionName,
                Region = Region,
                TokenDirectory = string.IsNullOrWhiteSpace(TokenDirectory) ? null : FileSystemPath.Resolve(SessionState, TokenDirectory, nameof(TokenDirectory)),
            };

            WebIdentityPlan plan;
            _webIdentityTokenGiven = request.Token != null;
            try
            {
                plan = WebIdentityPlanner.Plan(request, null, DateTime.UtcNow);
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
                return;
            }
            finally
            {
                _webIdentityTokenGiven = null;
            }

            if (plan.SessionNameChanged) WriteVerbose($"Session name changed to '{plan.SessionName}' to meet STS's rules (2-64 of letters, digits and +=,.@_-).");
            if (!ShouldProcess("process environment", $"Write the token file {plan.TokenFilePath} and set AWS_ROLE_ARN={plan.RoleArn.Value}, AWS_ROLE_SESSION_NAME={plan.SessionName}")) return;
            WebIdentityTokenFile.Write(plan.Token.RawToken, plan.TokenFilePath, Cancellation);
            Apply(plan.Variables, plan.VariablesToClear);
            WriteVerbose($"Token written to {plan.TokenFilePath} (owner-only); AWS SDKs and the CLI now assume {plan.RoleArn.Value} themselves. " +
                "Remove it at the end of the job with Clear-AwsEnv -WebIdentity.");
            if (PassThru && !string.IsNullOrEmpty(AccessKeyId)) WriteObject(BoundCredentials());
        }

        private static void Apply(IEnumerable<KeyValuePair<string, string>> toSet, IEnumerable<string> toClear)
        {
            foreach (string name in toClear) Environment.SetEnvironmentVariable(name, null);
            foreach (var pair in toSet) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
