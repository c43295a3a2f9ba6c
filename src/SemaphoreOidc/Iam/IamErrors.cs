using System.Collections.Generic;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Iam
{
    /// <summary>The last failure of an IAM call as the error its caller sees (docs/aws-calls.md).</summary>
    internal static class IamErrors
    {
        public static SemaphoreOidcException Translate(AwsFailure failure, string action, string endpoint, object target, int attempts, IEnumerable<string> secrets)
        {
            string tail = attempts > 1 ? $" Gave up after {attempts} attempts." : string.Empty;
            endpoint = failure.Endpoint ?? endpoint;
            if (failure.IsServiceError)
            {
                // Callers act on AWS's code (NoSuchEntity, EntityAlreadyExists, ConcurrentModification): keep it whole.
                return new AwsServiceException("iam", action, failure.Code, failure.Message, failure.StatusCode, failure.RequestId, target);
            }

            switch (failure.Code)
            {
                case AwsFailure.TimeoutCode:
                    return new SemaphoreOidcException(IamErrorIds.IamTimeout, ErrorKind.OperationTimeout,
                        $"IAM {action} got no answer from {endpoint}: {failure.Message}." + tail, target, failure.Exception);
                case AwsFailure.UnexpectedResponseCode:
                    return new SemaphoreOidcException(IamErrorIds.IamUnexpectedResponse, ErrorKind.ProtocolError,
                        $"IAM {action} at {endpoint} did not get an AWS answer: {failure.DescribeAnswer(secrets)}. " +
                        "Something between this machine and AWS may have answered instead (a captive portal, a proxy's page); " +
                        "nothing was assumed from it. Check the network, HTTPS_PROXY, NO_PROXY and the endpoint URL." + tail, target);
                case AwsFailure.TlsHandshakeFailedCode:
                    return new SemaphoreOidcException(IamErrorIds.IamUnreachable, ErrorKind.ConnectionError,
                        $"Cannot reach IAM at {endpoint}: the TLS connection failed: {failure.Message}. " +
                        "If a proxy inspects TLS, point AWS_CA_BUNDLE at its CA certificate." + tail, target, failure.Exception);
                default:
                    return new SemaphoreOidcException(IamErrorIds.IamUnreachable, ErrorKind.ConnectionError,
                        $"Cannot reach IAM at {endpoint}: {failure.Message}. Check the network, HTTPS_PROXY and the endpoint URL." + tail, target, failure.Exception);
            }
        }
    }
}
