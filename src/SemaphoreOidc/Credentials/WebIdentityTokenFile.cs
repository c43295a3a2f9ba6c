using System;
using System.IO;
using System.Text;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// The file <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> points to. The SDKs re-read it every time they renew
    /// credentials, so it must stay in place for the job's lifetime; it holds a bearer token, so only its
    /// owner may read it.
    /// </summary>
    public static class WebIdentityTokenFile
    {
        /// <summary>
        /// Writes <paramref name="token"/> (owner-only, atomically) and returns its absolute path.
        /// Default directory: <c>~/.aws/semaphore-oidc</c>. It is per-user by construction, created 0700, and
        /// beside the AWS state the user already protects; a shared temp directory would need a
        /// predictable name in a world-writable place, which another local user could pre-create.
        /// Default file name: <c>token-&lt;SEMAPHORE_JOB_ID&gt;</c> (or <c>token</c> outside a job), so jobs of
        /// several agents on one host never overwrite each other's token and a rerun in one job replaces its own.
        /// </summary>
        public static string Write(string token, string directory = null, string fileName = null)
        {
            // A file the SDK cannot use would fail later and far from here; check the shape now.
            TokenReader.Read(token);

            directory = Path.GetFullPath(string.IsNullOrEmpty(directory) ? DefaultDirectory() : directory);
            string path = Path.Combine(directory, string.IsNullOrEmpty(fileName) ? DefaultFileName() : fileName);
            try
            {
                OwnerOnlyFile.EnsureDirectory(directory);
                OwnerOnlyFile.WriteAllBytes(path, Encoding.ASCII.GetBytes(token.Trim()));
                return path;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.TokenFileWriteFailed, ErrorKind.WriteError,
                    $"Could not write the web identity token file {path}: {ex.GetType().Name}. Choose a writable directory.",
                    path, ex);
            }
        }

        public static string DefaultDirectory() => Path.Combine(SharedCredentialsProfileWriter.Home(), ".aws", "semaphore-oidc");

        private static string DefaultFileName()
        {
            string job = Environment.GetEnvironmentVariable("SEMAPHORE_JOB_ID");
            if (string.IsNullOrEmpty(job)) return "token";
            var safe = new StringBuilder("token-");
            foreach (char c in job) safe.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
            return safe.ToString();
        }
    }
}
