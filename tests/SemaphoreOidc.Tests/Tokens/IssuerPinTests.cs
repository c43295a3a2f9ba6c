using System;
using System.Collections.Generic;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Tokens
{
    /// <summary>Which issuer -Verify trusts: the caller's or the job's, never the token's.</summary>
    public class IssuerPinTests
    {
        private static Func<string, string> Env(string organizationUrl) =>
            name => name == IssuerPin.OrganizationUrlVariable ? organizationUrl : null;

        [Fact]
        public void An_organization_pins_its_Semaphore_issuer()
        {
            var pin = IssuerPin.Resolve("My-Org", null, Env(null));
            Assert.Equal("https://my-org.semaphoreci.com", pin.Url.Value);
            Assert.Equal((IssuerPinSource.Organization, "organisation My-Org"), (pin.Source, pin.Description));
        }

        [Fact]
        public void An_issuer_URL_pins_itself()
        {
            var pin = IssuerPin.Resolve(null, "https://semaphore.example.com", Env(null));
            Assert.Equal("https://semaphore.example.com", pin.Url.Value);
            Assert.Equal((IssuerPinSource.IssuerUrl, "the issuer URL given"), (pin.Source, pin.Description));
        }

        [Theory]
        [InlineData("https://my-org.semaphoreci.com", "https://my-org.semaphoreci.com")]
        [InlineData("https://my-org.semaphoreci.com/", "https://my-org.semaphoreci.com")]
        [InlineData(" https://ci.example.com/semaphore ", "https://ci.example.com/semaphore")]
        public void The_jobs_organization_URL_pins_when_nothing_is_given(string value, string expected)
        {
            var pin = IssuerPin.Resolve(null, null, Env(value));
            Assert.Equal(expected, pin.Url.Value);
            Assert.Equal((IssuerPinSource.Environment, "SEMAPHORE_ORGANIZATION_URL"), (pin.Source, pin.Description));
        }

        [Fact]
        public void A_given_pin_wins_over_the_jobs_organization_URL()
        {
            Assert.Equal("https://other.semaphoreci.com", IssuerPin.Resolve("other", null, Env("https://my-org.semaphoreci.com")).Url.Value);
            Assert.Equal("https://x.example.com", IssuerPin.Resolve(null, "https://x.example.com", Env("https://my-org.semaphoreci.com")).Url.Value);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void No_pin_at_all_is_refused_naming_every_way_to_give_one(string environmentValue)
        {
            var ex = Assert.Throws<SemaphoreOidcException>(() => IssuerPin.Resolve(null, null, Env(environmentValue)));
            Assert.Equal(TokenErrorIds.TokenIssuerNotPinned, ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("Name the organisation", ex.Message);
            Assert.Contains("or the issuer URL", ex.Message);
            Assert.Contains("SEMAPHORE_ORGANIZATION_URL", ex.Message);
        }

        [Theory]
        [InlineData("http://my-org.semaphoreci.com")]
        [InlineData("my-org.semaphoreci.com")]
        [InlineData("https://my-org.semaphoreci.com:8443")]
        [InlineData("https://my-org.semaphoreci.com?x=1")]
        public void A_bad_organization_URL_in_the_job_is_refused_naming_the_variable(string value)
        {
            var ex = Assert.Throws<SemaphoreOidcException>(() => IssuerPin.Resolve(null, null, Env(value)));
            Assert.Equal(TokenErrorIds.OrganizationUrlInvalid, ex.ErrorId);
            Assert.Equal("SEMAPHORE_ORGANIZATION_URL", ex.Target);
            Assert.StartsWith("SEMAPHORE_ORGANIZATION_URL", ex.Message);
            Assert.Contains("name the organisation or the issuer URL", ex.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("my org")]
        [InlineData("my-org.semaphoreci.com")]
        [InlineData("https://my-org.semaphoreci.com")]
        [InlineData("-org")]
        public void A_bad_organization_is_refused_by_the_issuer_URL_rules(string organization)
        {
            Assert.Equal("OrganizationInvalid", Assert.Throws<SemaphoreOidcException>(() => IssuerPin.Resolve(organization, null, Env(null))).ErrorId);
        }

        [Theory]
        [InlineData("")]
        [InlineData("http://semaphore.example.com")]
        [InlineData("https://semaphore.example.com/")]
        [InlineData("https://user:pw@semaphore.example.com")]
        [InlineData("https://semaphore.example.com#x")]
        [InlineData("https://10.0.0.1")]
        public void A_bad_issuer_URL_is_refused_by_the_issuer_URL_rules(string url)
        {
            Assert.Equal("IssuerUrlInvalid", Assert.Throws<SemaphoreOidcException>(() => IssuerPin.Resolve(null, url, Env(null))).ErrorId);
        }

        [Fact]
        public void An_organization_and_an_issuer_URL_together_are_a_programming_error()
        {
            Assert.Throws<ArgumentException>(() => IssuerPin.Resolve("my-org", "https://my-org.semaphoreci.com", Env(null)));
        }
    }
}
