using System;

namespace SemaphoreOidc.Tokens
{
    /// <summary>What <see cref="TokenVerifier"/> checks a token against.</summary>
    public sealed class TokenVerificationOptions
    {
        /// <summary>
        /// The audience the token must carry. Null means the token's own issuer URL, because Semaphore sets
        /// <c>aud</c> equal to <c>iss</c> (<c>https://&lt;org&gt;.semaphoreci.com</c>), and that is the client id an
        /// IAM OIDC provider for Semaphore is registered with.
        /// </summary>
        public string ExpectedAudience { get; set; }

        /// <summary>
        /// The issuer the token must come from, compared exactly. When set it is checked before any network
        /// call, so a token naming some other issuer never makes the verifier fetch that issuer's URLs.
        /// </summary>
        public string ExpectedIssuer { get; set; }

        /// <summary>Tolerance for clock differences on <c>exp</c> and <c>nbf</c>.</summary>
        public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The current UTC time; tests replace it.</summary>
        public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;
    }
}
