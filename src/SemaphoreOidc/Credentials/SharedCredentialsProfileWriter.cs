using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;

namespace SemaphoreOidc.Credentials
{
    /// <summary>Where <see cref="SharedCredentialsProfileWriter.Write"/> wrote a profile.</summary>
    public sealed class ProfileWriteResult
    {
        internal ProfileWriteResult(string credentialsPath, string configPath)
        {
            CredentialsPath = credentialsPath;
            ConfigPath = configPath;
        }

        public string CredentialsPath { get; }

        /// <summary>The config file that got the profile's region; null when the credentials carry no region.</summary>
        public string ConfigPath { get; }
    }

    /// <summary>
    /// Writes credentials as a named profile, the way <c>aws configure</c> does: keys in the shared credentials file
    /// (<c>~/.aws/credentials</c>), region in the config file (<c>~/.aws/config</c>), which every AWS SDK and the CLI
    /// read for <c>--profile</c>/<c>AWS_PROFILE</c>. Concurrent writers (parallel jobs on one agent) never lose each
    /// other's profiles: see <see cref="SharedFileUpdate"/> and docs/credentials.md, "Shared files".
    /// </summary>
    public static class SharedCredentialsProfileWriter
    {
        public const string FileVariable = "AWS_SHARED_CREDENTIALS_FILE";
        public const string ConfigFileVariable = "AWS_CONFIG_FILE";

        /// <summary>
        /// Replaces (or adds) <paramref name="profileName"/> in the credentials file with exactly <c>aws_access_key_id</c>,
        /// <c>aws_secret_access_key</c> and <c>aws_session_token</c>. The replaced profile is removed whole (its old keys
        /// and comments; a leftover <c>role_arn</c> or <c>source_profile</c> would otherwise win over the new keys in the
        /// CLI) and written again at the end of the file. When the credentials carry a region, it becomes the
        /// profile's <c>region</c> in the config file (<c>[profile name]</c>, or <c>[default]</c>), every other setting
        /// of that section kept. Every other profile, section and comment of both files is kept byte for byte.
        /// Nothing is written when any check fails.
        /// </summary>
        public static ProfileWriteResult Write(string profileName, AwsCredentialSet credentials, string credentialsPath = null,
            string configPath = null, CancellationToken cancellation = default, TimeSpan? lockTimeout = null)
        {
            ValidateProfileName(profileName);
            EnvironmentVariables.EnsureComplete(credentials);
            var entries = new List<KeyValuePair<string, string>>
            {
                Entry("aws_access_key_id", nameof(AwsCredentialSet.AccessKeyId), credentials.AccessKeyId),
                Entry("aws_secret_access_key", nameof(AwsCredentialSet.SecretAccessKey), credentials.SecretAccessKey),
            };
            if (!string.IsNullOrEmpty(credentials.SessionToken)) entries.Add(Entry("aws_session_token", nameof(AwsCredentialSet.SessionToken), credentials.SessionToken));
            string region = string.IsNullOrEmpty(credentials.Region) ? null : Entry("region", nameof(AwsCredentialSet.Region), credentials.Region).Value;

            credentialsPath = ResolvePath(credentialsPath);
            configPath = region == null ? null : ResolveConfigPath(configPath);
            var edits = new List<FileEdit>
            {
                new FileEdit(credentialsPath, "The shared credentials file", text => Edit(credentialsPath, text, ini => ini.ReplaceSection(profileName, entries))),
            };
            if (configPath != null)
            {
                edits.Add(new FileEdit(configPath, "The shared config file", text => Edit(configPath, text,
                    ini => ini.SetKey(section => IsConfigSectionOf(section, profileName), ConfigSectionName(profileName), "region", region))));
            }

            try
            {
                SharedFileUpdate.Apply(edits, lockTimeout ?? FileLock.DefaultTimeout, cancellation);
                return new ProfileWriteResult(credentialsPath, configPath);
            }
            catch (InvalidDataException ex)
            {
                // The message names the file and a line number; the SDK's and our parser's messages never quote a line (lines hold secrets).
                bool config = configPath != null && ex.Message.StartsWith(configPath, StringComparison.Ordinal);
                throw new SemaphoreOidcException(CredentialErrorIds.CredentialsFileInvalid, ErrorKind.InvalidData,
                    $"{ex.Message.TrimEnd('.')}. It must be an AWS shared {(config ? "config" : "credentials")} file: INI sections of key = value lines. " +
                    "Fix or move the file; nothing was changed.",
                    config ? configPath : credentialsPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.CredentialsFileWriteFailed, ErrorKind.WriteError,
                    $"Could not write profile '{profileName}' to {credentialsPath}{(configPath == null ? "" : " and " + configPath)}: {ex.GetType().Name}. " +
                    $"Check that the directory is writable by you, or choose other files with {FileVariable} and {ConfigFileVariable}. Nothing was changed.",
                    credentialsPath, ex);
            }
        }

