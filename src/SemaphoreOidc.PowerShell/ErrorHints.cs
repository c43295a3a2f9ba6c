using System;
using System.Collections.Generic;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// One command's PowerShell words for engine errors, by error id. The engine names inputs in words ("pass the token
    /// explicitly"); the command that took those inputs as parameters says which ("Pass it with -Token."). A hint becomes
    /// the end of the ErrorRecord's message and its ErrorDetails.RecommendedAction (<see cref="SemaphoreOidcCmdlet"/>).
    /// </summary>
    public sealed class ErrorHints
    {
        private readonly Dictionary<string, Func<SemaphoreOidcException, string>> _byId =
            new Dictionary<string, Func<SemaphoreOidcException, string>>(StringComparer.Ordinal);

        /// <summary>The hint for every error with this id; a later hint for the same id replaces an earlier one (a derived command's own).</summary>
        public void Add(string errorId, string hint) => Add(errorId, _ => hint);

        /// <summary>A hint that depends on the error or on how the command was called; null means none for this error.</summary>
        public void Add(string errorId, Func<SemaphoreOidcException, string> hint)
        {
            if (string.IsNullOrEmpty(errorId)) throw new ArgumentNullException(nameof(errorId));
            _byId[errorId] = hint ?? throw new ArgumentNullException(nameof(hint));
        }

        /// <summary>
        /// TokenMissing for a command whose <paramref name="parameter"/> takes the token and otherwise reads the job's
        /// SEMAPHORE_OIDC_TOKEN; <paramref name="given"/> says whether the parameter was given (empty) at all.
        /// </summary>
        public void AddTokenParameter(string parameter, Func<bool> given) =>
            Add(Tokens.TokenErrorIds.TokenMissing, _ => given()
                ? $"-{parameter} was empty: pass the token, or leave -{parameter} out to use SEMAPHORE_OIDC_TOKEN."
                : $"Pass it with -{parameter}.");

        /// <summary>The ids this command has words for.</summary>
        public IEnumerable<string> Ids => _byId.Keys;

        /// <summary>The hint for <paramref name="error"/>, or null.</summary>
        public string For(SemaphoreOidcException error) =>
            error != null && _byId.TryGetValue(error.ErrorId, out var hint) ? hint(error) : null;
    }
}
