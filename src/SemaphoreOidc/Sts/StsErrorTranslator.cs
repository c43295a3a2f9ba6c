using System;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
{
    /// <summary>STS's answer, as an error a user can act on. Ids are stable: scripts match on them (docs/aws-calls.md).</summary>
    internal static class StsErrorTranslator
    {
        public static SemaphoreOidcException Translate(AwsFailure failure, ExchangePlan plan, int attempts, string endpoint = null)
        {
            string tail = Tail(failure, attempts);
            endpoint = failure.Endpoint ?? endpoint ?? EndpointName(plan);
            SemaphoreOidcException error;
            switch (failure.Code)
            {
                case "AccessDenied":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleAccessDenied, ErrorKind.PermissionDenied,
                        AccessDeniedExplanation.Build(plan.RoleArn, plan.Token, failure.Message, failure.RequestId), plan.RoleArn.Value);
                    break;
                case "InvalidIdentityToken":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleInvalidIdentityToken, ErrorKind.AuthenticationError,
                        $"STS rejected the token from {plan.Token.Issuer}: {failure.Message}. Check that account {plan.RoleArn.AccountId} has an IAM " +
                        $"OIDC provider for exactly {plan.Token.Issuer} whose audiences include '{plan.Token.Audience}' " +
                        "(New-SemaphoreOidcProvider does this); a provider created seconds ago may need a retry." + tail, plan.RoleArn.Value);
                    break;
                case "ExpiredTokenException":
                case "ExpiredToken":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleTokenExpired, ErrorKind.AuthenticationError,
                        $"STS says the OIDC token has expired: {failure.Message}. Semaphore tokens live for the job's duration; " +
                        "check the clock of this machine, or re-run the job for a fresh token." + tail, plan.RoleArn.Value);
                    break;
                case "IDPRejectedClaim":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleClaimRejected, ErrorKind.PermissionDenied,
                        $"STS rejected a claim of the token: {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
                case "IDPCommunicationError":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleIdpUnreachable, ErrorKind.ConnectionError,
                        $"STS could not fetch the signing keys of {plan.Token.Issuer}: {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
                case "MalformedPolicyDocument":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleSessionPolicyMalformed, ErrorKind.InvalidArgument,
                        $"STS rejected the session policy: {failure.Message}." + tail, "Policy");
                    break;
                case "PackedPolicyTooLarge":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleSessionPolicyTooLarge, ErrorKind.LimitsExceeded,
                        $"The session policies and tags are too large once packed: {failure.Message}. Shorten the inline session policy or use fewer managed policy ARNs." + tail, "Policy");
                    break;
                case "RegionDisabledException":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleRegionDisabled, ErrorKind.PermissionDenied,
                        $"STS is not activated in {plan.Region.Name} for this account: {failure.Message}. Use another region or activate STS there in the IAM account settings." + tail,
                        plan.Region.Name);
                    break;
                case "ValidationError":
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleRequestInvalid, ErrorKind.InvalidArgument,
                        $"STS rejected the request: {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
                case AwsFailure.TlsHandshakeFailedCode:
                    error = new SemaphoreOidcException(StsErrorIds.StsTlsFailed, ErrorKind.SecurityError,
                        $"The TLS connection to STS failed: {failure.Message}. If a proxy inspects TLS, point AWS_CA_BUNDLE at its CA certificate." + tail,
                        endpoint);
                    break;
                case AwsFailure.TimeoutCode:
                    error = new SemaphoreOidcException(StsErrorIds.AssumeRoleTimeout, ErrorKind.OperationTimeout,
                        $"STS at {endpoint} did not answer: {failure.Message}." + tail, endpoint);
                    break;
                case AwsFailure.ConnectionFailedCode:
                    error = new SemaphoreOidcException(StsErrorIds.StsUnreachable, ErrorKind.ConnectionError,
                        $"Cannot reach STS at {endpoint}: {failure.Message}. Check the network, HTTPS_PROXY and the endpoint URL." + tail, endpoint);
                    break;
                case AwsFailure.UnexpectedResponseCode:
                    error = new SemaphoreOidcException(StsErrorIds.StsUnexpectedResponse, ErrorKind.ProtocolError,
                        $"STS at {endpoint} did not give an AWS answer: {failure.DescribeAnswer(new[] { plan.Token.RawToken })}. " +
                        "Something between this machine and AWS may have answered instead (a captive portal, a proxy's page); " +
                        "check the network, HTTPS_PROXY, NO_PROXY and the endpoint URL." + tail, endpoint);
                    break;
                default:
                    error = failure.Class == FailureClass.Transient
                        ? new SemaphoreOidcException(StsErrorIds.AssumeRoleServiceUnavailable, ErrorKind.ResourceUnavailable,
                            $"STS kept failing ({failure.Code}): {failure.Message}." + tail, endpoint)
                        : new SemaphoreOidcException(StsErrorIds.AssumeRoleFailed, ErrorKind.NotSpecified,
                            $"STS AssumeRoleWithWebIdentity failed ({failure.Code}): {failure.Message}." + tail, plan.RoleArn.Value);
                    break;
            }

            error.AwsErrorCode = failure.IsServiceError ? failure.Code : null;
            error.AwsRequestId = failure.RequestId;
            return error;
        }

        /// <summary>The endpoint as messages print it when the SDK cannot say which URL it would call.</summary>
        internal static string EndpointName(ExchangePlan plan) => plan.EndpointDisplay;

        private static string Tail(AwsFailure failure, int attempts)
        {
            string text = attempts > 1 ? $" Gave up after {attempts} attempts." : string.Empty;
            if (!string.IsNullOrEmpty(failure.RequestId)) text += $" AWS request id: {failure.RequestId}.";
            return text;
        }
    }
}
