using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Logging;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Verifies a Semaphore OIDC token the way STS will: signature against the issuer's published keys,
    /// issuer, audience and lifetime. Doing it locally turns STS's terse <c>InvalidIdentityToken</c> into an
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

        public static async Task<SemaphoreToken> VerifyAsync(string token, HttpClient http, TokenVerificationOptions options, CancellationToken ct)
        {
            if (http == null) throw new ArgumentNullException(nameof(http));
            options = options ?? new TokenVerificationOptions();

            SemaphoreToken decoded = TokenReader.Read(token);
            DateTime now = (options.UtcNow ?? (() => DateTime.UtcNow))().ToUniversalTime();

            // Everything that can be decided from the token alone is decided before any network call.
            EnsureAlgorithmAllowed(decoded);
            string issuer = decoded.Issuer;
            if (options.ExpectedIssuer != null && !string.Equals(issuer, options.ExpectedIssuer, StringComparison.Ordinal))
            {
                throw IssuerMismatch(decoded, options.ExpectedIssuer);
            }
            EnsureIssuerIsHttps(decoded);

            IssuerMetadata metadata = await IssuerMetadataCache.GetAsync(issuer, http, now, forceRefresh: false, ct).ConfigureAwait(false);
            if (decoded.KeyId != null && !metadata.HasKey(decoded.KeyId))
            {
                // Unknown kid: the issuer may have rotated keys since we cached its JWKS. Refetch once.
                metadata = await IssuerMetadataCache.GetAsync(issuer, http, now, forceRefresh: true, ct).ConfigureAwait(false);
                if (!metadata.HasKey(decoded.KeyId))
                {
                    throw new SemaphoreOidcException(TokenErrorIds.TokenKeyNotFound, ErrorKind.SecurityError,
                        $"The token was signed with key id '{decoded.KeyId}', which is not in the issuer's key set at {metadata.JwksUri}. " +
                        "The token was not issued by this issuer, or the key was retired: use a token from the current job.",
                        decoded.KeyId);
                }
            }

            TimeSpan skew = options.ClockSkew < TimeSpan.Zero ? TimeSpan.Zero : options.ClockSkew;
            var parameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = options.ExpectedAudience ?? issuer,
                IssuerSigningKeys = metadata.Keys.GetSigningKeys(),
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
                throw Translate(result.Exception, decoded, parameters.ValidAudience, now);
            }

            // STS rejects a token without exp; say so here rather than after a round trip.
            if (!decoded.ExpiresAt.HasValue) throw Translate(new SecurityTokenNoExpirationException(), decoded, parameters.ValidAudience, now);
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
                    $"The token's issuer '{issuer ?? "(none)"}' is not an absolute https:// URL without query or fragment. " +
                    "Semaphore issuers look like https://<org>.semaphoreci.com; this token cannot be verified.",
                    issuer);
            }
        }

        private static SemaphoreOidcException IssuerMismatch(SemaphoreToken token, string expected) =>
            new SemaphoreOidcException(TokenErrorIds.TokenIssuerMismatch, ErrorKind.SecurityError,
                $"The token's issuer is '{token.Issuer ?? "(none)"}' but '{expected}' was expected. " +
                "Use a token from a job of the expected organisation, or change the expected issuer.",
                token.Issuer);

        // The library's messages are not passed on: they can quote the token or key material when PII
        // logging is on somewhere in the process, and they do not say what to do.
        private static SemaphoreOidcException Translate(Exception ex, SemaphoreToken token, string expectedAudience, DateTime now)
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
                        "Semaphore sets the audience to the organisation URL; the IAM OIDC provider's client id must be that same URL.",
                        token.Audience);
                case SecurityTokenInvalidIssuerException _:
                    return IssuerMismatch(token, token.Issuer);
                case SecurityTokenInvalidAlgorithmException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenAlgorithmNotAllowed, ErrorKind.SecurityError,
                        $"The token's signing algorithm '{token.Algorithm}' is not accepted, or does not match its signing key.",
                        token.Algorithm);
                case SecurityTokenSignatureKeyNotFoundException _ when token.KeyId == null:
                    // Without a kid every published key was tried and none verified the signature.
                    return new SemaphoreOidcException(TokenErrorIds.TokenSignatureInvalid, ErrorKind.SecurityError,
                        $"The token has no key id and its signature matches none of the keys '{token.Issuer}' publishes. " +
                        "The token was altered or was not issued by that issuer: use the unmodified SEMAPHORE_OIDC_TOKEN of the current job.",
                        token.Issuer);
                case SecurityTokenSignatureKeyNotFoundException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenKeyNotFound, ErrorKind.SecurityError,
                        $"No key in the issuer's key set matches the token's key id '{token.KeyId ?? "(none)"}'.",
                        token.KeyId);
                case SecurityTokenInvalidSignatureException _:
                    return new SemaphoreOidcException(TokenErrorIds.TokenSignatureInvalid, ErrorKind.SecurityError,
                        "The token's signature does not match the issuer's published key. The token was altered or was not issued by " +
                        $"'{token.Issuer}': use the unmodified SEMAPHORE_OIDC_TOKEN of the current job.",
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
