using System;
using System.Linq;
using SemaphoreOidc.Aws;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class RetryPolicyTests
    {
        // Delay before retry n with a 100 ms base and a 1 s cap: within [low, high] milliseconds, as documented
        // (docs/aws-calls.md): the window doubles with each retry until the cap, half fixed and half random.
        [Theory]
        [InlineData(1, 50, 100)]
        [InlineData(2, 100, 200)]
        [InlineData(3, 200, 400)]
        [InlineData(4, 400, 800)]
        [InlineData(5, 500, 1000)]
        [InlineData(9, 500, 1000)]
        [InlineData(40, 500, 1000)]
        public void Each_retry_waits_within_its_window_and_never_past_the_cap(int retry, double low, double high)
        {
            var policy = new RetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(7));
            var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayBefore(retry).TotalMilliseconds).ToArray();
            Assert.All(delays, ms => Assert.InRange(ms, low, high));
            // Jitter spreads the whole window, not a corner of it: many jobs retrying at once must not stay in step.
            Assert.True(delays.Min() < low + (high - low) * 0.1, $"lowest {delays.Min()} ms");
            Assert.True(delays.Max() > high - (high - low) * 0.1, $"highest {delays.Max()} ms");
            Assert.True(delays.Distinct().Count() > 150, "delays repeat");
        }

        [Fact]
        public void The_same_seed_gives_the_same_delays_and_another_seed_others()
        {
            double[] Delays(int seed)
            {
                var policy = new RetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new Random(seed));
                return Enumerable.Range(1, 6).Select(n => policy.DelayBefore(n).TotalMilliseconds).ToArray();
            }

            Assert.Equal(Delays(1), Delays(1));
            Assert.NotEqual(Delays(1), Delays(2));
        }

        [Fact]
        public void The_default_starts_near_a_fifth_of_a_second_and_stops_growing_at_five_seconds()
        {
            var policy = RetryPolicy.Default();
            Assert.InRange(policy.DelayBefore(1).TotalMilliseconds, 100, 200);
            Assert.InRange(policy.DelayBefore(30).TotalMilliseconds, 2500, 5000);
            Assert.Equal(5, RetryPolicy.DefaultMaxAttempts);
            Assert.Equal(20, RetryPolicy.MaxAllowedAttempts);
            Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.DefaultMaxElapsed);
        }

        [Theory]
        [InlineData("Throttling", 400, FailureClass.Transient)]
        [InlineData("IDPCommunicationError", 400, FailureClass.Transient)]
        [InlineData("InternalFailure", 500, FailureClass.Transient)]
        [InlineData("ServiceFailure", 500, FailureClass.Transient)]
        [InlineData("SomethingNew", 503, FailureClass.Transient)]
        [InlineData("InvalidIdentityToken", 400, FailureClass.Propagation)]
        [InlineData("ConcurrentModification", 409, FailureClass.Conflict)]
        [InlineData("AccessDenied", 403, FailureClass.Final)]
        [InlineData("IDPRejectedClaim", 403, FailureClass.Final)]
        [InlineData("ExpiredTokenException", 400, FailureClass.Final)]
        [InlineData("MalformedPolicyDocument", 400, FailureClass.Final)]
        [InlineData("PackedPolicyTooLarge", 400, FailureClass.Final)]
        [InlineData("RegionDisabledException", 403, FailureClass.Final)]
        [InlineData("NoSuchEntity", 404, FailureClass.Final)]
        [InlineData("EntityAlreadyExists", 409, FailureClass.Final)]
        [InlineData("LimitExceeded", 409, FailureClass.Final)]
        [InlineData("SignatureDoesNotMatch", 403, FailureClass.Final)]
        [InlineData("SomethingNew", 400, FailureClass.Final)]
        public void Retries_only_what_can_succeed(string code, int status, FailureClass expected) =>
            Assert.Equal(expected, AwsErrorCodes.Classify(code, status));

        [Theory]
        [InlineData(FailureClass.Transient, true, 0, true)]
        [InlineData(FailureClass.Network, true, 0, true)]
        [InlineData(FailureClass.Final, true, 0, false)]
        [InlineData(FailureClass.Propagation, true, 0, true)]
        [InlineData(FailureClass.Propagation, true, 1, true)]
        [InlineData(FailureClass.Propagation, true, 2, false)]
        [InlineData(FailureClass.Conflict, true, 0, true)]
        [InlineData(FailureClass.Conflict, false, 0, false)]
        public void A_failure_class_decides_the_retry(FailureClass failure, bool repeatable, int propagationRetries, bool expected) =>
            Assert.Equal(expected, RetryPolicy.Default().Retries(failure, repeatable, propagationRetries));
    }
}
