using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Amazon.Runtime;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>One failed attempt at an AWS call, described independently of the SDK's and HttpClient's exception types.</summary>
    internal sealed class AwsFailure
    {
        /// <summary>No answer within the attempt's time.</summary>
        public const string TimeoutCode = "Timeout";

        /// <summary>No answer at all: refused, reset, dropped, DNS.</summary>
        public const string ConnectionFailedCode = "ConnectionFailed";

        /// <summary>The TLS handshake failed: an untrusted or wrong certificate.</summary>
        public const string TlsHandshakeFailedCode = "TlsHandshakeFailed";

        /// <summary>An answer that is not a well-formed AWS answer (docs/aws-calls.md, "Unexpected answers").</summary>
        public const string UnexpectedResponseCode = "UnexpectedResponse";

        private AwsFailure(FailureClass kind, string code, string message, AwsAnswer answer, string requestId, Exception exception, bool fromAws = false)
        {
            IsServiceError = fromAws;
            Class = kind;
            Code = code;
            Message = message;
            Answer = answer;
            RequestId = requestId ?? answer?.RequestId;
            Exception = exception;
        }

        public FailureClass Class { get; }

        /// <summary>AWS's error code, or one of this class's codes.</summary>
        public string Code { get; }

        /// <summary>AWS's message, or a short description of what went wrong; never a secret, never the body.</summary>
        public string Message { get; }

        /// <summary>The HTTP answer, when one (or part of one) arrived.</summary>
        public AwsAnswer Answer { get; }

        /// <summary>The endpoint the request went to, when known, as <see cref="AwsEndpointName"/> prints it.</summary>
        public string Endpoint => Answer?.Endpoint ?? _endpoint;

        private string _endpoint;

        public int StatusCode => Answer?.StatusCode ?? (Exception is AmazonServiceException service ? (int)service.StatusCode : 0);
        public string RequestId { get; }
        public Exception Exception { get; }

        /// <summary>True when AWS itself answered with an error document.</summary>
        public bool IsServiceError { get; }

        public bool IsUnexpectedResponse => Code == UnexpectedResponseCode;

        internal static AwsFailure ServiceError(AwsAnswer answer, string code, string message, string requestId) =>
            new AwsFailure(AwsErrorCodes.Classify(code, answer.StatusCode), code, message, answer, requestId, null, fromAws: true);

        internal static AwsFailure Unexpected(AwsAnswer answer, FailureClass kind, string what, Exception exception = null) =>
            new AwsFailure(kind, UnexpectedResponseCode, what, answer, null, exception);

        internal static AwsFailure Timeout(TimeSpan after, Exception exception) =>
            new AwsFailure(FailureClass.Network, TimeoutCode, $"no answer within {after.TotalSeconds:0.#} s", null, null, exception);

        /// <summary>A failure that happened before any answer arrived, at a known endpoint.</summary>
        internal static AwsFailure FromException(Exception ex, Uri endpoint)
        {
            var failure = FromException(ex);
            if (failure.Answer == null && failure._endpoint == null) failure._endpoint = AwsEndpointName.Of(endpoint);
            return failure;
        }

        /// <summary>A failure that happened before any answer arrived (or an SDK exception, for answers the SDK read).</summary>
        internal static AwsFailure FromException(Exception ex)
        {
            if (ex is AwsAttemptException attempt) return attempt.Failure;

            // An untrusted certificate stays untrusted: retrying only delays the message that says so.
            if (Find<System.Security.Authentication.AuthenticationException>(ex) is Exception tls)
            {
                return new AwsFailure(FailureClass.Final, TlsHandshakeFailedCode, ExceptionChain.Innermost(tls).Message, null, null, ex);
            }

            if (IsNetwork(ex))
            {
                return new AwsFailure(FailureClass.Network, ConnectionFailedCode, ExceptionChain.Innermost(ex).Message, null, null, ex);
            }

            if (ex is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode))
            {
                int status = (int)service.StatusCode;
                return new AwsFailure(AwsErrorCodes.Classify(service.ErrorCode, status), service.ErrorCode, service.Message, null, service.RequestId, ex, fromAws: true);
            }

            return new AwsFailure(FailureClass.Final, "ClientError", ExceptionChain.Innermost(ex).Message, null, null, ex);
        }

        /// <summary>
        /// For an unexpected answer: what arrived, in one sentence, with the body's first characters made safe
        /// (<paramref name="secrets"/> are removed besides anything that looks like a secret).
        /// </summary>
        public string DescribeAnswer(IEnumerable<string> secrets)
        {
            if (Answer == null) return Message;
            string type = Answer.ContentType == null ? "no content type" : "content type " + Answer.ContentType;
            return $"HTTP {Answer.StatusCode}, {type}: {Message}; body {AnswerPreview.Of(Answer.Body, secrets)}";
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

    /// <summary>Carries a classified failure out of one attempt (through the SDK's pipeline, for STS) to the retry engine.</summary>
    internal sealed class AwsAttemptException : Exception
    {
        public AwsAttemptException(AwsFailure failure)
            : base(failure.Code + ": " + failure.Message, failure.Exception)
        {
            Failure = failure;
        }

        public AwsFailure Failure { get; }
    }
}
