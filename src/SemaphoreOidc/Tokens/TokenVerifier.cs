using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Logging;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Verifies a Semaphore OIDC token the way STS will: signature against the published keys of an issuer the
    /// caller pinned, issuer, audience and lifetime. Doing it locally turns STS's terse <c>InvalidIdentityToken</c> into an
    /// error that names the failing check.
    /// </summary>
    public static class TokenVerifier
    {
        /// <summary>
        /// Asymmetric algorithms only. <c>none</c> would accept unsigned tokens and HS* would let anyone who
        /// knows the (public!) JWKS forge one, the classic JWT algorithm-confusion attacks.
        /// </summary>
        public static readonly IReadOnlyList<string> AllowedAlgorithms = new[]
        {
            SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
            SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
            SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        };

        static TokenVerifier()
        {
            // IdentityModel can put tokens and keys into exception messages and traces when these are on.
            // They are off by default; pin them so no other code in the process turns them on for us.
            IdentityModelEventSource.ShowPII = false;
            IdentityModelEventSource.LogCompleteSecurityArtifact = false;
        }

        /// <summary>
        /// Verifies <paramref name="token"/> against the issuer pinned in <paramref name="options"/> (required):
        /// the token's <c>iss</c> must be that issuer, the issuer's discovery document must name itself, the
        /// signature must match a key the issuer publishes, the audience must be the expected one (default: the
        /// pinned issuer URL) and the token must be within its lifetime (docs/semaphore-token.md, "What -Verify checks").
        /// </summary>
        public static async Task<SemaphoreToken> VerifyAsync(string token, HttpClient http, TokenVerificationOptions options, CancellationToken ct)
        {
            if (http == null) throw new ArgumentNullException(nameof(http));
            options = options ?? new TokenVerificationOptions();
            IExchangeLog log = options.Log ?? SilentLog.Instance;

            SemaphoreToken decoded = TokenReader.Read(token);
            IssuerPin pin = options.Issuer ?? throw IssuerPin.NotPinned();
            string issuer = pin.Url.Value;
            DateTime now = (options.UtcNow ?? (() => DateTime.UtcNow))().ToUniversalTime();

            // Everything that can be decided from the token alone is decided before any network call, and
            // nothing the token names is ever fetched: a token from another issuer stops here.
            EnsureAlgorithmAllowed(decoded);
            EnsureIssuerIsHttps(decoded);
            if (!string.Equals(decoded.Issuer, issuer, StringComparison.Ordinal))
            {
                throw IssuerMismatch(decoded, pin);
            }

            IssuerMetadata metadata;
            using (var fetch = new IssuerFetch(http, options.FetchLimits, ct))
            {
                metadata = await IssuerMetadataCache.GetAsync(pin.Url, fetch, now, forceRefresh: false, log).ConfigureAwait(false);
                if (decoded.KeyId != null && !metadata.HasKey(decoded.KeyId))
                {
                    // Unknown kid: the issuer may have rotated keys since we cached its JWKS. Refetch once.
                    log.Verbose($"Key id '{Shown(decoded.KeyId)}' is not in the cached key set of {issuer}; fetching it again.");
                    metadata = await IssuerMetadataCache.GetAsync(pin.Url, fetch, now, forceRefresh: true, log).ConfigureAwait(false);
                    if (!metadata.HasKey(decoded.KeyId))
                    {
                        throw new SemaphoreOidcException(TokenErrorIds.TokenKeyNotFound, ErrorKind.SecurityError,
                            $"The token was signed with key id '{Shown(decoded.KeyId)}', which is not in the key set of {issuer} at {metadata.JwksUri}. " +
                            "The token was not issued by this issuer, or the key was retired: use a token from the current job.",
                            decoded.KeyId);
                    }
                }
            }

            TimeSpan skew = options.ClockSkew < TimeSpan.Zero ? TimeSpan.Zero : options.ClockSkew;
            var parameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = options.ExpectedAudience ?? issuer,
                IssuerSigningKeys = metadata.SigningKeys,
                ValidAlgorithms = AllowedAlgorithms,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                // Lifetime is checked below with the caller's clock (options.UtcNow), which IdentityModel's
                // netstandard2.0 build cannot be given; signature, issuer and audience are checked here.
                ValidateLifetime = false,
                ClockSkew = skew,
                // Semaphore's aud is the issuer URL with no trailing slash; compare exactly, as STS does.
                IgnoreTrailingSlashWhenValidatingAudience = false,
                LogValidationExceptions = false,
                IncludeTokenOnFailedValidation = false,
            };

            TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(decoded.RawToken, parameters).ConfigureAwait(false);
            if (!result.IsValid)
            {
                throw Translate(result.Exception, decoded, pin, parameters.ValidAudience, now);
            }

            // STS rejects a token without exp; say so here rather than after a round trip.
            if (!decoded.ExpiresAt.HasValue) throw Translate(new SecurityTokenNoExpirationException(), decoded, pin, parameters.ValidAudience, now);
            TokenLifetime.EnsureNotExpired(decoded, now, skew);
            return decoded;
        }

        private static void EnsureAlgorithmAllowed(SemaphoreToken token)
        {
            foreach (string allowed in AllowedAlgorithms)
            {
                if (string.Equals(allowed, token.Algorithm, StringComparison.Ordinal)) return;
            }
            throw new SemaphoreOidcException(TokenErrorIds.TokenAlgorithmNotAllowed, ErrorKind.SecurityError,
                $"The token's signing algorithm '{token.Algorithm}' is not accepted. Only asymmetric signatures " +
                $"({string.Join(", ", AllowedAlgorithms)}) can be checked against an issuer's public keys; Semaphore signs with RS256.",
                token.Algorithm);
        }

        private static void EnsureIssuerIsHttps(SemaphoreToken token)
        {
            string issuer = token.Issuer;
            // STS and IAM only accept https provider URLs, and fetching keys over plain HTTP proves nothing.
            if (string.IsNullOrEmpty(issuer) || !Uri.TryCreate(issuer, UriKind.Absolute, out Uri uri) ||
                !string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal) ||
                !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new SemaphoreOidcException(TokenErrorIds.TokenIssuerNotHttps, ErrorKind.SecurityError,
                    $"The token's issuer '{Shown(issuer)}' is not an absolute https:// URL without query or fragment. " +
                    "Semaphore issuers look like https://<org>.semaphoreci.com; this token cannot be verified.",
                    issuer);
            }
        }

        private static SemaphoreOidcException IssuerMismatch(SemaphoreToken token, IssuerPin pin) =>
            new SemaphoreOidcException(TokenErrorIds.TokenIssuerMismatch, ErrorKind.SecurityError,
                $"The token's issuer is '{Shown(token.Issuer)}' but the issuer pinned by {pin.Description} is '{pin.Url.Value}'. " +
                "A token that names another issuer is not trusted, whatever that issuer publishes: use a token from a job of the expected " +
                "organisation, or pin the issuer the token should come from.",
                token.Issuer);

        /// <summary>A claim or header value the token's author chose, made safe to print: one line, at most 200 characters.</summary>
        private static string Shown(string value)
        {
            if (value == null) return "(none)";
            var text = new System.Text.StringBuilder(Math.Min(value.Length, 201));
            foreach (char c in value)
            {
                if (text.Length == 200)
                {
                    text.Append("...");
                    break;
                }
                text.Append(char.IsControl(c) ? ' ' : c);
            }
            return text.ToString();
        }

        // The library's messages are not passed on: they can quote the token or key material when PII
        // logging is on somewhere in the process, and they do not say what to do.
        private static SemaphoreOidcException Translate(Exception ex, SemaphoreToken token, IssuerPin pin, string expectedAudience, DateTime now)
        {
            switch (ex)
            {
                case SecurityTokenExpiredException _:
                    return TokenLifetime.Expired(token, now);
                case SecurityTokenNotYetValidException _:
                    return TokenLifetime.NotYetValid(token, now);
                case SecurityTokenNoExpirationException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenMalformed, ErrorKind.InvalidData,
                        "The token has no 'exp' (expiry) claim; Semaphore always sets one and STS rejects tokens without it.",
                        token.ToString());
                case SecurityTokenInvalidAudienceException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenAudienceMismatch, ErrorKind.SecurityError,
                        $"The token's audience is '{string.Join("', '", token.Audiences)}' but '{expectedAudience}' was expected. " +
                        "Semaphore sets the audience to the organisation URL unless the organisation configured its own; expect that audience instead. " +
                        "The IAM OIDC provider's client ids must include it too.",
                        token.Audience);
                case SecurityTokenInvalidIssuerException _:
                    return IssuerMismatch(token, pin);
                case SecurityTokenInvalidAlgorithmException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenAlgorithmNotAllowed, ErrorKind.SecurityError,
                        $"The token's signing algorithm '{token.Algorithm}' is not accepted, or does not match its signing key.",
                        token.Algorithm);
                case SecurityTokenSignatureKeyNotFoundException _ when token.KeyId == null:
                    // Without a kid every published key was tried and none verified the signature.
                    return new SemaphoreOidcException(TokenErrorIds.TokenSignatureInvalid, ErrorKind.SecurityError,
                        $"The token has no key id and its signature matches none of the keys '{pin.Url.Value}' publishes. " +
                        "The token was altered or was not issued by that issuer: use the unmodified SEMAPHORE_OIDC_TOKEN of the current job.",
                        token.Issuer);
                case SecurityTokenSignatureKeyNotFoundException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenKeyNotFound, ErrorKind.SecurityError,
                        $"No key in the issuer's key set matches the token's key id '{Shown(token.KeyId)}'.",
                        token.KeyId);
                case SecurityTokenInvalidSignatureException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenSignatureInvalid, ErrorKind.SecurityError,
                        "The token's signature does not match the issuer's published key. The token was altered or was not issued by " +
                        $"'{pin.Url.Value}': use the unmodified SEMAPHORE_OIDC_TOKEN of the current job.",
                        token.Issuer);
                case SecurityTokenMalformedException _:
                case ArgumentException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenMalformed, ErrorKind.InvalidData,
                        "The Semaphore OIDC token is malformed: it could not be validated as a signed JSON Web Token.",
                        token.ToString());
                default:
                    return new SemaphoreOidcException(TokenErrorIds.TokenValidationFailed, ErrorKind.SecurityError,
                        $"The token failed validation ({ex?.GetType().Name ?? "unknown reason"}).",
                        token.ToString());
            }
        }
    }
}
