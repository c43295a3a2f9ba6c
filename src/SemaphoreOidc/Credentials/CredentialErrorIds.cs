using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Credentials
{
    /// <summary>Stable error ids for credential outputs (scripts and Pester tests match on them; docs/credentials.md).</summary>
    public static class CredentialErrorIds
    {
        [ErrorId("The credentials lack an access key id or a secret access key.",
            "Pass the object Invoke-SemaphoreAssumeRole returns, or one with the same properties.", ErrorKind.InvalidArgument)]
        public const string CredentialsIncomplete = nameof(CredentialsIncomplete);

        [ErrorId("The profile name is empty, has surrounding spaces, or holds '[', ']' or a line break, which a shared-file section header cannot hold.",
            "Use a plain name such as semaphore or deploy.", ErrorKind.InvalidArgument)]
        public const string ProfileNameInvalid = nameof(ProfileNameInvalid);

        [ErrorId("The shared credentials or config file is not an AWS INI file, so it was not touched.",
            "Fix or move the file named in the message.", ErrorKind.InvalidData)]
        public const string CredentialsFileInvalid = nameof(CredentialsFileInvalid);

        [ErrorId("The shared credentials or config file could not be written; nothing was changed.",
            "Make its folder writable by you, or choose other files with AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE.", ErrorKind.WriteError)]
        public const string CredentialsFileWriteFailed = nameof(CredentialsFileWriteFailed);

        [ErrorId("The web-identity token file could not be written or removed.",
            "Choose a folder writable by you for the token file.", ErrorKind.WriteError)]
        public const string TokenFileWriteFailed = nameof(TokenFileWriteFailed);

        [ErrorId("The folder for the web-identity token file is not an absolute path.",
            "Give an absolute folder: the SDKs open the file from wherever they run.", ErrorKind.InvalidArgument)]
        public const string TokenFilePathInvalid = nameof(TokenFilePathInvalid);

        [ErrorId("A credential value holds a line break or control character that a credentials or config file line cannot hold.",
            "Pass the values Invoke-SemaphoreAssumeRole returns; no file was changed.", ErrorKind.InvalidArgument)]
        public const string CredentialValueInvalid = nameof(CredentialValueInvalid);

        [ErrorId("A value that bash, docker compose and python-dotenv would not all read back the same from a .env file.",
            "Use the Bash or JSON format for such values.", ErrorKind.InvalidData)]
        public const string DotenvValueUnsafe = nameof(DotenvValueUnsafe);

        [ErrorId("A web-identity set-up was asked for without the role to assume.",
            "Give the role's ARN, or pipe Invoke-SemaphoreAssumeRole's output in.", ErrorKind.InvalidArgument)]
        public const string RoleArnMissing = nameof(RoleArnMissing);

        [ErrorId("The credentials text could not be written to its file, or the file's folder does not exist.",
            "Create the folder first, or choose a path writable by you; nothing was written.", ErrorKind.WriteError, ErrorKind.ObjectNotFound)]
        public const string OutputFileWriteFailed = nameof(OutputFileWriteFailed);
    }
}
