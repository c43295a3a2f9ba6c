namespace SemaphoreOidc.Aws
{
    /// <summary>How a failed attempt at an AWS call is treated (docs/aws-calls.md, "Retry classes").</summary>
    public enum FailureClass
    {
        /// <summary>Retrying cannot help: AccessDenied, IDPRejectedClaim, bad input, a page that is not an AWS answer.</summary>
        Final,

        /// <summary>Throttling, AWS 5xx, IDPCommunicationError, a bare 5xx or 429 from something in between: retry with backoff.</summary>
        Transient,

        /// <summary>No answer, or half of one: connection refused, reset or dropped, DNS, attempt timeout, a body cut off or too slow.</summary>
        Network,

        /// <summary>InvalidIdentityToken: IAM changes and key fetches take seconds to propagate, so a few retries only.</summary>
        Propagation,

        /// <summary>ConcurrentModification: retried only for a call that is safe to repeat; otherwise the caller re-reads.</summary>
        Conflict,
    }
}
