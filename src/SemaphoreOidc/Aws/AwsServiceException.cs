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
            : base(ErrorCatalogue.AwsErrorId(service, code), KindFor(ErrorCatalogue.AwsErrorId(service, code), statusCode),
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

        /// <summary>
        /// The catalogue's category for the codes the module can meet (IamErrorIds); any other code by its HTTP status:
        /// AWS's 5xx are its own failures, a 4xx it did not explain is not specified (docs/errors.md, "AWS's own errors").
        /// </summary>
        private static ErrorKind KindFor(string familyId, int status)
        {
            var entry = ErrorCatalogue.Find(familyId);
            if (entry != null && entry.AwsCode != null && entry.Categories.Count > 0) return entry.Categories[0];
            return status >= 500 ? ErrorKind.ResourceUnavailable : ErrorKind.NotSpecified;
        }
    }
}
