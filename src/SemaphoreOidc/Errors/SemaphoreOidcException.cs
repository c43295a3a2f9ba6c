using System;

namespace SemaphoreOidc.Errors
{
    /// <summary>
    /// Every failure the engine reports. <see cref="ErrorId"/> is stable (scripts and tests match on it), published in
    /// docs/errors.md, and becomes the ErrorRecord's FullyQualifiedErrorId; <see cref="Exception.Message"/> says what to
    /// do and never contains a secret; <see cref="Target"/> is the offending input (never a secret either).
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

        /// <summary>
        /// The fix in the caller's own terms, added by the layer that knows them (the cmdlet layer names its parameters:
        /// "Use -Force to apply it anyway."), or null. The engine names inputs in words and never sets it.
        /// </summary>
        public string RecommendedAction { get; private set; }

        /// <summary>The engine's message, then <see cref="RecommendedAction"/> when there is one: still one line.</summary>
        public override string Message => RecommendedAction == null ? base.Message : base.Message + " " + RecommendedAction;

        /// <summary>
        /// A copy of this error (same type, id, kind, target, AWS details, inner exception and stack) whose message ends
        /// with <paramref name="action"/>. A copy, so an error an engine cache hands out again is never changed.
        /// </summary>
        public SemaphoreOidcException WithRecommendedAction(string action)
        {
            if (string.IsNullOrWhiteSpace(action)) return this;
            if (action.IndexOfAny(new[] { '\r', '\n' }) >= 0) throw new ArgumentException("A recommended action is one line.", nameof(action));
            var copy = (SemaphoreOidcException)MemberwiseClone();
            copy.RecommendedAction = action.Trim();
            return copy;
        }
    }
}
