using System;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// What one attempt got back over HTTP, kept whole: read as an AWS answer when it is one, described (status,
    /// content type, the first bytes with secrets removed) when it is not.
    /// </summary>
    internal sealed class AwsAnswer
    {
        internal AwsAnswer(Uri endpoint, int statusCode, string contentType, byte[] body, string requestId, Uri redirectTarget)
        {
            Endpoint = AwsEndpointName.Of(endpoint);
            StatusCode = statusCode;
            ContentType = string.IsNullOrWhiteSpace(contentType) ? null : contentType.Trim();
            Body = body ?? Array.Empty<byte>();
            RequestId = requestId;
            RedirectTarget = AwsEndpointName.ServerOf(redirectTarget);
        }

        /// <summary>The endpoint that answered, as <see cref="AwsEndpointName"/> prints it.</summary>
        public string Endpoint { get; }

        public int StatusCode { get; }

        /// <summary>The Content-Type header as received, or null.</summary>
        public string ContentType { get; }

        /// <summary>The body, or as much of it as arrived.</summary>
        internal byte[] Body { get; }

        /// <summary>AWS's x-amzn-RequestId header, when there was one.</summary>
        public string RequestId { get; }

        /// <summary>Scheme, host and port of a redirect's Location (never its path or query, which may carry a token).</summary>
        public string RedirectTarget { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;
    }
}
