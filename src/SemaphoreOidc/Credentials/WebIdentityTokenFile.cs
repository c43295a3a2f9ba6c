using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// The file <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> points to. The SDKs re-read it every time they renew
    /// credentials, so it must stay in place for the job's lifetime; it holds a bearer token, so only its
    /// owner may read it, each job has its own, and the job removes it at the end (docs/credentials.md, "Web identity").
    /// </summary>
    public static class WebIdentityTokenFile
    {
        /// <summary>Every token file the module writes is named <c>token-&lt;job id or random&gt;</c>.</summary>
        public const string FilePrefix = "token-";

        private const int MaxJobIdLength = 64;

        /// <summary>
        /// Default directory: <c>~/.aws/semaphore-oidc</c>. It is per-user by construction, created 0700, and
        /// beside the AWS state the user already protects; a shared temp directory would need a
        /// predictable name in a world-writable place, which another local user could pre-create.
        /// </summary>
        public static string DefaultDirectory() => Path.Combine(SharedCredentialsProfileWriter.Home(), ".aws", "semaphore-oidc");

        /// <summary>
        /// <c>token-&lt;job id&gt;</c>, so jobs of several agents on one host never read or overwrite each other's token
        /// and a rerun in one job replaces its own; without a job id, a random name that no other run can guess.
        /// </summary>
        public static string FileNameFor(string jobId)
        {
            var safe = new StringBuilder(FilePrefix);
            foreach (char c in (jobId ?? string.Empty).Trim())
            {
                if (safe.Length - FilePrefix.Length == MaxJobIdLength) break;
                safe.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '_');
            }
            if (safe.Length > FilePrefix.Length) return safe.ToString();

            var random = new byte[12];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(random);
            foreach (byte b in random) safe.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return safe.ToString();
        }

        /// <summary>
        /// Writes <paramref name="token"/> to <paramref name="path"/> (owner-only, atomically, the directory created 0700
        /// when missing), holding the directory's lock so a concurrent clean-up of the same file cannot interleave.
        /// </summary>
        public static void Write(string token, string path, CancellationToken cancellation = default, TimeSpan? lockTimeout = null)
        {
            // A file the SDK cannot use would fail later and far from here; check the shape now.
            TokenReader.Read(token);
            string directory = Path.GetDirectoryName(path);
            LocalPath.EnsureDirectoryOrMissing(directory, "The token folder");
            LocalPath.EnsureRegularFileOrMissing(path, "The token file");
            try
            {
                OwnerOnlyFile.EnsureDirectory(directory);
                using (FileLock.Acquire(LockPath(directory), lockTimeout ?? FileLock.DefaultTimeout, cancellation))
                {
                    OwnerOnlyFile.WriteAllBytes(path, Encoding.ASCII.GetBytes(token.Trim()));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.TokenFileWriteFailed, ErrorKind.WriteError,
                    $"Could not write the web identity token file {path}: {ex.GetType().Name}. Choose a writable folder.",
                    path, ex);
            }
        }

        /// <summary>Deletes the token file at <paramref name="path"/> under its directory's lock; false when it was not there.</summary>
        public static bool Delete(string path, CancellationToken cancellation = default, TimeSpan? lockTimeout = null)
        {
            string directory = Path.GetDirectoryName(path);
            if (LocalPath.KindOf(path) != FileKind.Regular) return false;
            try
            {
                using (FileLock.Acquire(LockPath(directory), lockTimeout ?? FileLock.DefaultTimeout, cancellation))
                {
                    if (!File.Exists(path)) return false;
                    File.Delete(path);
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.TokenFileWriteFailed, ErrorKind.WriteError,
                    $"Could not remove the web identity token file {path}: {ex.GetType().Name}.", path, ex);
            }
        }

        /// <summary>True for a path this module would have written in <paramref name="directory"/>.</summary>
        public static bool IsOwnTokenFile(string path, string directory)
        {
            if (string.IsNullOrEmpty(path) || string.IsNullOrEmpty(directory) || !Path.IsPathRooted(path)) return false;
            string parent = Path.GetDirectoryName(Path.GetFullPath(path));
            var comparison = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
                ? StringComparison.OrdinalIgnoreCase
                : StringComparison.Ordinal;
            return string.Equals(Trim(parent), Trim(Path.GetFullPath(directory)), comparison) &&
                   Path.GetFileName(path).StartsWith(FilePrefix, StringComparison.Ordinal);
        }

        private static string Trim(string directory) => directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

        private static string LockPath(string directory) => Path.Combine(directory, ".lock");
    }
}
