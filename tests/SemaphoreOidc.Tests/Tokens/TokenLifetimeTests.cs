using System;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Tokens
{
    public class TokenLifetimeTests
    {
        private readonly TestIssuer _issuer = new TestIssuer();
        private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

        [Fact]
        public void Fresh_token_passes()
        {
            var t = TokenReader.Read(_issuer.Token());
            TokenLifetime.EnsureNotExpired(t, TestIssuer.Now.AddHours(1), Skew);
            Assert.False(t.IsExpired(TestIssuer.Now.AddHours(1)));
        }

        [Fact]
        public void Expired_token_gives_both_times()
        {
            var t = TokenReader.Read(_issuer.Token());
            DateTime now = TestIssuer.Now.AddHours(25);
            var ex = Assert.Throws<SemaphoreOidcException>(() => TokenLifetime.EnsureNotExpired(t, now, Skew));
            Assert.Equal("TokenExpired", ex.ErrorId);
            Assert.Equal(ErrorKind.AuthenticationError, ex.Kind);
            Assert.Contains("2026-11-29T12:00:00Z", ex.Message);
            Assert.Contains("2026-11-29T13:00:00Z", ex.Message);
            Assert.DoesNotContain(t.RawToken.Split('.')[1], ex.Message);
            Assert.True(t.IsExpired(now));
        }

        [Fact]
        public void Skew_tolerates_small_clock_differences()
        {
            var t = TokenReader.Read(_issuer.Token());
            TokenLifetime.EnsureNotExpired(t, TestIssuer.Now.AddHours(24).AddSeconds(59), Skew);
            TokenLifetime.EnsureNotExpired(t, TestIssuer.Now.AddSeconds(-59), Skew);
            Assert.Throws<SemaphoreOidcException>(() => TokenLifetime.EnsureNotExpired(t, TestIssuer.Now.AddHours(24).AddSeconds(60), Skew));
        }

        [Fact]
        public void Token_from_the_future_is_not_yet_valid()
        {
            var t = TokenReader.Read(_issuer.Token());
            var ex = Assert.Throws<SemaphoreOidcException>(() => TokenLifetime.EnsureNotExpired(t, TestIssuer.Now.AddMinutes(-5), Skew));
            Assert.Equal("TokenNotYetValid", ex.ErrorId);
            Assert.Contains("2026-11-28T12:00:00Z", ex.Message);
            Assert.Contains("2026-11-28T11:55:00Z", ex.Message);
        }
    }
}
