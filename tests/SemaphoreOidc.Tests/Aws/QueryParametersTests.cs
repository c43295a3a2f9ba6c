using System.Collections.Generic;
using SemaphoreOidc.Aws;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class QueryParametersTests
    {
        [Fact]
        public void Serialises_lists_and_tags_as_botocore_does()
        {
            var body = new QueryParameters("CreateOpenIDConnectProvider", "2010-05-08")
                .Add("Url", "https://my-org.semaphoreci.com")
                .AddList("ClientIDList", new[] { "https://my-org.semaphoreci.com", "sts.amazonaws.com" })
                .AddList("ThumbprintList", new string[0])
                .AddTags("Tags", new[] { new KeyValuePair<string, string>("team", "ci/cd"), new KeyValuePair<string, string>("env", "") })
                .ToFormBody();
            Assert.Equal(
                "Action=CreateOpenIDConnectProvider&Version=2010-05-08&Url=https%3A%2F%2Fmy-org.semaphoreci.com" +
                "&ClientIDList.member.1=https%3A%2F%2Fmy-org.semaphoreci.com&ClientIDList.member.2=sts.amazonaws.com" +
                "&Tags.member.1.Key=team&Tags.member.1.Value=ci%2Fcd&Tags.member.2.Key=env&Tags.member.2.Value=",
                body);
        }

        [Fact]
        public void Leaves_out_null_values_and_encodes_per_rfc3986()
        {
            string body = new QueryParameters("UpdateAssumeRolePolicy", "2010-05-08")
                .Add("RoleName", "deploy").Add("Description", (string)null).Add("MaxSessionDuration", (int?)null)
                .Add("PolicyDocument", "{\"a\": \"b c*~'()!\"}")
                .ToFormBody();
            Assert.Equal("Action=UpdateAssumeRolePolicy&Version=2010-05-08&RoleName=deploy&PolicyDocument=%7B%22a%22%3A%20%22b%20c%2A~%27%28%29%21%22%7D", body);
        }
    }
}
