using System;
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
        /// <remarks>
        /// A string, not the engine's enum: an enum-typed field would make PowerShell's type scan at import load
        /// the engine before ModuleLoader can isolate it (a value-type field needs its type to lay out the class).
        /// </remarks>
        [Parameter(Position = 0)]
        [ValidateSet("Bash", "PowerShell", "Dotenv", "Json", "CredentialProcess", IgnoreCase = true)]
        public string Format { get; set; } = "Bash";

        protected override void ProcessRecord()
        {
            try
            {
                var format = (CredentialTextFormat)Enum.Parse(typeof(CredentialTextFormat), Format, ignoreCase: true);
                WriteObject(CredentialTextFormatter.Format(BoundCredentials(), format));
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
