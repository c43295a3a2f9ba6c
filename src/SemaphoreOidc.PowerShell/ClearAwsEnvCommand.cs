using System;
using System.Management.Automation;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// Removes what Set-AwsEnv -WebIdentity set up: this job's token file and the variables that point to it, nothing else
    /// (docs/credentials.md, "Clean-up").
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "AwsEnv", SupportsShouldProcess = true)]
    public sealed class ClearAwsEnvCommand : SemaphoreOidcCmdlet
    {
        /// <summary>Remove the web-identity set-up: the token file Set-AwsEnv -WebIdentity wrote for this job, and AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME when they point to it.</summary>
        [Parameter(Mandatory = true)]
        public SwitchParameter WebIdentity { get; set; }

        /// <summary>The folder given to Set-AwsEnv -TokenDirectory, if any (default: ~/.aws/semaphore-oidc); relative paths start at the current location.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TokenDirectory { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                string directory = TokenDirectory == null ? null : FileSystemPath.Resolve(SessionState, TokenDirectory, nameof(TokenDirectory));
                var plan = WebIdentityCleanup.Plan(directory);
                if (plan.ForeignTokenFile != null)
                {
                    WriteWarning($"AWS_WEB_IDENTITY_TOKEN_FILE points to {plan.ForeignTokenFile}, which Set-AwsEnv -WebIdentity did not write" +
                        (TokenDirectory == null ? " in the default folder (pass -TokenDirectory if it used another)" : $" in {directory}") +
                        ": it and its variables are left as they are.");
                }
                if (plan.TokenFiles.Count == 0 && plan.Variables.Count == 0)
                {
                    WriteVerbose("No web-identity set-up of this module to remove.");
                    return;
                }

                string what = string.Join(", ", plan.TokenFiles) + (plan.Variables.Count == 0 ? string.Empty : (plan.TokenFiles.Count == 0 ? "" : "; ") + string.Join(", ", plan.Variables));
                if (!ShouldProcess(what, "Remove the web-identity token file and variables")) return;
                foreach (string file in WebIdentityCleanup.RemoveFiles(plan, Cancellation)) WriteVerbose($"Removed {file}.");
                foreach (string name in plan.Variables) Environment.SetEnvironmentVariable(name, null);
                if (plan.Variables.Count > 0) WriteVerbose($"Removed {string.Join(", ", plan.Variables)}.");
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
