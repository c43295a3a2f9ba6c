using System;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// How an endpoint is printed in messages, verbose lines and error targets: always <see cref="AwsEndpointUrl.Display"/>
    /// (scheme, host, port when not the scheme's default, path), so a user name, password, query or fragment never prints.
    /// </summary>
    public static class AwsEndpointName
    {
        public static string Of(AwsEndpointUrl endpoint) => endpoint?.Display;

        /// <summary>A URL the module is about to call or has called (a resolved endpoint, a request's URL).</summary>
        public static string Of(Uri endpoint)
        {
            if (endpoint == null) return null;
            // The AWS SDK builds its request URLs with path canonicalisation turned off, and such a Uri refuses to
            // give its path (GetComponents throws): read the text again as an ordinary URL.
            Uri plain = Uri.TryCreate(endpoint.OriginalString, UriKind.Absolute, out Uri parsed)
                ? parsed
                : new UriBuilder(endpoint.Scheme, endpoint.Host, endpoint.Port).Uri;
            return AwsEndpointUrl.Known(plain).Display;
        }

        /// <summary>
        /// Where a URL someone else chose points (a redirect's Location): scheme, host and port only, because its
        /// path or query may carry a token.
        /// </summary>
        public static string ServerOf(Uri url) =>
            url == null || !url.IsAbsoluteUri ? null : Of(new UriBuilder(url.Scheme, url.Host, url.Port).Uri);
    }
}
