using System;
using SemaphoreOidc.Sts;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    public class RetryPolicyTests
    {
        [Fact]
        public void Delays_grow_exponentially_within_jitter_bounds_and_cap()
        {
            var policy = new RetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(7));
            for (int retry = 1; retry <= 8; retry++)
            {
                double ceiling = Math.Min(1000, 100 * Math.Pow(2, retry - 1));
                for (int i = 0; i < 50; i++)
                {
                    double ms = policy.DelayBefore(retry).TotalMilliseconds;
                    Assert.InRange(ms, ceiling / 2, ceiling);
                }
            }
        }

        [Fact]
        public void Jitter_spreads_delays()
        {
            var policy = new RetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new Random(1));
            var first = policy.DelayBefore(3);
            bool differs = false;
            for (int i = 0; i < 20 && !differs; i++) differs = policy.DelayBefore(3) != first;
            Assert.True(differs);
        }

        [Theory]
        [InlineData("Throttling", 400, FailureClass.Transient)]
        [InlineData("IDPCommunicationError", 400, FailureClass.Transient)]
        [InlineData("InternalFailure", 500, FailureClass.Transient)]
        [InlineData("SomethingNew", 503, FailureClass.Transient)]
        [InlineData("InvalidIdentityToken", 400, FailureClass.Propagation)]
        [InlineData("AccessDenied", 403, FailureClass.Final)]
        [InlineData("IDPRejectedClaim", 403, FailureClass.Final)]
        [InlineData("ExpiredTokenException", 400, FailureClass.Final)]
        [InlineData("MalformedPolicyDocument", 400, FailureClass.Final)]
        [InlineData("PackedPolicyTooLarge", 400, FailureClass.Final)]
        [InlineData("RegionDisabledException", 403, FailureClass.Final)]
        [InlineData("SomethingNew", 400, FailureClass.Final)]
        public void Retries_only_what_can_succeed(string code, int status, FailureClass expected) =>
            Assert.Equal(expected, StsFailure.Classify(code, status));
    }
}
