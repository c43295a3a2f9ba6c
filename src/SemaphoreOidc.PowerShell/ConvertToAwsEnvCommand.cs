using System;
using System.Management.Automation;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Commands
{
    /// <summary>ConvertTo-AwsEnv. Its help (synopsis, description, examples) has one source: module/help/ConvertTo-AwsEnv.psd1.</summary>
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

        /// <summary>Write the text to this file instead of the pipeline: owner-only (0600) from its first moment and replaced in one step. Relative paths start at the current location; the folder must exist.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(CredentialErrorIds.DotenvValueUnsafe, "Use -Format Bash or -Format Json.");
        }

        protected override void ProcessRecord()
        {
            try
            {
                var format = (CredentialTextFormat)Enum.Parse(typeof(CredentialTextFormat), Format, ignoreCase: true);
                // The path is checked before the text is made, and the text (every value checked) before the file is touched.
                string path = Path == null ? null : FileSystemPath.Resolve(SessionState, Path, nameof(Path));
                string text = CredentialTextFormatter.Format(BoundCredentials(), format);
                if (path == null)
                {
                    WriteObject(text);
                    return;
                }

                CredentialTextFile.Write(path, text);
                WriteVerbose($"Wrote the credentials as {format} to {path} (owner-only).");
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
