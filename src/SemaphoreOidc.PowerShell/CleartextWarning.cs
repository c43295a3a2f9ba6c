using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// What a command says, once, before it sends secrets over plain http to another machine (-EndpointUrl
    /// http://... to a host that is not localhost, 127.0.0.0/8 or ::1). Loopback stays quiet: local emulators and
    /// proxies are the usual reason for http, and nothing leaves the machine.
    /// </summary>
    internal static class CleartextWarning
    {
        public static string ForSts(AwsEndpointUrl endpoint) =>
            $"-EndpointUrl {endpoint.Display} is plain http to another machine: the OIDC token (anyone who reads it can assume the role) " +
            "and the credentials STS answers with cross the network unencrypted. Use https.";

        public static string ForIam(AwsEndpointUrl endpoint) =>
            $"-EndpointUrl {endpoint.Display} is plain http to another machine: every IAM request carries your credentials' session token " +
            "and signature, and IAM's answers come back, unencrypted. Use https.";
    }
}
