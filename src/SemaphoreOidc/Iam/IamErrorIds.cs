using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Iam
{
    /// <summary>
    /// Stable error ids of IAM calls (scripts and Pester tests match on them; docs/aws-calls.md, docs/errors.md). An error
    /// IAM answers with becomes "Iam" + its code (<see cref="ErrorCatalogue.AwsErrorId"/>); the codes the module's IAM
    /// actions can meet are listed here with their category, and any other code gets an id by the same rule.
    /// </summary>
    public static class IamErrorIds
    {
        [ErrorId("IAM did not answer within the time allowed for an attempt, on every attempt.",
            "Check the network path to IAM, or allow more time per attempt.", ErrorKind.OperationTimeout)]
        public const string IamTimeout = nameof(IamTimeout);

        [ErrorId("IAM could not be reached: the connection was refused, reset or dropped, the name did not resolve, or TLS failed.",
            "Check the network, HTTPS_PROXY, NO_PROXY and the endpoint URL; behind a TLS-inspecting proxy set AWS_CA_BUNDLE.", ErrorKind.ConnectionError)]
        public const string IamUnreachable = nameof(IamUnreachable);

        [ErrorId("Something answered that is not a well-formed IAM answer (a portal page, a proxy's page, a redirect, half an answer); nothing was taken from it.",
            "Check the network, HTTPS_PROXY, NO_PROXY and the endpoint URL.", ErrorKind.ProtocolError)]
        public const string IamUnexpectedResponse = nameof(IamUnexpectedResponse);

        [ErrorId("IAM accepted a provider's deletion, yet the provider can still be read back, or reading it back failed.",
            "Check with Get-SemaphoreOidcProvider and the network path to IAM, then try again.", ErrorKind.InvalidData)]
        public const string ProviderDeleteUnconfirmed = nameof(ProviderDeleteUnconfirmed);

        [ErrorId("IAM has no such provider, role or policy (NoSuchEntity).",
            "Check the name or ARN, and the account the credentials belong to.", ErrorKind.ObjectNotFound, AwsCode = "NoSuchEntity")]
        public const string IamNoSuchEntity = nameof(IamNoSuchEntity);

        [ErrorId("IAM already has a provider or role of that name (EntityAlreadyExists).",
            "Use the existing one, or choose another name.", ErrorKind.ResourceExists, AwsCode = "EntityAlreadyExists")]
        public const string IamEntityAlreadyExists = nameof(IamEntityAlreadyExists);

        [ErrorId("An account limit of IAM would be exceeded: providers, audiences, tags, attached policies or the trust-policy size (LimitExceeded).",
            "Remove what is no longer needed, or ask AWS to raise the quota.", ErrorKind.LimitsExceeded, AwsCode = "LimitExceeded")]
        public const string IamLimitExceeded = nameof(IamLimitExceeded);

        [ErrorId("IAM refused a parameter value (InvalidInput).",
            "Read AWS's reason in the message and correct that input.", ErrorKind.InvalidArgument, AwsCode = "InvalidInput")]
        public const string IamInvalidInput = nameof(IamInvalidInput);

        [ErrorId("IAM refused the policy document (MalformedPolicyDocument).",
            "Check the policy with Test-SemaphoreTrustPolicy and correct what AWS names in the message.", ErrorKind.InvalidArgument, AwsCode = "MalformedPolicyDocument")]
        public const string IamMalformedPolicyDocument = nameof(IamMalformedPolicyDocument);

        [ErrorId("IAM refused a value that breaks its constraints (ValidationError).",
            "Read AWS's reason in the message and correct that input.", ErrorKind.InvalidArgument, AwsCode = "ValidationError")]
        public const string IamValidationError = nameof(IamValidationError);

        [ErrorId("Another request changed the same provider or role at the same time, on every attempt (ConcurrentModification).",
            "Wait a moment and run the command again.", ErrorKind.ResourceUnavailable, AwsCode = "ConcurrentModification")]
        public const string IamConcurrentModification = nameof(IamConcurrentModification);

        [ErrorId("The role is a service-linked role, which only its AWS service may change (UnmodifiableEntity).",
            "Use a role of your own.", ErrorKind.PermissionDenied, AwsCode = "UnmodifiableEntity")]
        public const string IamUnmodifiableEntity = nameof(IamUnmodifiableEntity);

        [ErrorId("The managed policy cannot be attached to this role: it is an AWS service role policy (PolicyNotAttachable).",
            "Choose a policy meant for your own roles.", ErrorKind.InvalidArgument, AwsCode = "PolicyNotAttachable")]
        public const string IamPolicyNotAttachable = nameof(IamPolicyNotAttachable);

        [ErrorId("IAM could not connect to the issuer to check it while creating the provider (OpenIdIdpCommunicationError).",
            "Check that the issuer is reachable from the internet, or give its thumbprint.", ErrorKind.ConnectionError, AwsCode = "OpenIdIdpCommunicationError")]
        public const string IamOpenIdIdpCommunicationError = nameof(IamOpenIdIdpCommunicationError);

        [ErrorId("The credentials may not perform this IAM action (AccessDenied).",
            "Use credentials whose policies allow the action named in the message.", ErrorKind.PermissionDenied, AwsCode = "AccessDenied")]
        public const string IamAccessDenied = nameof(IamAccessDenied);

        [ErrorId("The credentials may not perform this IAM action (AccessDeniedException).",
            "Use credentials whose policies allow the action named in the message.", ErrorKind.PermissionDenied, AwsCode = "AccessDeniedException")]
        public const string IamAccessDeniedException = nameof(IamAccessDeniedException);

        [ErrorId("IAM does not know the access key id the request was signed with (InvalidClientTokenId).",
            "Check the credentials: AWS_ACCESS_KEY_ID, the profile, or expired temporary keys.", ErrorKind.AuthenticationError, AwsCode = "InvalidClientTokenId")]
        public const string IamInvalidClientTokenId = nameof(IamInvalidClientTokenId);

        [ErrorId("The request's signature does not match the secret key IAM holds (SignatureDoesNotMatch).",
            "Check the secret access key of the credentials in use.", ErrorKind.AuthenticationError, AwsCode = "SignatureDoesNotMatch")]
        public const string IamSignatureDoesNotMatch = nameof(IamSignatureDoesNotMatch);

        [ErrorId("The request's signature is incomplete (IncompleteSignature).",
            "Check the credentials in use; a session token needs its access key id and secret key.", ErrorKind.AuthenticationError, AwsCode = "IncompleteSignature")]
        public const string IamIncompleteSignature = nameof(IamIncompleteSignature);

        [ErrorId("The temporary credentials the request was signed with have expired (ExpiredToken).",
            "Get fresh credentials and run the command again.", ErrorKind.AuthenticationError, AwsCode = "ExpiredToken")]
        public const string IamExpiredToken = nameof(IamExpiredToken);

        [ErrorId("The request reached IAM without credentials (MissingAuthenticationToken).",
            "Provide AWS credentials through the environment or a profile.", ErrorKind.AuthenticationError, AwsCode = "MissingAuthenticationToken")]
        public const string IamMissingAuthenticationToken = nameof(IamMissingAuthenticationToken);

        [ErrorId("The request's signing time is more than 15 minutes off IAM's clock (RequestExpired).",
            "Check this machine's clock.", ErrorKind.AuthenticationError, AwsCode = "RequestExpired")]
        public const string IamRequestExpired = nameof(IamRequestExpired);

        [ErrorId("IAM throttled the requests, on every attempt (Throttling).",
            "Wait and try again, or allow more attempts.", ErrorKind.QuotaExceeded, AwsCode = "Throttling")]
        public const string IamThrottling = nameof(IamThrottling);

        [ErrorId("IAM failed on its side, on every attempt (ServiceFailure).",
            "Try again later.", ErrorKind.ResourceUnavailable, AwsCode = "ServiceFailure")]
        public const string IamServiceFailure = nameof(IamServiceFailure);

        [ErrorId("IAM failed on its side, on every attempt (InternalFailure).",
            "Try again later.", ErrorKind.ResourceUnavailable, AwsCode = "InternalFailure")]
        public const string IamInternalFailure = nameof(IamInternalFailure);

        [ErrorId("IAM was unavailable, on every attempt (ServiceUnavailable).",
            "Try again later.", ErrorKind.ResourceUnavailable, AwsCode = "ServiceUnavailable")]
        public const string IamServiceUnavailable = nameof(IamServiceUnavailable);
    }
}
