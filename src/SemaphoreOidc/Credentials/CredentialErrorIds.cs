namespace SemaphoreOidc.Credentials
{
    /// <summary>Stable error ids for credential outputs (scripts and Pester tests match on them).</summary>
    public static class CredentialErrorIds
    {
        public const string CredentialsIncomplete = nameof(CredentialsIncomplete);
        public const string ProfileNameInvalid = nameof(ProfileNameInvalid);
        public const string CredentialsFileInvalid = nameof(CredentialsFileInvalid);
        public const string CredentialsFileWriteFailed = nameof(CredentialsFileWriteFailed);
        public const string TokenFileWriteFailed = nameof(TokenFileWriteFailed);
        public const string RoleArnInvalid = nameof(RoleArnInvalid);
        public const string TokenFilePathInvalid = nameof(TokenFilePathInvalid);

        /// <summary>A credential value that a credentials or config file line cannot hold (a line break, a control character).</summary>
        public const string CredentialValueInvalid = nameof(CredentialValueInvalid);

        /// <summary>A value that bash, docker compose and python-dotenv would not all read back the same from a .env file.</summary>
        public const string DotenvValueUnsafe = nameof(DotenvValueUnsafe);

        /// <summary>A web-identity set-up without the role to assume.</summary>
        public const string RoleArnMissing = nameof(RoleArnMissing);

        /// <summary>ConvertTo-AwsEnv -Path could not write its file.</summary>
        public const string OutputFileWriteFailed = nameof(OutputFileWriteFailed);
    }
}
