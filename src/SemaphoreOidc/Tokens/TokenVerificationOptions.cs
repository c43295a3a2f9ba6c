using System;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Tokens
{
    /// <summary>What <see cref="TokenVerifier"/> checks a token against.</summary>
    public sealed class TokenVerificationOptions
    {
        /// <summary>
        /// The issuer the token must come from (<see cref="IssuerPin.Resolve"/>). Required: without it verification
        /// refuses with <c>TokenIssuerNotPinned</c>, because a token's own <c>iss</c> can name any issuer an attacker
        /// runs. The token's <c>iss</c> must equal it before any network call, and discovery and keys are fetched
        /// from it, never from the token's claim.
        /// </summary>
        public IssuerPin Issuer { get; set; }

        /// <summary>
        /// The audience the token must carry. Null means the pinned issuer URL (never the token's own claim):
        /// Semaphore sets <c>aud</c> to the organisation URL, and that is the client id an IAM OIDC provider for
        /// Semaphore is registered with.
        /// </summary>
        public string ExpectedAudience { get; set; }

        /// <summary>Timeouts and the size limit for the issuer requests; null means <see cref="IssuerFetchLimits.Default"/>.</summary>
        public IssuerFetchLimits FetchLimits { get; set; }

        /// <summary>Where progress goes (the cmdlet's verbose stream); null for none. Never given the token.</summary>
        public IExchangeLog Log { get; set; }

        /// <summary>Tolerance for clock differences on <c>exp</c> and <c>nbf</c>.</summary>
        public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The current UTC time; tests replace it.</summary>
        public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;
    }
}
