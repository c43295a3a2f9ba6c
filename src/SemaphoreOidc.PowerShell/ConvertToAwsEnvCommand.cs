using System.Management.Automation;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes credentials as text another shell or tool evaluates: Bash, PowerShell, Dotenv, Json, or credential_process JSON.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "AwsEnv")]
    [OutputType(typeof(string))]
    public sealed class ConvertToAwsEnvCommand : CredentialInputCmdlet
    {
        /// <summary>The target: Bash (default), PowerShell, Dotenv, Json or CredentialProcess.</summary>
        [Parameter(Position = 0)]
        public CredentialTextFormat Format { get; set; } = CredentialTextFormat.Bash;

        protected override void ProcessRecord()
        {
            try
            {
                WriteObject(CredentialTextFormatter.Format(BoundCredentials(), Format));
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
