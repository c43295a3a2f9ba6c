namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The stable error ids the token code reports (<see cref="Errors.SemaphoreOidcException.ErrorId"/>).
    /// Scripts and Pester tests match on these strings, so they never change once released.
    /// </summary>
    public static class TokenErrorIds
    {
        public const string TokenMissing = nameof(TokenMissing);
        public const string TokenMalformed = nameof(TokenMalformed);
        public const string TokenExpired = nameof(TokenExpired);
        public const string TokenNotYetValid = nameof(TokenNotYetValid);
        public const string TokenAlgorithmNotAllowed = nameof(TokenAlgorithmNotAllowed);
        public const string TokenIssuerNotHttps = nameof(TokenIssuerNotHttps);
        public const string TokenIssuerMismatch = nameof(TokenIssuerMismatch);
        public const string TokenAudienceMismatch = nameof(TokenAudienceMismatch);
        public const string TokenSignatureInvalid = nameof(TokenSignatureInvalid);
        public const string TokenKeyNotFound = nameof(TokenKeyNotFound);
        public const string IssuerDiscoveryFailed = nameof(IssuerDiscoveryFailed);

        /// <summary>The token failed a check that none of the more specific ids describe.</summary>
        public const string TokenValidationFailed = nameof(TokenValidationFailed);
    }
}
