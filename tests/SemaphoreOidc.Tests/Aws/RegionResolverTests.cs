using System.Collections.Generic;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
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
        [InlineData("us-isob-east-1")]
        [InlineData("eusc-de-east-1")]
        public void Accepts_real_region_shapes(string region) => Assert.Equal(region, RegionResolver.Resolve(region, _ => null).Name);

        [Theory]
        [InlineData("US-EAST-1")]
        [InlineData("useast1")]
        [InlineData("https://sts.amazonaws.com")]
        // What a shell or a file would read as more than a region.
        [InlineData("us-east-1$(id)\nX")]
        [InlineData("us-east-1\nAWS_SECRET_ACCESS_KEY=x")]
        [InlineData("us-east-1;id")]
        [InlineData("us-east-1 ")]
        // .NET's \d and $ would have let these through: Arabic-Indic digit one, a trailing newline.
        [InlineData("us-east-\u0661")]
        [InlineData("us-east-1\n")]
        public void Refuses_what_is_not_a_region(string region)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => RegionResolver.Validate(region, "test"));
            Assert.Equal("RegionInvalid", error.ErrorId);
            Assert.Equal(region, error.Target);
            Assert.DoesNotContain("\n", error.Message);
        }

        [Theory]
        [InlineData("AWS_REGION")]
        [InlineData("AWS_DEFAULT_REGION")]
        public void A_bad_region_in_the_environment_is_refused_naming_the_variable(string variable)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() =>
                RegionResolver.Resolve(null, Env(new Dictionary<string, string> { [variable] = "us-east-1$(id)" })));
            Assert.Equal("RegionInvalid", error.ErrorId);
            Assert.Contains(variable, error.Message);
        }

        [Fact]
        public void Completion_offers_only_regions_the_check_accepts()
        {
            string[] names = AwsRegions.SystemNames();
            Assert.Contains("us-east-1", names);
            Assert.Contains("eusc-de-east-1", names);
            Assert.All(names, n => Assert.True(RegionResolver.IsValid(n), n));
        }

        private static (string, RegionSource) Pair(ResolvedRegion r) => (r.Name, r.Source);
    }
}
