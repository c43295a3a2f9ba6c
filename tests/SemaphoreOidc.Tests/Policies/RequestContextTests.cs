using System;
using System.Text;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;
using Xunit;
using static SemaphoreOidc.Tests.Policies.PolicyTestData;

namespace SemaphoreOidc.Tests.Policies
{
    public class RequestContextTests
    {
        private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        [Fact]
        public void A_subject_alone_gives_the_default_issuer_and_audience()
        {
            RequestContext request = RequestContext.ForSubject(Subject);
            Assert.Equal(Issuer, request.Issuer);
            Assert.Equal(new[] { Issuer }, request.Audiences);
            Assert.Equal(Host, request.ProviderHost);
        }

        [Fact]
        public void Claims_without_sub_are_a_request_without_the_sub_key()
        {
            RequestContext request = RequestContext.ForClaims(null, null, null, false, Org);
            Assert.Null(request.Subject);
            Assert.Equal(Issuer, request.Issuer);
        }

        [Fact]
        public void Without_issuer_or_organisation_the_request_is_refused()
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => RequestContext.ForSubject("repo:web"));
            Assert.Equal(PolicyErrorIds.PolicyRequestInvalid, error.ErrorId);
        }

        [Fact]
        public void A_token_gives_its_claims_and_session_tags()
        {
            string payload = "{\"iss\":\"" + Issuer + "\",\"aud\":\"" + Issuer + "\",\"sub\":\"" + Subject + "\",\"exp\":4102444800," +
                "\"https://aws.amazon.com/tags\":{\"principal_tags\":{\"team\":[\"web\"]}}}";
            string jwt = Base64Url("{\"alg\":\"RS256\",\"kid\":\"k\"}") + "." + Base64Url(payload) + ".c2ln";

            RequestContext request = RequestContext.FromToken(jwt);

            Assert.Equal(Subject, request.Subject);
            Assert.True(request.HasSessionTags);
            Assert.Equal(new[] { RequestContext.AssumeRoleAction, RequestContext.TagSessionAction }, request.RequiredActions);
        }
    }
}