        /// <summary>
        /// The file the AWS CLI would use: <c>AWS_SHARED_CREDENTIALS_FILE</c> (with <c>~</c> expanded, as the CLI
        /// does) or <c>~/.aws/credentials</c>. A relative path is taken from <paramref name="baseDirectory"/> (the
        /// PowerShell location, where a command started from PowerShell runs), else the process's directory.
        /// </summary>
        public static string ResolvePath(string path = null, string baseDirectory = null) =>
            Resolve(path, FileVariable, "credentials", baseDirectory);

        /// <summary>The config file the AWS CLI would use: <c>AWS_CONFIG_FILE</c> or <c>~/.aws/config</c>.</summary>
        public static string ResolveConfigPath(string path = null, string baseDirectory = null) =>
            Resolve(path, ConfigFileVariable, "config", baseDirectory);

        /// <summary>
        /// A profile name becomes an INI section header, so it cannot contain brackets or line breaks, and
        /// surrounding spaces would be trimmed by readers (the name would not round-trip).
        /// </summary>
        public static void ValidateProfileName(string profileName)
        {
            if (string.IsNullOrWhiteSpace(profileName) || profileName.Trim() != profileName ||
                profileName.IndexOfAny(new[] { '[', ']', '\r', '\n' }) >= 0 || HasControl(profileName))
            {
                throw new SemaphoreOidcException(CredentialErrorIds.ProfileNameInvalid, ErrorKind.InvalidArgument,
                    $"'{Printable(profileName)}' cannot be a profile name: use a non-empty name without '[', ']', line breaks or surrounding spaces, e.g. 'semaphore'.",
                    profileName);
            }
        }

        /// <summary>
        /// The config file names profiles <c>[profile NAME]</c>; the default profile is <c>[default]</c>, and botocore
        /// also reads <c>[profile default]</c>.
        /// </summary>
        internal static bool IsConfigSectionOf(string section, string profileName)
        {
            if (section == null) return false;
            if (profileName == "default" && section == "default") return true;
            string[] parts = section.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && parts[0] == "profile" && parts[1].Trim() == profileName;
        }

        internal static string ConfigSectionName(string profileName) => profileName == "default" ? "default" : "profile " + profileName;

        private static string Edit(string path, string text, Action<IniProfileFile> change)
        {
            IniProfileFile ini;
            try
            {
                ini = IniProfileFile.Parse(text);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException(path + ": " + ex.Message);
            }
            change(ini);
            return ini.ToString();
        }

        /// <summary>
        /// A value becomes the rest of a <c>key = value</c> line: a line break would end it early (and could start a
        /// <c>[section]</c> of its own), other control characters and surrounding spaces do not survive readers.
        /// The message names the field and never shows the value, which may be a secret.
        /// </summary>
        private static KeyValuePair<string, string> Entry(string key, string field, string value)
        {
            if (value.Trim() != value || HasControl(value))
            {
                string what = value.IndexOfAny(new[] { '\r', '\n' }) >= 0 ? "a line break" : HasControl(value) ? "a control character" : "leading or trailing spaces";
                throw new SemaphoreOidcException(CredentialErrorIds.CredentialValueInvalid, ErrorKind.InvalidArgument,
                    $"The {field} value holds {what}, which an AWS credentials or config file cannot hold (each value is the rest of one " +
                    "key = value line). Pass the values Invoke-SemaphoreAssumeRole returns; no file was changed.",
                    field);
            }
            return new KeyValuePair<string, string>(key, value);
        }

        private static bool HasControl(string value)
        {
            foreach (char c in value)
            {
                if (char.IsControl(c) || c == '\u2028' || c == '\u2029') return true;
            }
            return false;
        }

        private static string Printable(string value)
        {
            if (value == null) return string.Empty;
            var chars = value.ToCharArray();
            for (int i = 0; i < chars.Length; i++) if (char.IsControl(chars[i])) chars[i] = '?';
            return new string(chars);
        }

        private static string Resolve(string path, string variable, string fileName, string baseDirectory)
        {
            if (string.IsNullOrEmpty(path)) path = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(path)) path = Path.Combine(Home(), ".aws", fileName);
            if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
            {
                path = Path.Combine(Home(), path.Substring(Math.Min(2, path.Length)));
            }
            if (!Path.IsPathRooted(path) && !string.IsNullOrEmpty(baseDirectory)) path = Path.Combine(baseDirectory, path);
            return Path.GetFullPath(path);
        }

        internal static string Home() =>
            Environment.GetEnvironmentVariable("HOME") is string home && home.Length > 0
                ? home
                : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
