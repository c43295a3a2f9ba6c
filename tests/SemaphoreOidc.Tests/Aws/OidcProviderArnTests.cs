using System.Linq;
using System.Text.Json;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;
using Xunit;
using static SemaphoreOidc.Tests.Policies.PolicyTestData;

namespace SemaphoreOidc.Tests.Aws
{
    public class OidcProviderArnTests
    {
        [Theory]
        [InlineData("arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com", "aws", "123456789012", "my-org.semaphoreci.com")]
        [InlineData("arn:aws-cn:iam::123456789012:oidc-provider/ci.example.com/semaphore", "aws-cn", "123456789012", "ci.example.com/semaphore")]
        [InlineData("arn:aws-us-gov:iam::000000000000:oidc-provider/token.actions.githubusercontent.com", "aws-us-gov", "000000000000", "token.actions.githubusercontent.com")]
        [InlineData("arn:aws-eusc:iam::123456789012:oidc-provider/a-b.example", "aws-eusc", "123456789012", "a-b.example")]
        public void Parses_provider_arns(string value, string partition, string account, string hostAndPath)
        {
            var arn = OidcProviderArn.Parse(value);
            Assert.Equal(value, arn.Value);
            Assert.Equal(partition, arn.Partition);
            Assert.Equal(account, arn.AccountId);
            Assert.Equal(hostAndPath, arn.HostAndPath);
            Assert.Equal("https://" + hostAndPath, arn.Url);
            Assert.Equal(hostAndPath.Split('/')[0], arn.Host);
        }

        [Fact]
        public void User_input_is_trimmed_but_a_policy_document_is_taken_as_written()
        {
            const string arn = "arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com";
            Assert.Equal(arn, OidcProviderArn.Parse("  " + arn + "\n").Value);
            Assert.False(OidcProviderArn.TryParse(arn + "\n", out _));
        }

        [Fact]
        public void The_suffix_fits_iams_255_character_provider_url()
        {
            string host = string.Join(".", Enumerable.Repeat(new string('h', 60), 4)).Substring(0, 239) + ".example"; // 247 characters
            Assert.Equal(247, host.Length);
            Assert.True(OidcProviderArn.TryParse("arn:aws:iam::123456789012:oidc-provider/" + host, out _));
            Assert.False(OidcProviderArn.TryParse("arn:aws:iam::123456789012:oidc-provider/x" + host, out _));
        }

        [Theory]
        [InlineData("arn:aws:iam::123456789012:role/deploy")]
        [InlineData("arn:aws:iam::12345:oidc-provider/x.example")]
        [InlineData("my-org.semaphoreci.com")]
        [InlineData("arn:aws:iam::123456789012:oidc-provider/")]
        [InlineData("arn:aws:iam::123456789012:oidc-provider/https://my-org.semaphoreci.com")]
        [InlineData("arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com:443")]
        [InlineData("arn:aws:iam::123456789012:saml-provider/okta")]
        public void Refuses_what_is_not_a_provider_arn(string value)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => OidcProviderArn.Parse(value));
            Assert.Equal("ProviderArnInvalid", error.ErrorId);
            Assert.Equal(value, error.Target);
        }

        /// <summary>
        /// ARNs on which the four old parsers disagreed (the builder's, the evaluator's and the provider commands'
        /// regexes, and the findings' substring search): each consumer now gives the same answer.
        /// </summary>
        [Theory]
        [InlineData("arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com", true)]
        [InlineData("arn:aws-us-gov:iam::123456789012:oidc-provider/my-org.semaphoreci.com", true)]
        [InlineData("arn:aws-iso-f:iam::123456789012:oidc-provider/my-org.semaphoreci.com", true)]
        // The builder and evaluator took any aws[a-z-]* partition; the provider commands did not.
        [InlineData("arn:aws-foo:iam::123456789012:oidc-provider/my-org.semaphoreci.com", false)]
        // All three regexes took aws-iso-z (aws-iso-[a-z] or aws[a-z-]*), a partition that does not exist.
        [InlineData("arn:aws-iso-z:iam::123456789012:oidc-provider/my-org.semaphoreci.com", false)]
        // All three took Arabic-Indic digits for the account (\d).
        [InlineData("arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:oidc-provider/my-org.semaphoreci.com", false)]
        // The evaluator took a host with a space (.+); the others did not.
        [InlineData("arn:aws:iam::123456789012:oidc-provider/my org.semaphoreci.com", false)]
        // The findings' substring search read any text after ":oidc-provider/", whatever the account.
        [InlineData("arn:aws:iam::123:oidc-provider/my-org.semaphoreci.com", false)]
        [InlineData("arn:aws:iam:eu-west-1:123456789012:oidc-provider/my-org.semaphoreci.com", false)]
        public void Every_consumer_agrees_on_what_a_provider_arn_is(string arn, bool valid)
        {
            Assert.Equal(valid, OidcProviderArn.TryParse(arn, out _));

            // Provider commands (Get-/Remove-SemaphoreOidcProvider -Arn).
            if (valid) OidcProviderArn.Parse(arn);
            else Assert.Equal("ProviderArnInvalid", Assert.Throws<SemaphoreOidcException>(() => OidcProviderArn.Parse(arn)).ErrorId);

            // The builder (New-SemaphoreTrustPolicy -ProviderArn).
            var request = new TrustPolicyRequest { Organization = Org, ProviderArn = arn, ProjectIds = { Project } };
            if (valid) Assert.Contains(arn, TrustPolicyBuilder.Build(request).Json);
            else Assert.Equal("ProviderArnInvalid", Assert.Throws<SemaphoreOidcException>(() => TrustPolicyBuilder.Build(request)).ErrorId);

            // The evaluator (Test-SemaphoreTrustPolicy): the statement's principal is the provider for the issuer, or not.
            string condition = "{'StringEquals':{'" + Host + ":aud':'" + Issuer + "','" + Host + ":sub':'" + Subject + "'}}";
            string principal = "'Principal':{'Federated':" + JsonSerializer.Serialize(arn) + "}";
            var policy = TrustPolicy.Parse(Policy(Statement(condition, principal: principal.Replace('"', '\''))));
            PolicyDecision decision = new PolicyEvaluator(policy).Evaluate(new RequestContext(Issuer, Subject));
            Assert.Equal(valid ? PolicyDecisionKind.Allowed : PolicyDecisionKind.ImplicitDeny, decision.Decision);
            Assert.Equal(valid, policy.Statements[0].Principal.ProviderHosts.Contains(Host));

            // The findings: a principal that is not a Semaphore provider ARN is reported.
            bool reported = FindingsAnalyzer.Analyze(policy).Any(f => f.Id == "PrincipalNotSemaphoreIssuer");
            Assert.Equal(!valid, reported);
        }

        [Fact]
        public void A_policy_principal_with_a_trailing_newline_is_not_the_provider()
        {
            // The old evaluator's "$" matched before a final newline and called it the provider; IAM compares exactly.
            string condition = "{'StringEquals':{'" + Host + ":aud':'" + Issuer + "','" + Host + ":sub':'" + Subject + "'}}";
            var policy = TrustPolicy.Parse(Policy(Statement(condition, principal: "'Principal':{'Federated':'" + ProviderArn + "\\n'}")));
            Assert.Equal(PolicyDecisionKind.ImplicitDeny, new PolicyEvaluator(policy).Evaluate(new RequestContext(Issuer, Subject)).Decision);
        }
    }
}
