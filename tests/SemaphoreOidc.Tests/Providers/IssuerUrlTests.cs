using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;
using Xunit;

namespace SemaphoreOidc.Tests.Providers
{
    public class IssuerUrlTests
    {
        [Theory]
        [InlineData("https://my-org.semaphoreci.com", "https://my-org.semaphoreci.com", "my-org.semaphoreci.com")]
        [InlineData("https://CI.Example.com/semaphore", "https://ci.example.com/semaphore", "ci.example.com/semaphore")]
        [InlineData(" https://a.b ", "https://a.b", "a.b")]
        public void Accepts_issuers_IAM_accepts(string input, string value, string hostAndPath)
        {
            var url = IssuerUrl.Parse(input);
            Assert.Equal(value, url.Value);
            Assert.Equal(hostAndPath, url.HostAndPath);
        }

        [Theory]
        [InlineData("http://my-org.semaphoreci.com")]
        [InlineData("https://my-org.semaphoreci.com/")]
        [InlineData("https://my-org.semaphoreci.com:443")]
        [InlineData("https://my-org.semaphoreci.com:8443")]
        [InlineData("https://my-org.semaphoreci.com?x=1")]
        [InlineData("https://my-org.semaphoreci.com#frag")]
        [InlineData("https://user@my-org.semaphoreci.com")]
        [InlineData("my-org.semaphoreci.com")]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("https://127.0.0.1")]
        public void Refuses_what_IAM_or_tokens_would_not_match(string input)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => IssuerUrl.Parse(input));
            Assert.Equal("IssuerUrlInvalid", error.ErrorId);
            // The input is the target, less any user information (a password there must not reach a log).
            Assert.Equal(input == "https://user@my-org.semaphoreci.com" ? "https://my-org.semaphoreci.com" : input, error.Target);
        }

        [Theory]
        [InlineData("https://user:PASS-5555@my-org.semaphoreci.com")]
        [InlineData("http://user:PASS-5555@my-org.semaphoreci.com/")]
        [InlineData("https://user:PASS-5555@my org.semaphoreci.com")]
        public void User_information_is_never_repeated(string input)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => IssuerUrl.Parse(input));
            Assert.Equal("IssuerUrlInvalid", error.ErrorId);
            Assert.DoesNotContain("PASS-5555", error.Message + error.Target);
        }

        [Fact]
        public void Too_long_is_refused() =>
            Assert.Equal("IssuerUrlInvalid", Assert.Throws<SemaphoreOidcException>(() => IssuerUrl.Parse("https://a.com/" + new string('p', 250))).ErrorId);

        [Theory]
        [InlineData("my-org", "https://my-org.semaphoreci.com")]
        [InlineData("MyOrg", "https://myorg.semaphoreci.com")]
        public void Builds_the_issuer_of_an_organisation(string org, string url) => Assert.Equal(url, IssuerUrl.ForOrganization(org).Value);

        [Theory]
        [InlineData("my org")]
        [InlineData("-org")]
        [InlineData("org.evil.com/x")]
        [InlineData("")]
        public void Refuses_names_that_are_not_organisations(string org) =>
            Assert.Equal("OrganizationInvalid", Assert.Throws<SemaphoreOidcException>(() => IssuerUrl.ForOrganization(org)).ErrorId);

        [Theory]
        [InlineData("my-org.semaphoreci.com", "my-org")]
        [InlineData("My-Org.SemaphoreCI.com", "my-org")]
        [InlineData("ci.example.com", null)]
        [InlineData("my-org.semaphoreci.com/path", null)]
        [InlineData(".semaphoreci.com", null)]
        [InlineData("semaphoreci.com", null)]
        [InlineData(null, null)]
        public void Tells_the_organisation_of_a_semaphore_cloud_host(string hostAndPath, string organization) =>
            Assert.Equal(organization, IssuerUrl.OrganizationOfHost(hostAndPath));
    }
}
