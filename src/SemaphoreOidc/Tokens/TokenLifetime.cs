using System;
using System.Globalization;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Checks <c>exp</c> and <c>nbf</c> the way STS does, with a tolerance for clock differences between the
    /// job's machine, Semaphore and AWS. Semaphore tokens live 24 hours (docs/semaphore-token.md), so an expired
    /// one usually means a token copied out of an old job, not a slow job.
    /// </summary>
    public static class TokenLifetime
    {
        /// <summary>Throws <c>TokenExpired</c> or <c>TokenNotYetValid</c> when the token is outside its lifetime.</summary>
        public static void EnsureNotExpired(SemaphoreToken token, DateTime utcNow, TimeSpan skew)
        {
            if (token == null) throw new ArgumentNullException(nameof(token));
            utcNow = utcNow.ToUniversalTime();
            if (skew < TimeSpan.Zero) skew = TimeSpan.Zero;

            if (token.ExpiresAt.HasValue && utcNow >= SafeAdd(token.ExpiresAt.Value, skew))
            {
                throw Expired(token, utcNow);
            }

            if (token.NotBefore.HasValue && utcNow < SafeAdd(token.NotBefore.Value, -skew))
            {
                throw NotYetValid(token, utcNow);
            }
        }

        internal static SemaphoreOidcException Expired(SemaphoreToken token, DateTime utcNow) =>
            new SemaphoreOidcException(TokenErrorIds.TokenExpired, ErrorKind.AuthenticationError,
                $"The Semaphore OIDC token expired at {Iso(token.ExpiresAt)}; it is now {Iso(utcNow)}. " +
                "Semaphore issues a fresh token to every job: use SEMAPHORE_OIDC_TOKEN from the current job, " +
                "and check the machine's clock if the times look wrong.",
                token.ToString());

        internal static SemaphoreOidcException NotYetValid(SemaphoreToken token, DateTime utcNow) =>
            new SemaphoreOidcException(TokenErrorIds.TokenNotYetValid, ErrorKind.AuthenticationError,
                $"The Semaphore OIDC token is not valid before {Iso(token.NotBefore)}; it is now {Iso(utcNow)}. " +
                "The machine's clock is probably behind: synchronise it (NTP) and try again.",
                token.ToString());

        internal static string Iso(DateTime? time) =>
            time.HasValue
                ? time.Value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                : "(unknown)";

        private static DateTime SafeAdd(DateTime time, TimeSpan delta)
        {
            if (delta > TimeSpan.Zero && DateTime.MaxValue - time < delta) return DateTime.MaxValue;
            if (delta < TimeSpan.Zero && time - DateTime.MinValue < -delta) return DateTime.MinValue;
            return time + delta;
        }
    }
}
