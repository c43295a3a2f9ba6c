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
        public void NoTokenGivenMeansTheJobsOwn() => Assert.Equal("from-the-job", TokenSource.Resolve(null, Environment));

        [Fact]
        public void AGivenTokenWins() => Assert.Equal("given", TokenSource.Resolve("given", Environment));

        [Fact]
        public void AnEmptyGivenTokenStaysEmptyInsteadOfFallingBackToTheJobs() => Assert.Equal(string.Empty, TokenSource.Resolve(string.Empty, Environment));
    }
}
