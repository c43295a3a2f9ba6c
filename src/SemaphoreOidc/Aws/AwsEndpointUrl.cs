using System;
using System.Net;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// An endpoint to send STS or IAM requests to instead of AWS's own (a VPC endpoint, a proxy, an emulator):
    /// an absolute http or https URL with a host and optional port and path (docs/aws-names.md, "Endpoints").
    /// <see cref="Display"/> is the only form messages, verbose lines and error targets use.
    /// </summary>
    public sealed class AwsEndpointUrl
    {
        private AwsEndpointUrl(Uri url)
        {
            Url = url;
            Display = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
            IsLoopback = IsLoopbackHost(url);
        }

        /// <summary>The URL requests go to.</summary>
        public Uri Url { get; }

        /// <summary>Scheme, host, port and path: never user information, a query or a fragment.</summary>
        public string Display { get; }

        /// <summary>localhost, 127.0.0.0/8 or ::1: traffic that never leaves this machine.</summary>
        public bool IsLoopback { get; }

        /// <summary>Plain http to another machine: whatever the request carries crosses the network unencrypted.</summary>
        public bool IsCleartextOffMachine => Url.Scheme == Uri.UriSchemeHttp && !IsLoopback;

        /// <summary>An endpoint the module knows (a partition's IAM endpoint): no checks needed.</summary>
        internal static AwsEndpointUrl Known(Uri url) => new AwsEndpointUrl(url);

        /// <summary>Null for a missing or blank value, else <see cref="Parse"/>.</summary>
        public static AwsEndpointUrl ParseOptional(string value, string example) =>
            string.IsNullOrWhiteSpace(value) ? null : Parse(value, example);

        /// <summary>False for anything <see cref="Parse"/> refuses, blank included.</summary>
        public static bool TryParse(string value, out AwsEndpointUrl endpoint)
        {
            endpoint = null;
            return !string.IsNullOrWhiteSpace(value) && Check(value, string.Empty, out endpoint) == null;
        }

        /// <summary>
        /// The endpoint, or EndpointUrlInvalid / EndpointUrlHasUserInfo. <paramref name="example"/> is a correct
        /// endpoint for the service, for the message (https://sts.eu-west-1.amazonaws.com).
        /// </summary>
        public static AwsEndpointUrl Parse(string value, string example)
        {
            SemaphoreOidcException problem = Check(value, example, out AwsEndpointUrl endpoint);
            if (problem != null) throw problem;
            return endpoint;
        }

        private static SemaphoreOidcException Check(string value, string example, out AwsEndpointUrl endpoint)
        {
            endpoint = null;
            string text = value?.Trim();
            if (string.IsNullOrEmpty(text) || !Uri.TryCreate(text, UriKind.Absolute, out Uri url) ||
                (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(url.Host))
            {
                string shown = InputText.WithoutUserInfo(text);
                return new SemaphoreOidcException(AwsErrorIds.EndpointUrlInvalid, ErrorKind.InvalidArgument,
                    $"'{InputText.Show(shown)}' is not an absolute http(s) URL such as {example}.", shown);
            }

            var parsed = new AwsEndpointUrl(url);

            // AWS endpoints authenticate requests by signature or by the token in the body, never by URL user
            // information, so a name or password there is a mistake at best and a secret bound for every log at
            // worst: refused, and never repeated in the message or the error's target.
            if (!string.IsNullOrEmpty(url.UserInfo))
            {
                return new SemaphoreOidcException(AwsErrorIds.EndpointUrlHasUserInfo, ErrorKind.InvalidArgument,
                    $"The endpoint URL {parsed.Display} has user information before '@' (a name or password): AWS endpoints take none, " +
                    "and it would be written to logs. Remove it; credentials come from the AWS credential chain, and the OIDC token from the job.",
                    parsed.Display);
            }

            // A query or fragment would be dropped from every request: refuse it rather than ignore it.
            if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            {
                return new SemaphoreOidcException(AwsErrorIds.EndpointUrlInvalid, ErrorKind.InvalidArgument,
                    $"The endpoint URL {parsed.Display} has a query or fragment; an endpoint is a scheme, host, optional port and path, such as {example}.",
                    parsed.Display);
            }

            endpoint = parsed;
            return null;
        }

        private static bool IsLoopbackHost(Uri url)
        {
            string host = url.Host;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host.Trim('[', ']'), out IPAddress address) && IPAddress.IsLoopback(address);
        }

        public override string ToString() => Display;
    }
}
