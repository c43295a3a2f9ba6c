using System;

namespace SemaphoreOidc.Errors
{
    /// <summary>
    /// Every failure the engine reports. <see cref="ErrorId"/> is stable (scripts and tests match on it) and
    /// becomes the ErrorRecord's FullyQualifiedErrorId; <see cref="Exception.Message"/> says what to do and
    /// never contains a secret; <see cref="Target"/> is the offending input (never a secret either).
    /// </summary>
    public class SemaphoreOidcException : Exception
    {
        public SemaphoreOidcException(string errorId, ErrorKind kind, string message, object target = null, Exception inner = null)
            : base(message, inner)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Kind = kind;
            Target = target;
        }

        /// <summary>Stable PascalCase identifier, e.g. <c>RoleArnInvalid</c>.</summary>
        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        /// <summary>The input the error is about; safe to show.</summary>
        public object Target { get; }

        /// <summary>AWS's error code when the error came from an AWS answer, else null.</summary>
        public string AwsErrorCode { get; set; }

        /// <summary>AWS's request id when the error came from an AWS answer, else null.</summary>
        public string AwsRequestId { get; set; }
    }
}
