using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// Stable error ids of the STS exchange (scripts and Pester tests match on them; docs/aws-calls.md). STS's own
    /// error codes become the AssumeRole* ids below, never an id built from the code.
    /// </summary>
    public static class StsErrorIds
    {
        [ErrorId("STS refused the role: its trust policy does not admit this token (AWS code AccessDenied).",
            "Compare the token's iss, aud and sub in the message with the role's trust policy, and admit the job with a matching condition.", ErrorKind.PermissionDenied)]
        public const string AssumeRoleAccessDenied = nameof(AssumeRoleAccessDenied);

        [ErrorId("STS rejected the token: the account has no IAM OIDC provider for its issuer and audience, or the provider is seconds old (InvalidIdentityToken).",
            "Register the issuer as an IAM OIDC provider whose audiences include the token's aud, then try again.", ErrorKind.AuthenticationError)]
        public const string AssumeRoleInvalidIdentityToken = nameof(AssumeRoleInvalidIdentityToken);

        [ErrorId("STS says the OIDC token has expired (ExpiredTokenException).",
            "Check this machine's clock, or re-run the job for a fresh token.", ErrorKind.AuthenticationError)]
        public const string AssumeRoleTokenExpired = nameof(AssumeRoleTokenExpired);

        [ErrorId("STS rejected a claim of the token (IDPRejectedClaim).",
            "Read AWS's reason in the message; the token's claims must satisfy the provider and role.", ErrorKind.PermissionDenied)]
        public const string AssumeRoleClaimRejected = nameof(AssumeRoleClaimRejected);

        [ErrorId("STS could not fetch the issuer's signing keys, on every attempt (IDPCommunicationError).",
            "Check that the issuer serves its discovery document and keys over the internet, then try again.", ErrorKind.ConnectionError)]
        public const string AssumeRoleIdpUnreachable = nameof(AssumeRoleIdpUnreachable);

        [ErrorId("STS rejected the session policy (MalformedPolicyDocument).",
            "Fix the inline session policy or the managed policy ARNs given for the session.", ErrorKind.InvalidArgument)]
        public const string AssumeRoleSessionPolicyMalformed = nameof(AssumeRoleSessionPolicyMalformed);

        [ErrorId("The session policies and session tags are too large once STS packs them (PackedPolicyTooLarge).",
            "Shorten the inline session policy or use fewer managed policy ARNs.", ErrorKind.LimitsExceeded)]
        public const string AssumeRoleSessionPolicyTooLarge = nameof(AssumeRoleSessionPolicyTooLarge);

        [ErrorId("STS is not activated in the region for this account (RegionDisabledException).",
            "Use another region, or activate STS there in the IAM account settings.", ErrorKind.PermissionDenied)]
        public const string AssumeRoleRegionDisabled = nameof(AssumeRoleRegionDisabled);

        [ErrorId("STS rejected the request's parameters (ValidationError), for instance a duration over the role's MaxSessionDuration.",
            "Read AWS's reason in the message and correct that input.", ErrorKind.InvalidArgument)]
        public const string AssumeRoleRequestInvalid = nameof(AssumeRoleRequestInvalid);

        [ErrorId("STS did not answer within the time allowed for an attempt, on every attempt.",
            "Check the network path to STS, or allow more time per attempt.", ErrorKind.OperationTimeout)]
        public const string AssumeRoleTimeout = nameof(AssumeRoleTimeout);

        [ErrorId("STS kept failing or throttling on every attempt (5xx, Throttling and the like).",
            "Try again later, or allow more attempts.", ErrorKind.ResourceUnavailable)]
        public const string AssumeRoleServiceUnavailable = nameof(AssumeRoleServiceUnavailable);

        [ErrorId("STS answered with an error code that no more specific id describes.",
            "Read AWS's code, message and request id in the message.", ErrorKind.NotSpecified)]
        public const string AssumeRoleFailed = nameof(AssumeRoleFailed);

        [ErrorId("The TLS connection to STS failed: its certificate is not trusted here.",
            "If a proxy inspects TLS, point AWS_CA_BUNDLE at its CA certificate.", ErrorKind.SecurityError)]
        public const string StsTlsFailed = nameof(StsTlsFailed);

        [ErrorId("STS could not be reached: the connection was refused, reset or dropped, or the name did not resolve.",
            "Check the network, HTTPS_PROXY, NO_PROXY and the endpoint URL.", ErrorKind.ConnectionError)]
        public const string StsUnreachable = nameof(StsUnreachable);

        [ErrorId("Something answered that is not a well-formed STS answer (a portal page, a proxy's page, a redirect, half an answer); nothing was taken from it.",
            "Check the network, HTTPS_PROXY, NO_PROXY and the endpoint URL.", ErrorKind.ProtocolError)]
        public const string StsUnexpectedResponse = nameof(StsUnexpectedResponse);
    }
}
