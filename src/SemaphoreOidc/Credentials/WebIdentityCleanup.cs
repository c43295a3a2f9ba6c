using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Credentials
{
    /// <summary>What removing a web-identity set-up will do: the module's token files and the variables that point to them.</summary>
    public sealed class WebIdentityCleanupPlan
    {
        internal WebIdentityCleanupPlan(IReadOnlyList<string> tokenFiles, IReadOnlyList<string> variables, string foreignTokenFile)
        {
            TokenFiles = tokenFiles;
            Variables = variables;
            ForeignTokenFile = foreignTokenFile;
        }

        /// <summary>Token files of this module that exist and are removed.</summary>
        public IReadOnlyList<string> TokenFiles { get; }

        /// <summary>AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME when they describe this module's set-up; else empty.</summary>
        public IReadOnlyList<string> Variables { get; }

        /// <summary>AWS_WEB_IDENTITY_TOKEN_FILE when it names a file this module did not write (left alone, with its variables); else null.</summary>
        public string ForeignTokenFile { get; }
    }

    /// <summary>
    /// Finds what Set-AwsEnv -WebIdentity left behind, and nothing else: on a persistent self-hosted agent a token file
    /// would otherwise outlive its job, readable by later jobs of the same user until the token expires
    /// (docs/credentials.md, "Web identity"). Works in the same process as the set-up (from AWS_WEB_IDENTITY_TOKEN_FILE)
    /// and in a later one, such as a job's epilogue (from the job id the file is named after).
    /// </summary>
    public static class WebIdentityCleanup
    {
        private static readonly string[] SetUpVariables =
        {
            EnvironmentVariables.RoleArn, EnvironmentVariables.WebIdentityTokenFile, EnvironmentVariables.RoleSessionName,
        };

        /// <param name="tokenDirectory">The absolute folder the set-up used, or null for the default.</param>
        /// <param name="environment">Reads an environment variable; null for the process environment.</param>
        public static WebIdentityCleanupPlan Plan(string tokenDirectory, Func<string, string> environment = null)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            string directory = Path.GetFullPath(string.IsNullOrWhiteSpace(tokenDirectory) ? WebIdentityTokenFile.DefaultDirectory() : tokenDirectory);
            // A missing folder is nothing to clean (an epilogue may run twice); a file in its place is a wrong path.
            Files.LocalPath.EnsureDirectoryOrMissing(directory, "The token folder");

            var files = new List<string>();
            var variables = new List<string>();
            string foreign = null;

            string current = environment(EnvironmentVariables.WebIdentityTokenFile);
            if (!string.IsNullOrWhiteSpace(current))
            {
                if (WebIdentityTokenFile.IsOwnTokenFile(current, directory))
                {
                    files.Add(Path.GetFullPath(current));
                    variables.AddRange(SetUpVariables);
                }
                else
                {
                    foreign = current;
                }
            }

            string jobId = environment("SEMAPHORE_JOB_ID");
            if (string.IsNullOrWhiteSpace(jobId)) jobId = JobIdOfToken(environment(TokenReader.EnvironmentVariable));
            if (!string.IsNullOrWhiteSpace(jobId)) files.Add(Path.Combine(directory, WebIdentityTokenFile.FileNameFor(jobId)));

            var existing = files.Distinct(StringComparer.Ordinal).Where(f => Files.LocalPath.KindOf(f) == Files.FileKind.Regular).ToList();
            return new WebIdentityCleanupPlan(existing, variables, foreign);
        }

        /// <summary>Removes the plan's token files; returns those that were removed. Variables are the caller's to remove.</summary>
        public static IReadOnlyList<string> RemoveFiles(WebIdentityCleanupPlan plan, System.Threading.CancellationToken cancellation = default)
        {
            var removed = new List<string>();
            foreach (string file in plan.TokenFiles)
            {
                if (WebIdentityTokenFile.Delete(file, cancellation)) removed.Add(file);
            }
            return removed;
        }

        private static string JobIdOfToken(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) return null;
            try
            {
                return TokenReader.Read(token).JobId;
            }
            catch (Errors.SemaphoreOidcException)
            {
                return null;
            }
        }
    }
}
