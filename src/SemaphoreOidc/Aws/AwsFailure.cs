using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
{
    /// <summary>One failed attempt, described independently of the SDK's exception types.</summary>
    internal sealed class StsFailure
    {
        private StsFailure(FailureClass kind, string code, string message, int statusCode, string requestId, Exception exception)
        {
            Class = kind;
            Code = code;
            Message = message;
            StatusCode = statusCode;
            RequestId = requestId;
            Exception = exception;
        }

        public FailureClass Class { get; }

        /// <summary>AWS's error code, or a name of our own for network failures (<c>Timeout</c>, <c>ConnectionFailed</c>).</summary>
        public string Code { get; }

        public string Message { get; }
        public int StatusCode { get; }
        public string RequestId { get; }
        public Exception Exception { get; }

        public static StsFailure FromTimeout(TimeSpan after, Exception ex) =>
            new StsFailure(FailureClass.Network, "Timeout", $"no answer within {after.TotalSeconds:0.#} s", 0, null, ex);

        public static StsFailure From(Exception ex)
        {
            if (ex is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode))
            {
                int status = (int)service.StatusCode;
                return new StsFailure(Classify(service.ErrorCode, status), service.ErrorCode, service.Message, status, service.RequestId, ex);
            }

            // An untrusted certificate stays untrusted: retrying only delays the message that says so.
            if (Find<System.Security.Authentication.AuthenticationException>(ex) is Exception tls)
            {
                return new StsFailure(FailureClass.Final, "TlsHandshakeFailed", ExceptionChain.Innermost(tls).Message, 0, null, ex);
            }

            if (IsNetwork(ex))
            {
                return new StsFailure(FailureClass.Network, "ConnectionFailed", ExceptionChain.Innermost(ex).Message, 0, null, ex);
            }

            if (ex is AmazonServiceException bare && (int)bare.StatusCode >= 500)
            {
                return new StsFailure(FailureClass.Transient, "HttpStatus" + (int)bare.StatusCode, bare.Message, (int)bare.StatusCode, bare.RequestId, ex);
            }

            return new StsFailure(FailureClass.Final, ex.GetType().Name, ex.Message, 0, null, ex);
        }

        internal static FailureClass Classify(string code, int status)
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

        private static bool IsNetwork(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is HttpRequestException || e is SocketException || e is IOException || e is WebException)
                {
                    return true;
                }
            }

            return false;
        }

        private static T Find<T>(Exception ex) where T : Exception
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is T found) return found;
            }

            return null;
        }

    }
}
