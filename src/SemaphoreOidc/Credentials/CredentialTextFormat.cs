namespace SemaphoreOidc.Credentials
{
    /// <summary>The shells and file formats <see cref="CredentialTextFormatter"/> writes for.</summary>
    public enum CredentialTextFormat
    {
        /// <summary><c>export NAME='value'</c> lines for <c>eval</c> in bash, zsh or sh.</summary>
        Bash,

        /// <summary><c>$env:NAME = 'value'</c> lines for <c>Invoke-Expression</c> in PowerShell.</summary>
        PowerShell,

        /// <summary><c>NAME="value"</c> lines for docker compose <c>env_file</c> and python-dotenv.</summary>
        Dotenv,

        /// <summary>A JSON object keyed by environment variable name.</summary>
        Json,

        /// <summary>The JSON an AWS <c>credential_process</c> prints (Version 1).</summary>
        CredentialProcess,
    }
}
