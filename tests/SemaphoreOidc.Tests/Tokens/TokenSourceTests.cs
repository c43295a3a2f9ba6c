using System.Collections.Generic;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Tokens
{
    public class TokenSourceTests
    {
        private static readonly Dictionary<string, string> Job = new Dictionary<string, string> { ["SEMAPHORE_OIDC_TOKEN"] = "from-the-job" };

        private static string Environment(string name) => Job.TryGetValue(name, out string value) ? value : null;

        [Fact]
        public void No_token_given_means_the_jobs_own() => Assert.Equal("from-the-job", TokenSource.Resolve(null, Environment));

        [Fact]
        public void A_given_token_wins() => Assert.Equal("given", TokenSource.Resolve("given", Environment));

        [Fact]
        public void An_empty_given_token_stays_empty_instead_of_falling_back_to_the_jobs() => Assert.Equal(string.Empty, TokenSource.Resolve(string.Empty, Environment));
    }
}
