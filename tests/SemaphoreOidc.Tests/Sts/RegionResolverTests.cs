using System.Collections.Generic;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    public class RegionResolverTests
    {
        private static System.Func<string, string> Env(Dictionary<string, string> values) =>
            name => values.TryGetValue(name, out var v) ? v : null;

        [Fact]
        public void Parameter_then_AWS_REGION_then_AWS_DEFAULT_REGION_then_fallback()
        {
            var env = new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1", ["AWS_DEFAULT_REGION"] = "eu-central-1" };
            Assert.Equal(("ap-south-1", RegionSource.Parameter), Pair(RegionResolver.Resolve("ap-south-1", Env(env))));
            Assert.Equal(("eu-west-1", RegionSource.AwsRegion), Pair(RegionResolver.Resolve(null, Env(env))));
            env.Remove("AWS_REGION");
            Assert.Equal(("eu-central-1", RegionSource.AwsDefaultRegion), Pair(RegionResolver.Resolve("", Env(env))));
            env.Clear();
            Assert.Equal(("us-east-1", RegionSource.Fallback), Pair(RegionResolver.Resolve(null, Env(env))));
        }

        [Theory]
        [InlineData("us-gov-west-1")]
        [InlineData("cn-north-1")]
        [InlineData("eu-central-2")]
        public void Accepts_real_region_shapes(string region) => Assert.Equal(region, RegionResolver.Resolve(region, _ => null).Name);

        [Theory]
        [InlineData("US-EAST-1")]
        [InlineData("useast1")]
        [InlineData("https://sts.amazonaws.com")]
        public void Refuses_what_is_not_a_region(string region)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => RegionResolver.Resolve(region, _ => null));
            Assert.Equal("RegionInvalid", error.ErrorId);
        }

        private static (string, RegionSource) Pair(ResolvedRegion r) => (r.Name, r.Source);
    }
}
