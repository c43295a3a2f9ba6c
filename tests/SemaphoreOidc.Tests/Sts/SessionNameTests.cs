using SemaphoreOidc.Sts;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    public class SessionNameTests
    {
        [Theory]
        [InlineData("semaphore-job-1", "semaphore-job-1")]
        [InlineData("a b/c:d", "a-b-c-d")]
        [InlineData("x", "x-")]
        [InlineData("", "--")]
        [InlineData("ünïcode", "-n-code")]
        [InlineData("keep+=,.@-_ok", "keep+=,.@-_ok")]
        public void Makes_any_name_valid(string input, string expected) => Assert.Equal(expected, SessionName.Sanitize(input));

        [Fact]
        public void Truncates_to_64()
        {
            string name = SessionName.Sanitize(new string('a', 100));
            Assert.Equal(64, name.Length);
        }

        [Fact]
        public void Defaults_to_the_job_id_from_the_environment_then_the_token()
        {
            Assert.Equal("semaphore-job-env-id", SessionName.Default("env-id", "token-id"));
            Assert.Equal("semaphore-job-token-id", SessionName.Default(null, "token-id"));
            Assert.Equal("semaphore-job", SessionName.Default(" ", null));
        }
    }
}
