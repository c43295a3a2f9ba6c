namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// The one classification of AWS error codes, for STS and IAM alike (docs/aws-calls.md, "Retry classes").
    /// Codes not listed follow the HTTP status: AWS's 5xx are its own failures and worth a retry, its 4xx are not.
    /// </summary>
    internal static class AwsErrorCodes
    {
        public static FailureClass Classify(string code, int status)
        {
            switch (code)
            {
                case "Throttling":
                case "ThrottlingException":
                case "ThrottledException":
                case "RequestThrottledException":
                case "TooManyRequestsException":
                case "RequestLimitExceeded":
                case "RequestThrottled":
                case "SlowDown":
                case "IDPCommunicationError":
                case "InternalFailure":
                case "InternalError":
                case "ServiceUnavailable":
                case "ServiceFailure":
                case "RequestTimeout":
                case "RequestTimeoutException":
                    return FailureClass.Transient;
                case "InvalidIdentityToken":
                    return FailureClass.Propagation;
                case "ConcurrentModification":
                    return FailureClass.Conflict;
                case "AccessDenied":
                case "IDPRejectedClaim":
                case "ExpiredTokenException":
                case "ExpiredToken":
                case "MalformedPolicyDocument":
                case "PackedPolicyTooLarge":
                case "RegionDisabledException":
                case "ValidationError":
                case "InvalidParameterValue":
                    return FailureClass.Final;
            }

            return status >= 500 ? FailureClass.Transient : FailureClass.Final;
        }
    }
}
