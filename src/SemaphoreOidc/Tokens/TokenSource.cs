using System;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The one rule every command follows for where the OIDC token comes from. A token given explicitly is used
    /// as given, so an empty one (an unset variable passed by mistake) is TokenMissing rather than a silent switch
    /// to another token; no token given means the job's own <c>SEMAPHORE_OIDC_TOKEN</c>.
    /// </summary>
    public static class TokenSource
    {
        /// <param name="explicitToken">The token the caller gave, or null when the caller gave none.</param>
        /// <param name="environment">Reads an environment variable; null for the process environment.</param>
        public static string Resolve(string explicitToken, Func<string, string> environment = null) =>
            explicitToken ?? (environment ?? Environment.GetEnvironmentVariable)(TokenReader.EnvironmentVariable);
    }
}
