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

        /// <summary>Verification was asked for without saying which issuer to trust (no -Organization, -IssuerUrl or SEMAPHORE_ORGANIZATION_URL).</summary>
        public const string TokenIssuerNotPinned = nameof(TokenIssuerNotPinned);

        /// <summary>SEMAPHORE_ORGANIZATION_URL is set but is not an https issuer URL.</summary>
        public const string OrganizationUrlInvalid = nameof(OrganizationUrlInvalid);

        /// <summary>-Organization, -IssuerUrl or -Audience was given without -Verify, so nothing would have been checked.</summary>
        public const string TokenVerifyRequired = nameof(TokenVerifyRequired);

        /// <summary>The issuer answered with an HTTP error, or could not be reached.</summary>
        public const string IssuerDiscoveryFailed = nameof(IssuerDiscoveryFailed);

        /// <summary>An issuer request took longer than the per-request timeout or the whole fetch longer than its deadline.</summary>
        public const string IssuerDiscoveryTimedOut = nameof(IssuerDiscoveryTimedOut);

        /// <summary>An issuer answer was larger than a discovery document or key set can reasonably be.</summary>
        public const string IssuerResponseTooLarge = nameof(IssuerResponseTooLarge);

        /// <summary>The issuer answered with a redirect, which is never followed.</summary>
        public const string IssuerRedirectRefused = nameof(IssuerRedirectRefused);

        /// <summary>The issuer's answer is not JSON, or not the shape of a discovery document or key set.</summary>
        public const string IssuerResponseInvalid = nameof(IssuerResponseInvalid);

        /// <summary>The token failed a check that none of the more specific ids describe.</summary>
        public const string TokenValidationFailed = nameof(TokenValidationFailed);
    }
}
