using System;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
{
    /// <summary>STS's answer, as an error a user can act on. Ids are stable: scripts match on them.</summary>
    internal static class StsErrorTranslator
    {
        public static SemaphoreOidcException Translate(StsFailure failure, ExchangePlan plan, int attempts)
        {
            string tail = Tail(failure, attempts);
            SemaphoreOidcException error;
            switch (failure.Code)
            {
                case "AccessDenied":
                    error = new SemaphoreOidcException("AssumeRoleAccessDenied", ErrorKind.PermissionDenied,
                        AccessDeniedExplanation.Build(plan.RoleArn, plan.Token, failure.Message, failure.RequestId), plan.RoleArn.Value);
                    break;
                case "InvalidIdentityToken":
                    error = new SemaphoreOidcException("AssumeRoleInvalidIdentityToken", ErrorKind.AuthenticationError,
                        $"STS rejected the token from {plan.Token.Issuer}: {failure.Message}. Check that account {plan.RoleArn.AccountId} has an IAM " +
                        $"OIDC provider for exactly {plan.Token.Issuer} whose audiences include '{plan.Token.Audience}' " +
                        "(New-SemaphoreOidcProvider does this); a provider created seconds ago may need a retry." + tail, plan.RoleArn.Value);
                    break;
                case "ExpiredTokenException":
                case "ExpiredToken":
                    error = new SemaphoreOidcException("AssumeRoleTokenExpired", ErrorKind.AuthenticationError,
                        $"STS says the OIDC token has expired: {failure.Message}. Semaphore tokens live for the job's duration; " +
                        "check the clock of this machine, or re-run the job for a fresh token." + tail, plan.RoleArn.Value);
                    break;
                case "IDPRejectedClaim":
                    error = new SemaphoreOidcException("AssumeRoleClaimRejected", ErrorKind.PermissionDenied,
                        $"STS rejected a claim of the token: {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
                case "IDPCommunicationError":
                    error = new SemaphoreOidcException("AssumeRoleIdpUnreachable", ErrorKind.ConnectionError,
                        $"STS could not fetch the signing keys of {plan.Token.Issuer}: {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
                case "MalformedPolicyDocument":
                    error = new SemaphoreOidcException("AssumeRoleSessionPolicyMalformed", ErrorKind.InvalidArgument,
                        $"STS rejected the session policy (-Policy / -PolicyArn): {failure.Message}." + tail, "Policy");
                    break;
                case "PackedPolicyTooLarge":
                    error = new SemaphoreOidcException("AssumeRoleSessionPolicyTooLarge", ErrorKind.LimitsExceeded,
                        $"The session policies and tags are too large once packed: {failure.Message}. Shorten -Policy or use fewer -PolicyArn." + tail, "Policy");
                    break;
                case "RegionDisabledException":
                    error = new SemaphoreOidcException("AssumeRoleRegionDisabled", ErrorKind.PermissionDenied,
                        $"STS is not activated in {plan.Region.Name} for this account: {failure.Message}. Use another -Region or activate it in IAM account settings." + tail,
                        plan.Region.Name);
                    break;
                case "ValidationError":
                    error = new SemaphoreOidcException("AssumeRoleRequestInvalid", ErrorKind.InvalidArgument,
                        $"STS rejected the request: {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
                case "TlsHandshakeFailed":
                    error = new SemaphoreOidcException("StsTlsFailed", ErrorKind.SecurityError,
                        $"The TLS connection to STS failed: {failure.Message}. If a proxy inspects TLS, point AWS_CA_BUNDLE at its CA certificate." + tail,
                        EndpointName(plan));
                    break;
                case "Timeout":
                    error = new SemaphoreOidcException("AssumeRoleTimeout", ErrorKind.OperationTimeout,
                        $"STS at {EndpointName(plan)} did not answer: {failure.Message}." + tail, EndpointName(plan));
                    break;
                case "ConnectionFailed":
                    error = new SemaphoreOidcException("StsUnreachable", ErrorKind.ConnectionError,
                        $"Cannot reach STS at {EndpointName(plan)}: {failure.Message}. Check the network, HTTPS_PROXY and -EndpointUrl." + tail,
                        EndpointName(plan));
                    break;
                default:
                    error = failure.Class == FailureClass.Transient
                        ? new SemaphoreOidcException("AssumeRoleServiceUnavailable", ErrorKind.ResourceUnavailable,
                            $"STS kept failing ({failure.Code}): {failure.Message}." + tail, EndpointName(plan))
                        : new SemaphoreOidcException("AssumeRoleFailed", ErrorKind.NotSpecified,
                            $"STS AssumeRoleWithWebIdentity failed ({failure.Code}): {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
            }

            error.AwsErrorCode = failure.StatusCode > 0 ? failure.Code : null;
            error.AwsRequestId = failure.RequestId;
            return error;
        }

        internal static string EndpointName(ExchangePlan plan) => plan.EndpointDisplay;

        private static string Tail(StsFailure failure, int attempts)
        {
            string text = attempts > 1 ? $" Gave up after {attempts} attempts." : string.Empty;
            if (!string.IsNullOrEmpty(failure.RequestId)) text += $" AWS request id: {failure.RequestId}.";
            return text;
        }
    }
}
