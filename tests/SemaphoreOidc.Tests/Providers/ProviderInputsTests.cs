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
    }
}
