using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Http
{
    /// <summary>Stable error ids of the HTTP set-up every network command shares (proxy and trusted CAs; docs/aws-calls.md).</summary>
    public static class HttpErrorIds
    {
        [ErrorId("The CA bundle AWS_CA_BUNDLE names cannot be read.",
            "Point AWS_CA_BUNDLE at a readable PEM file, or unset it.", ErrorKind.ReadError)]
        public const string CaBundleUnreadable = nameof(CaBundleUnreadable);

        [ErrorId("The CA bundle AWS_CA_BUNDLE names holds no PEM certificate.",
            "Point AWS_CA_BUNDLE at a file of '-----BEGIN CERTIFICATE-----' blocks, or unset it.", ErrorKind.InvalidData)]
        public const string CaBundleInvalid = nameof(CaBundleInvalid);
    }
}
