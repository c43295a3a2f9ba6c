using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The stable error ids of reading and verifying the Semaphore OIDC token and of fetching its issuer's documents
    /// (docs/semaphore-token.md). Scripts and Pester tests match on them, so they never change once released.
    /// </summary>
    public static class TokenErrorIds
    {
        [ErrorId("No OIDC token was given and SEMAPHORE_OIDC_TOKEN is not set, or the token given is empty.",
            "Run inside a Semaphore job of an organisation with OIDC tokens enabled, or pass the job's token.", ErrorKind.InvalidArgument)]
        public const string TokenMissing = nameof(TokenMissing);

        [ErrorId("The token is not a signed JWT with a JSON header and payload, lacks a claim Semaphore always sets, or is longer than STS accepts.",
            "Pass the job's SEMAPHORE_OIDC_TOKEN unchanged.", ErrorKind.InvalidData)]
        public const string TokenMalformed = nameof(TokenMalformed);

        [ErrorId("The token's expiry time ('exp') has passed.",
            "Use the token of a running job; check this machine's clock if the job is still running.", ErrorKind.AuthenticationError)]
        public const string TokenExpired = nameof(TokenExpired);

        [ErrorId("The token's not-before time ('nbf') is still in the future.",
            "Check this machine's clock.", ErrorKind.AuthenticationError)]
        public const string TokenNotYetValid = nameof(TokenNotYetValid);

        [ErrorId("The token is signed with an algorithm that cannot be checked against an issuer's public keys (none, HMAC) or that does not fit its key.",
            "Use a token issued by Semaphore, which signs with RS256.", ErrorKind.SecurityError)]
        public const string TokenAlgorithmNotAllowed = nameof(TokenAlgorithmNotAllowed);

        [ErrorId("The token's issuer ('iss') is not an absolute https URL, so its keys cannot be fetched safely.",
            "Use a token issued by Semaphore (https://<org>.semaphoreci.com or a self-hosted https issuer).", ErrorKind.SecurityError)]
        public const string TokenIssuerNotHttps = nameof(TokenIssuerNotHttps);

        [ErrorId("The token's issuer differs from the issuer it is verified against, or the issuer's discovery document names another issuer.",
            "Use a token from a job of the expected organisation, or pin the issuer the token should come from.", ErrorKind.SecurityError)]
        public const string TokenIssuerMismatch = nameof(TokenIssuerMismatch);

        [ErrorId("The token's audience ('aud') is not the one expected.",
            "Expect the audience the organisation configured (the issuer URL unless changed), and add it to the IAM provider's audiences too.", ErrorKind.SecurityError)]
        public const string TokenAudienceMismatch = nameof(TokenAudienceMismatch);

        [ErrorId("The token's signature does not verify with the issuer's published keys.",
            "Use the unmodified token of the current job; a token signed by anyone else is refused.", ErrorKind.SecurityError)]
        public const string TokenSignatureInvalid = nameof(TokenSignatureInvalid);

        [ErrorId("The issuer publishes no key with the token's key id ('kid').",
            "Use a token issued by the pinned issuer; right after a key rotation, try again in a few minutes.", ErrorKind.SecurityError)]
        public const string TokenKeyNotFound = nameof(TokenKeyNotFound);

        [ErrorId("Verification was asked for without an issuer to verify against, and SEMAPHORE_ORGANIZATION_URL is not set.",
            "Name the organisation or the issuer URL, or verify inside a Semaphore job.", ErrorKind.InvalidArgument)]
        public const string TokenIssuerNotPinned = nameof(TokenIssuerNotPinned);

        [ErrorId("SEMAPHORE_ORGANIZATION_URL is set but is not an https issuer URL.",
            "Fix or unset the variable, or name the organisation or the issuer URL explicitly.", ErrorKind.InvalidArgument)]
        public const string OrganizationUrlInvalid = nameof(OrganizationUrlInvalid);

        [ErrorId("An issuer or audience to verify against was given without asking for verification, so nothing would be checked.",
            "Ask for verification, or leave the issuer and audience out to only decode the token.", ErrorKind.InvalidArgument)]
        public const string TokenVerifyRequired = nameof(TokenVerifyRequired);

        [ErrorId("The issuer could not be reached, answered with an HTTP error, or its discovery document names no https key set.",
            "Check the issuer URL and the network path to it (HTTPS_PROXY, NO_PROXY, AWS_CA_BUNDLE), and that OIDC tokens are enabled.",
            ErrorKind.ConnectionError, ErrorKind.ObjectNotFound, ErrorKind.ResourceUnavailable, ErrorKind.SecurityError)]
        public const string IssuerDiscoveryFailed = nameof(IssuerDiscoveryFailed);

        [ErrorId("An issuer request took longer than 10 s, or all of them together longer than 30 s.",
            "Check that the issuer URL is right and reachable from here, then try again.", ErrorKind.OperationTimeout)]
        public const string IssuerDiscoveryTimedOut = nameof(IssuerDiscoveryTimedOut);

        [ErrorId("An issuer answer was larger than 1 MiB, more than a discovery document or key set can reasonably be.",
            "Check that the issuer URL points at a Semaphore issuer.", ErrorKind.LimitsExceeded)]
        public const string IssuerResponseTooLarge = nameof(IssuerResponseTooLarge);

        [ErrorId("The issuer answered with a redirect, which is never followed.",
            "Give the issuer URL exactly as the tokens carry it in 'iss' (the right host, no trailing slash).", ErrorKind.SecurityError)]
        public const string IssuerRedirectRefused = nameof(IssuerRedirectRefused);

        [ErrorId("An issuer answer is not JSON, or not the shape of a discovery document or key set.",
            "Check that the issuer URL points at a Semaphore issuer and that nothing in between (a proxy, a portal) answers instead.", ErrorKind.InvalidData)]
        public const string IssuerResponseInvalid = nameof(IssuerResponseInvalid);

        [ErrorId("The token failed a check that none of the more specific ids describe.",
            "Read the message; use the unmodified token of the current job.", ErrorKind.SecurityError)]
        public const string TokenValidationFailed = nameof(TokenValidationFailed);
    }
}
