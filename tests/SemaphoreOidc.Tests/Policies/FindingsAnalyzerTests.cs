using System.Linq;
using SemaphoreOidc.Policies;
using Xunit;
using static SemaphoreOidc.Tests.Policies.PolicyTestData;

namespace SemaphoreOidc.Tests.Policies
{
    public class FindingsAnalyzerTests
    {
        private const string Aud = "'" + Host + ":aud':'" + Issuer + "'";
        private const string SubKey = "'" + Host + ":sub'";

        private static string[] Ids(string policyJson) => FindingsAnalyzer.Analyze(TrustPolicy.Parse(policyJson)).Select(f => f.Id).ToArray();

        [Fact]
        public void A_built_policy_has_no_findings()
        {
            var request = new TrustPolicyRequest { Organization = Org, AccountId = Account, ProjectIds = { Project }, Repositories = { "web" }, Branches = { "main", "release/*" } };
            Assert.Empty(FindingsAnalyzer.Analyze(TrustPolicyBuilder.Build(request)));
        }

        [Theory]
        [InlineData("{'StringEquals':{" + SubKey + ":'" + Subject + "'}}", "MissingAudienceCondition")]
        [InlineData("{'StringEquals':{" + Aud + "}}", "MissingSubjectCondition")]
        [InlineData("{'StringEquals':{" + Aud + "},'StringLike':{" + SubKey + ":'org:my-org:*'}}", "SubjectAdmitsAnyProject")]
        [InlineData("{'StringEquals':{" + Aud + "},'StringLike':{" + SubKey + ":'org:my-org:project:*:repo:web:*'}}", "SubjectProjectUnrestricted")]
        [InlineData("{'StringEquals':{" + Aud + "},'StringLike':{" + SubKey + ":'*:project:" + Project + ":*'}}", "SubjectAdmitsAnyOrganization")]
        [InlineData("{'StringEquals':{" + Aud + "},'StringLike':{" + SubKey + ":'org:other:project:" + Project + ":*'}}", "SubjectAdmitsOtherOrganization")]
        [InlineData("{'StringEquals':{" + Aud + "},'StringLike':{" + SubKey + ":'org:my-org:project:x'}}", "SubjectNeverMatches")]
        [InlineData("{'StringEquals':{" + Aud + "},'ForAllValues:StringLike':{" + SubKey + ":'org:my-org:project:" + Project + ":*'}}", "ForAllValuesInAllow")]
        [InlineData("{'StringEquals':{" + Aud + "," + SubKey + ":'org:my-org:project:" + Project + ":*'}}", "WildcardInStringEquals")]
        [InlineData("{'StringEquals':{" + Aud + "},'StringLike':{" + SubKey + ":'" + Subject + "'}}", "StringLikeWithoutWildcard")]
        [InlineData("{'StringEquals':{" + Aud + "," + SubKey + ":'" + Subject + "','aws:RequestTag/team':'x'}}", "SessionTagsWithoutTagSession")]
        [InlineData("{'StringEquals':{" + Aud + "," + SubKey + ":'" + Subject + "'},'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}", "UnsupportedOperator")]
        public void Risky_conditions_are_reported(string condition, string id)
        {
            var findings = FindingsAnalyzer.Analyze(TrustPolicy.Parse(Policy(Statement(condition))));
            PolicyFinding finding = Assert.Single(findings, f => f.Id == id);
            Assert.Equal(0, finding.StatementIndex);
            Assert.False(string.IsNullOrEmpty(finding.Message));
            Assert.False(string.IsNullOrEmpty(finding.Fix));
        }

        [Fact]
        public void Principals_are_reviewed()
        {
            string condition = "{'StringEquals':{" + Aud + "," + SubKey + ":'" + Subject + "'}}";
            Assert.Contains("PrincipalWildcard", Ids(Policy(Statement(condition, principal: "'Principal':'*'"))));
            Assert.Contains("PrincipalNotSemaphoreIssuer", Ids(Policy(Statement(condition, principal: "'Principal':{'Federated':'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'}"))));
        }

        [Fact]
        public void Statements_that_are_not_web_identity_allows_are_left_alone()
        {
            string json = Policy(
                Statement(null, principal: "'Principal':{'Service':'ec2.amazonaws.com'}", action: "'Action':'sts:AssumeRole'"),
                Statement(null, "Deny"));
            Assert.Empty(Ids(json));
        }

        [Fact]
        public void Size_near_and_over_the_quota_is_reported()
        {
            var request = new TrustPolicyRequest { Organization = Org, AccountId = Account, ProjectIds = { Project }, Repositories = { "web" } };
            for (int i = 0; i < 40; i++) request.Branches.Add("branch-number-" + i);
            TrustPolicy policy = TrustPolicyBuilder.Build(request);
            Assert.Contains(FindingsAnalyzer.Analyze(policy), f => f.Id == "PolicySizeOverLimit" && f.Severity == FindingSeverity.High);
            Assert.Contains(FindingsAnalyzer.Analyze(policy, policy.Size + 10), f => f.Id == "PolicySizeNearLimit");
        }
    }
}
