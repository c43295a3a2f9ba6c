using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Providers
{
    /// <summary>
    /// Stable error ids of issuers and IAM OIDC providers: the issuer URL, audiences, thumbprints, and finding a
    /// provider (docs/aws-names.md, "OIDC providers"). They become FullyQualifiedErrorIds.
    /// </summary>
    public static class ProviderErrorIds
    {
        [ErrorId("The organisation name is not the <org> of https://<org>.semaphoreci.com (letters, digits and dashes).",
            "Give the organisation as in its Semaphore URL; for self-hosted Semaphore give the issuer URL instead.", ErrorKind.InvalidArgument)]
        public const string OrganizationInvalid = nameof(OrganizationInvalid);

        [ErrorId("The issuer URL is not one IAM accepts for a provider: https, a DNS host and optional path, no port, query, fragment or trailing slash.",
            "Give the issuer exactly as Semaphore's tokens carry it in iss, such as https://my-org.semaphoreci.com.", ErrorKind.InvalidArgument)]
        public const string IssuerUrlInvalid = nameof(IssuerUrlInvalid);

        [ErrorId("An audience (client id) is not 1-255 characters, or there are more than 100.",
            "Give the audiences the tokens carry, 1-255 characters each, at most 100.", ErrorKind.InvalidArgument)]
        public const string AudienceInvalid = nameof(AudienceInvalid);

        [ErrorId("A thumbprint is not 40 hexadecimal characters (SHA-1), or there are more than 5.",
            "Give at most 5 SHA-1 thumbprints, or leave them out: IAM no longer needs them for most issuers.", ErrorKind.InvalidArgument)]
        public const string ThumbprintInvalid = nameof(ThumbprintInvalid);

        [ErrorId("The certificate chain of the issuer's key-set host could not be read to compute a thumbprint.",
            "Check the network path to the issuer, or give the thumbprint yourself.", ErrorKind.ConnectionError)]
        public const string ThumbprintUnavailable = nameof(ThumbprintUnavailable);

        [ErrorId("The account has no IAM OIDC provider for the issuer.",
            "Create it with New-SemaphoreOidcProvider, or check the organisation, issuer URL and account.", ErrorKind.ObjectNotFound)]
        public const string ProviderNotFound = nameof(ProviderNotFound);
    }
}
