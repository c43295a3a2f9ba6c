using System;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Bounds on every request to an OIDC issuer (discovery document, key set, the JWKS host's certificate chain).
    /// An issuer is a remote party the caller does not control, so an answer that never comes, never ends or never
    /// stops growing must end in a clear error, not a job that hangs until CI kills it (docs/semaphore-token.md, "Limits").
    /// </summary>
    public sealed class IssuerFetchLimits
    {
        /// <summary>
        /// 10 s per request: an issuer answers these small documents in well under a second, and even a slow proxy or
        /// a cold TLS handshake takes a few seconds; a request still unanswered after 10 s is not going to succeed.
        /// </summary>
        public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

        /// <summary>
        /// 30 s for all the requests of one verification together (discovery, key set, and one refetch of both
        /// when the token names a key the cached set lacks): a CI step waits at most this long for an issuer.
        /// </summary>
        public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

        /// <summary>
        /// 1 MiB: a discovery document or a key set is one to a few KB (Semaphore's JWKS holds a handful of RSA keys);
        /// anything a thousand times larger is not one, and is refused without being read to the end.
        /// </summary>
        public const long DefaultMaxResponseBytes = 1024 * 1024;

        public static IssuerFetchLimits Default { get; } = new IssuerFetchLimits();

        public IssuerFetchLimits(TimeSpan? requestTimeout = null, TimeSpan? deadline = null, long? maxResponseBytes = null)
        {
            RequestTimeout = Positive(requestTimeout ?? DefaultRequestTimeout, nameof(requestTimeout));
            Deadline = Positive(deadline ?? DefaultDeadline, nameof(deadline));
            MaxResponseBytes = maxResponseBytes ?? DefaultMaxResponseBytes;
            if (MaxResponseBytes < 1) throw new ArgumentOutOfRangeException(nameof(maxResponseBytes), "The response limit must be at least one byte.");
        }

        /// <summary>How long one request may take, from sending it to the last byte of the answer.</summary>
        public TimeSpan RequestTimeout { get; }

        /// <summary>How long all the requests of one operation may take together.</summary>
        public TimeSpan Deadline { get; }

        /// <summary>The largest answer read; a larger one is refused as soon as it is seen to be larger.</summary>
        public long MaxResponseBytes { get; }

        private static TimeSpan Positive(TimeSpan value, string name) =>
            value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, "A timeout must be positive.");
    }
}
