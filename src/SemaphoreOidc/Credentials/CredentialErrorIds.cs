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
    }
}
