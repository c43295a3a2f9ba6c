using System.Collections.Generic;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Sts;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    public class AccessDeniedExplanationTests
    {
        // What TokenRequest mints by default: a push to main of my-org/web.
        private const string Subject = "org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main";

        // Job tokens as the emulated Semaphore signs them (the one token factory), valid now unless the request says otherwise.
        private static readonly TokenMinter Minter = new TokenMinter(new SigningKeys());

        private static string JobToken(TokenRequest request = null) => Minter.Mint(request ?? new TokenRequest());

        [Fact]
        public void Shows_iss_aud_sub_and_the_condition_that_admits_the_job()
        {
            var token = TokenReader.Read(JobToken());
            string text = AccessDeniedExplanation.Build(RoleArn.Parse("arn:aws:iam::123456789012:role/deploy"), token, "Not authorized to perform sts:AssumeRoleWithWebIdentity", "req-1");
            Assert.Contains("iss: https://my-org.semaphoreci.com", text);
            Assert.Contains("aud: https://my-org.semaphoreci.com", text);
            Assert.Contains("sub: " + Subject, text);
            Assert.Contains("\"StringEquals\": {\"my-org.semaphoreci.com:aud\": \"https://my-org.semaphoreci.com\", \"my-org.semaphoreci.com:sub\": \"" + Subject + "\"}", text);
            Assert.Contains("arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com", text);
            Assert.Contains("req-1", text);
            Assert.DoesNotContain(token.RawToken, text);
        }

        [Fact]
        public void Says_when_the_token_has_no_sub_and_needs_TagSession()
        {
            var token = TokenReader.Read(JobToken(new TokenRequest
            {
                Claims =
                {
                    ["sub"] = null,
                    ["https://aws.amazon.com/tags"] = new Dictionary<string, object> { ["principal_tags"] = new Dictionary<string, object> { ["team"] = new[] { "web" } } },
                },
            }));
            string text = AccessDeniedExplanation.Build(RoleArn.Parse("arn:aws:iam::123456789012:role/deploy"), token, "denied", null);
            Assert.Contains("no sub claim", text);
            Assert.Contains("sts:TagSession", text);
            Assert.DoesNotContain(":sub\"", text);
        }

        [Theory]
        [InlineData("https://my-org.semaphoreci.com", "my-org.semaphoreci.com")]
        [InlineData("https://ci.example.com/semaphore/", "ci.example.com/semaphore")]
        public void Condition_key_prefix_is_the_provider_url_without_scheme(string issuer, string prefix) =>
            Assert.Equal(prefix, SemaphoreOidc.Providers.IssuerUrl.HostAndPathOf(issuer));
    }
}
