using System;
using System.Net.Http;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.SecurityToken;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// Signs a Query-protocol POST with AWSSDK.Core's SigV4 signer, so the signature is the SDK's own and not
    /// a hand-written copy. The session token header is added before signing, as SigV4 requires it signed.
    /// </summary>
    internal static class QuerySigner
    {
        public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

        public static HttpRequestMessage CreateSignedRequest(Uri endpoint, string service, string signingRegion, QueryParameters parameters, ImmutableCredentials credentials)
        {
            byte[] body = Encoding.UTF8.GetBytes(parameters.ToFormBody());
            var request = new DefaultRequest(new SignableRequest(), service.ToUpperInvariant())
            {
                Endpoint = new Uri(endpoint.GetLeftPart(UriPartial.Authority)),
                ResourcePath = string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : endpoint.AbsolutePath,
                HttpMethod = "POST",
                Content = body,
                AuthenticationRegion = signingRegion,
            };
            request.Headers["Content-Type"] = ContentType;
            if (credentials.UseToken) request.Headers["X-Amz-Security-Token"] = credentials.Token;

            var config = new AmazonSecurityTokenServiceConfig { AuthenticationServiceName = service, AuthenticationRegion = signingRegion };
            new AWS4Signer().Sign(request, config, null, new ImmutableBackedCredentials(credentials));

            var message = new HttpRequestMessage(HttpMethod.Post, new Uri(request.Endpoint, request.ResourcePath))
            {
                Content = new ByteArrayContent(body),
            };
            foreach (var header in request.Headers)
            {
                if (string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", header.Value);
                }
                else if (string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase))
                {
                    message.Headers.Host = header.Value;
                }
                else if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return message;
        }

        private sealed class SignableRequest : AmazonWebServiceRequest
        {
        }

        /// <summary>The signer wants AWSCredentials; ours are already resolved.</summary>
        private sealed class ImmutableBackedCredentials : AWSCredentials
        {
            private readonly ImmutableCredentials _credentials;

            public ImmutableBackedCredentials(ImmutableCredentials credentials) => _credentials = credentials;

            public override ImmutableCredentials GetCredentials() => _credentials;
        }
    }
}
