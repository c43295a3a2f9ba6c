using System;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The issuer a token is verified against, chosen by the caller and never read from the token: anyone can
    /// run an OIDC issuer, publish a key set and sign tokens whose <c>iss</c> and <c>aud</c> name it, so a
    /// verifier that trusted the token's own <c>iss</c> would "verify" any forgery (docs/semaphore-token.md,
    /// "Why the issuer is pinned").
    /// </summary>
    public sealed class IssuerPin
    {
        /// <summary>Set by Semaphore in every job to the organisation's URL, e.g. https://my-org.semaphoreci.com.</summary>
        public const string OrganizationUrlVariable = "SEMAPHORE_ORGANIZATION_URL";

        private IssuerPin(IssuerUrl url, IssuerPinSource source, string description)
        {
            Url = url;
            Source = source;
            Description = description;
        }

        /// <summary>The pinned issuer, exactly as genuine tokens carry it in <c>iss</c>.</summary>
        public IssuerUrl Url { get; }

        /// <summary>Where the pin came from: the caller's organisation or issuer URL, or the job's environment.</summary>
        public IssuerPinSource Source { get; }

        /// <summary>Where the pin came from, in words ("organisation my-org", "the issuer URL given", SEMAPHORE_ORGANIZATION_URL).</summary>
        public string Description { get; }

        /// <summary>https://&lt;org&gt;.semaphoreci.com; OrganizationInvalid for anything that is not an organisation name.</summary>
        public static IssuerPin ForOrganization(string organization)
        {
            IssuerUrl url = IssuerUrl.ForOrganization(organization);
            return new IssuerPin(url, IssuerPinSource.Organization, "organisation " + organization.Trim());
        }

        /// <summary>A self-hosted Semaphore's issuer; IssuerUrlInvalid unless it is an https URL as tokens carry it.</summary>
        public static IssuerPin ForIssuerUrl(string issuerUrl) => new IssuerPin(IssuerUrl.Parse(issuerUrl), IssuerPinSource.IssuerUrl, "the issuer URL given");

        /// <summary>
        /// The organisation URL Semaphore gives every job, or null when it is not set. A trailing slash is
        /// dropped (the variable is Semaphore's, not the user's typing); anything else that is not an https
        /// issuer URL is <c>OrganizationUrlInvalid</c>.
        /// </summary>
        public static IssuerPin FromEnvironment(Func<string, string> environment = null)
        {
            string value = (environment ?? Environment.GetEnvironmentVariable)(OrganizationUrlVariable);
            if (string.IsNullOrWhiteSpace(value)) return null;
            string trimmed = value.Trim().TrimEnd('/');
            try
            {
                return new IssuerPin(IssuerUrl.Parse(trimmed), IssuerPinSource.Environment, OrganizationUrlVariable);
            }
            catch (SemaphoreOidcException ex)
            {
                throw new SemaphoreOidcException(TokenErrorIds.OrganizationUrlInvalid, ErrorKind.InvalidArgument,
                    $"{OrganizationUrlVariable} cannot name the issuer to verify against: {ex.Message} " +
                    "Or name the organisation or the issuer URL explicitly.",
                    OrganizationUrlVariable, ex);
            }
        }

        /// <summary>
        /// The one rule for choosing the issuer: the organisation, else the issuer URL, else the job's
        /// SEMAPHORE_ORGANIZATION_URL; with none of them, <c>TokenIssuerNotPinned</c>.
        /// </summary>
        public static IssuerPin Resolve(string organization, string issuerUrl, Func<string, string> environment = null)
        {
            if (organization != null && issuerUrl != null)
            {
                throw new ArgumentException("Give an organisation or an issuer URL, not both.", nameof(issuerUrl));
            }

            if (organization != null) return ForOrganization(organization);
            if (issuerUrl != null) return ForIssuerUrl(issuerUrl);
            return FromEnvironment(environment) ?? throw NotPinned();
        }

        internal static SemaphoreOidcException NotPinned() =>
            new SemaphoreOidcException(TokenErrorIds.TokenIssuerNotPinned, ErrorKind.InvalidArgument,
                "Cannot verify the token: no issuer to verify it against. The token's own 'iss' claim cannot be trusted for this, " +
                "because anyone can run an issuer and sign tokens that name it. Name the organisation (https://<org>.semaphoreci.com) " +
                $"or the issuer URL (self-hosted Semaphore), or run inside a Semaphore job, where {OrganizationUrlVariable} names the organisation.",
                OrganizationUrlVariable);

        public override string ToString() => Url.Value;
    }

    /// <summary>Where an <see cref="IssuerPin"/> came from.</summary>
    public enum IssuerPinSource
    {
        /// <summary>An organisation name: https://&lt;org&gt;.semaphoreci.com.</summary>
        Organization,

        /// <summary>An issuer URL (self-hosted Semaphore).</summary>
        IssuerUrl,

        /// <summary>The job's SEMAPHORE_ORGANIZATION_URL.</summary>
        Environment,
    }
}
