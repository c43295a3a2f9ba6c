using System;
using System.IO;
using Amazon.Runtime.CredentialManagement;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// Writes credentials as a named profile of the shared credentials file (<c>~/.aws/credentials</c>),
    /// which every AWS SDK and the CLI read for <c>--profile</c>/<c>AWS_PROFILE</c>.
    /// </summary>
    public static class SharedCredentialsProfileWriter
    {
        public const string FileVariable = "AWS_SHARED_CREDENTIALS_FILE";

        /// <summary>
        /// Replaces (or adds) <paramref name="profileName"/> with exactly <c>aws_access_key_id</c>,
        /// <c>aws_secret_access_key</c> and <c>aws_session_token</c>, and returns the file's full path.
        /// Every other profile and every comment outside that profile is kept as it was. The replaced profile
        /// is removed whole (its old keys and comments; a leftover <c>role_arn</c> or <c>source_profile</c> would
        /// otherwise win over the new keys in the CLI) and written again at the end of the file.
        /// Region is left to the config file, as <c>aws configure</c> does.
        /// </summary>
        public static string Write(string profileName, AwsCredentialSet credentials, string path = null)
        {
            ValidateProfileName(profileName);
            EnvironmentVariables.EnsureComplete(credentials);
            path = ResolvePath(path);

            string temp = null;
            try
            {
                OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(path));
                string target = OwnerOnlyFile.ResolveFinalPath(path);
                temp = OwnerOnlyFile.CreateTempBeside(target);
                if (File.Exists(target)) File.Copy(target, temp, overwrite: true);
                OwnerOnlyFile.SetMode(temp, OwnerOnlyFile.FileMode);

                // AWSSDK.Core edits the file in place (keeping comments and other sections), so it edits the
                // private copy, which then replaces the real file in one rename.
                var file = new SharedCredentialsFile(temp);
                var options = new CredentialProfileOptions
                {
                    AccessKey = credentials.AccessKeyId,
                    SecretKey = credentials.SecretAccessKey,
                    Token = string.IsNullOrEmpty(credentials.SessionToken) ? null : credentials.SessionToken,
                };
                file.UnregisterProfile(profileName);
                file.RegisterProfile(new CredentialProfile(profileName, options));

                OwnerOnlyFile.Replace(temp, target);
                return path;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.CredentialsFileWriteFailed, ErrorKind.WriteError,
                    $"Could not write profile '{profileName}' to {path}: {ex.GetType().Name}. Check that the directory exists and is writable by you, " +
                    $"or choose another file with {FileVariable}.",
                    path, ex);
            }
            catch (Exception ex) when (!(ex is SemaphoreOidcException) && !(ex is ArgumentNullException))
            {
                // The SDK's parse errors can quote a line of the file, and lines hold secrets: not passed on.
                throw new SemaphoreOidcException(CredentialErrorIds.CredentialsFileInvalid, ErrorKind.InvalidData,
                    $"{path} could not be read as an AWS shared credentials file (INI sections of key = value lines). " +
                    "Fix or move the file; it was not changed.",
                    path);
            }
            finally
            {
                if (temp != null) OwnerOnlyFile.TryDelete(temp);
            }
        }

        /// <summary>
        /// The file the AWS CLI would use: <c>AWS_SHARED_CREDENTIALS_FILE</c> (with <c>~</c> expanded, as the CLI
        /// does) or <c>~/.aws/credentials</c>.
        /// </summary>
        public static string ResolvePath(string path = null)
        {
            if (string.IsNullOrEmpty(path)) path = Environment.GetEnvironmentVariable(FileVariable);
            if (string.IsNullOrEmpty(path)) path = Path.Combine(Home(), ".aws", "credentials");
            if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            {
                path = Path.Combine(Home(), path.Substring(Math.Min(2, path.Length)));
            }
            return Path.GetFullPath(path);
        }

        /// <summary>
        /// A profile name becomes an INI section header, so it cannot contain brackets or line breaks, and
        /// surrounding spaces would be trimmed by readers (the name would not round-trip).
        /// </summary>
        public static void ValidateProfileName(string profileName)
        {
            if (string.IsNullOrWhiteSpace(profileName) || profileName.Trim() != profileName ||
                profileName.IndexOfAny(new[] { '[', ']', '\r', '\n' }) >= 0)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.ProfileNameInvalid, ErrorKind.InvalidArgument,
                    $"'{profileName}' cannot be a profile name: use a non-empty name without '[', ']', line breaks or surrounding spaces, e.g. 'semaphore'.",
                    profileName);
            }
        }

        internal static string Home() =>
            Environment.GetEnvironmentVariable("HOME") is string home && home.Length > 0
                ? home
                : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
