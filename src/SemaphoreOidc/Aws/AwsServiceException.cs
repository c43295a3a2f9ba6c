using System;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// An error answer from an AWS service, kept whole: AWS's code, message, HTTP status and request id,
    /// so callers can act on the code (NoSuchEntity, EntityAlreadyExists, ...) and users can quote the id.
    /// </summary>
    public sealed class AwsServiceException : SemaphoreOidcException
    {
        public AwsServiceException(string service, string action, string code, string awsMessage, int statusCode, string requestId, object target)
            : base(ErrorIdFor(service, code), KindFor(code, statusCode),
                   $"{service.ToUpperInvariant()} {action} failed: {code}: {awsMessage}" + (string.IsNullOrEmpty(requestId) ? string.Empty : $" (request id {requestId})"),
                   target)
        {
            Service = service;
            Action = action;
            Code = code;
            AwsMessage = awsMessage;
            StatusCode = statusCode;
            AwsErrorCode = code;
            AwsRequestId = requestId;
        }

        public string Service { get; }
        public string Action { get; }
        public string Code { get; }
        public string AwsMessage { get; }
        public int StatusCode { get; }

        /// <summary>"Iam" + AWS's code, e.g. IamNoSuchEntity: stable, and says where it came from.</summary>
        private static string ErrorIdFor(string service, string code)
        {
            string prefix = service.Length == 0 ? "Aws" : char.ToUpperInvariant(service[0]) + service.Substring(1).ToLowerInvariant();
            return prefix + (string.IsNullOrEmpty(code) ? "Error" : code.Replace(".", string.Empty));
        }

        private static ErrorKind KindFor(string code, int status)
        {
            switch (code)
            {
                case "NoSuchEntity": return ErrorKind.ObjectNotFound;
                case "EntityAlreadyExists": return ErrorKind.ResourceExists;
                case "LimitExceeded": return ErrorKind.LimitsExceeded;
                case "InvalidInput":
                case "MalformedPolicyDocument":
                case "ValidationError":
                    return ErrorKind.InvalidArgument;
                case "AccessDenied":
                case "AccessDeniedException":
                case "UnauthorizedOperation":
                    return ErrorKind.PermissionDenied;
                case "InvalidClientTokenId":
                case "SignatureDoesNotMatch":
                case "ExpiredToken":
                case "IncompleteSignature":
                    return ErrorKind.AuthenticationError;
                case "ConcurrentModification":
                    return ErrorKind.ResourceUnavailable;
                case "Throttling":
                    return ErrorKind.QuotaExceeded;
            }

            return status >= 500 ? ErrorKind.ResourceUnavailable : ErrorKind.NotSpecified;
        }
    }
}
