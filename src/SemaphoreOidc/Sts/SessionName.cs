using System;
using System.Text;

namespace SemaphoreOidc.Sts
{
    /// <summary>STS role session names: 2-64 characters of <c>[\w+=,.@-]</c>. Names are made valid, never refused.</summary>
    public static class SessionName
    {
        public const int MinLength = 2;
        public const int MaxLength = 64;

        /// <summary>
        /// The name the Semaphore page recommends, <c>semaphore-job-$SEMAPHORE_JOB_ID</c>, so CloudTrail shows
        /// which job acted; falls back to the token's job id, then to a fixed name.
        /// </summary>
        public static string Default(string jobIdFromEnvironment, string jobIdFromToken)
        {
            string job = !string.IsNullOrWhiteSpace(jobIdFromEnvironment) ? jobIdFromEnvironment : jobIdFromToken;
            return Sanitize(string.IsNullOrWhiteSpace(job) ? "semaphore-job" : "semaphore-job-" + job.Trim());
        }

        public static string Sanitize(string name)
        {
            var builder = new StringBuilder(Math.Min(name?.Length ?? 0, MaxLength));
            foreach (char c in name ?? string.Empty)
            {
                if (builder.Length == MaxLength) break;
                builder.Append(IsAllowed(c) ? c : '-');
            }

            while (builder.Length < MinLength) builder.Append('-');
            return builder.ToString();
        }

        // STS's \w is ASCII: letters, digits and underscore.
        private static bool IsAllowed(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
    }
}
