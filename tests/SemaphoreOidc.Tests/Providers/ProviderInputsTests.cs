using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;
using Xunit;

namespace SemaphoreOidc.Tests.Providers
{
    public class ProviderInputsTests
    {
        private static readonly IssuerUrl Issuer = IssuerUrl.ForOrganization("my-org");

        [Fact]
        public void Audience_defaults_to_the_issuer_url() => Assert.Equal(new[] { "https://my-org.semaphoreci.com" }, ProviderInputs.Audiences(null, Issuer));

        [Fact]
        public void Audiences_are_limited()
        {
            Assert.Equal("AudienceInvalid", Assert.Throws<SemaphoreOidcException>(() => ProviderInputs.Audiences(new[] { new string('a', 256) }, Issuer)).ErrorId);
            Assert.Equal("AudienceInvalid", Assert.Throws<SemaphoreOidcException>(() => ProviderInputs.Audiences(Enumerable.Range(0, 101).Select(i => "a" + i), Issuer)).ErrorId);
        }

        [Fact]
        public void Thumbprints_are_normalised_and_checked()
        {
            Assert.Equal(new[] { "990f4193972f2becf12ddeda5237f9c952f20d9e" }, ProviderInputs.Thumbprints(new[] { "99:0F:41:93:97:2F:2B:EC:F1:2D:DE:DA:52:37:F9:C9:52:F2:0D:9E" }));
            Assert.Equal("ThumbprintInvalid", Assert.Throws<SemaphoreOidcException>(() => ProviderInputs.Thumbprints(new[] { "abc" })).ErrorId);
            Assert.Equal("ThumbprintInvalid", Assert.Throws<SemaphoreOidcException>(() => ProviderInputs.Thumbprints(Enumerable.Range(0, 6).Select(i => new string((char)('a' + i), 40)))).ErrorId);
        }

        [Fact]
        public void Tags_follow_IAM_rules()
        {
            Assert.Equal("TagInvalid", Assert.Throws<SemaphoreOidcException>(() => ProviderInputs.Tags(new[] { new KeyValuePair<string, string>("aws:x", "v") })).ErrorId);
            Assert.Equal("TagInvalid", Assert.Throws<SemaphoreOidcException>(() => ProviderInputs.Tags(Enumerable.Range(0, 51).Select(i => new KeyValuePair<string, string>("k" + i, "v")))).ErrorId);
        }

        [Theory]
        [InlineData("arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com", "my-org.semaphoreci.com")]
        [InlineData("arn:aws-cn:iam::123456789012:oidc-provider/ci.example.com/semaphore", "ci.example.com/semaphore")]
        public void Provider_arns_give_the_url(string arn, string url) => Assert.Equal(url, ProviderInputs.UrlOfArn(ProviderInputs.Arn(arn)));

        [Theory]
        [InlineData("arn:aws:iam::123456789012:role/x")]
        [InlineData("arn:aws:iam::12345:oidc-provider/x")]
        [InlineData("my-org.semaphoreci.com")]
        public void Other_arns_are_refused(string arn) =>
            Assert.Equal("ProviderArnInvalid", Assert.Throws<SemaphoreOidcException>(() => ProviderInputs.Arn(arn)).ErrorId);
    }
}
