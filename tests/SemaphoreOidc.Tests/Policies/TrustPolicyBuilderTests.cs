using System.Linq;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;
using Xunit;
using static SemaphoreOidc.Tests.Policies.PolicyTestData;

namespace SemaphoreOidc.Tests.Policies
{
    public class TrustPolicyBuilderTests
    {
        private static TrustPolicyRequest Request() => new TrustPolicyRequest
        {
            Organization = Org,
            AccountId = Account,
            ProjectIds = { Project },
        };

        private static string ErrorId(TrustPolicyRequest request) =>
            Assert.Throws<SemaphoreOidcException>(() => TrustPolicyBuilder.Build(request)).ErrorId;

        [Fact]
        public void Exact_branch_reads_like_Semaphores_first_example()
        {
            var request = Request();
            request.Repositories.Add("web");
            request.Branches.Add("main");

            TrustPolicy policy = TrustPolicyBuilder.Build(request);

            string expected = Policy(Statement("{'StringEquals':{'" + Host + ":aud':'" + Issuer + "','" + Host + ":sub':'" + Subject + "'}}"));
            Assert.True(TrustPolicy.SemanticallyEquals(expected, policy.Json), policy.Json);
            Assert.Equal(new[] { Subject }, policy.SubjectPatterns);
            Assert.Equal(TrustPolicy.CountSize(policy.Json), policy.Size);
            Assert.DoesNotContain(" ", policy.ToJson(false));
        }

        [Fact]
        public void Wildcard_branch_goes_under_StringLike_like_Semaphores_second_example()
        {
            var request = Request();
            request.Repositories.Add("web");
            request.Branches.Add("*");

            TrustPolicy policy = TrustPolicyBuilder.Build(request);

            PolicyStatement statement = Assert.Single(policy.Statements);
            PolicyCondition sub = Assert.Single(statement.Conditions, c => c.Key.Suffix == "sub");
            Assert.Equal("StringLike", sub.Operator.Name);
            Assert.Equal("org:my-org:project:" + Project + ":repo:web:ref_type:branch:ref:refs/heads/*", Assert.Single(sub.Values));
            Assert.Equal("StringEquals", Assert.Single(statement.Conditions, c => c.Key.Suffix == "aud").Operator.Name);
        }

        [Fact]
        public void Exact_and_wildcard_subjects_become_two_statements_because_IAM_ANDs_operator_blocks()
        {
            var request = Request();
            request.Repositories.Add("web");
            request.Branches.Add("main");
            request.Branches.Add("release/*");
            request.Tags.Add("v1.0.0");
            request.PullRequest = true;

            TrustPolicy policy = TrustPolicyBuilder.Build(request);

            Assert.Equal(2, policy.Statements.Count);
            Assert.Equal("StringEquals", policy.Statements[0].Conditions.Single(c => c.Key.Suffix == "sub").Operator.Name);
            Assert.Equal("StringLike", policy.Statements[1].Conditions.Single(c => c.Key.Suffix == "sub").Operator.Name);
            var evaluator = new PolicyEvaluator(policy);
            foreach (string s in new[]
            {
                SubjectFor("main"),
                SubjectFor("release/1.2"),
                $"org:my-org:project:{Project}:repo:web:ref_type:tag:ref:refs/tags/v1.0.0",
                $"org:my-org:project:{Project}:repo:web:ref_type:pull-request:ref:refs/pull/12/merge",
            })
            {
                Assert.Equal(PolicyDecisionKind.Allowed, evaluator.Evaluate(new RequestContext(Issuer, s)).Decision);
            }

            Assert.Equal(PolicyDecisionKind.ImplicitDeny, evaluator.Evaluate(new RequestContext(Issuer, SubjectFor("dev"))).Decision);
            Assert.Equal(PolicyDecisionKind.ImplicitDeny, evaluator.Evaluate(new RequestContext(Issuer, $"org:my-org:project:{Project}:repo:web:ref_type:tag:ref:refs/tags/v1.0.1")).Decision);
        }

        [Fact]
        public void Dollar_in_a_branch_is_escaped_and_stays_literal()
        {
            var request = Request();
            request.Repositories.Add("web");
            request.Branches.Add("feat/$x*");

            TrustPolicy policy = TrustPolicyBuilder.Build(request);

            Assert.Contains("refs/heads/feat/${$}x*", policy.SubjectPatterns[0]);
            var evaluator = new PolicyEvaluator(policy);
            Assert.Equal(PolicyDecisionKind.Allowed, evaluator.Evaluate(new RequestContext(Issuer, SubjectFor("feat/$x-1"))).Decision);
            Assert.Equal(PolicyDecisionKind.ImplicitDeny, evaluator.Evaluate(new RequestContext(Issuer, SubjectFor("feat/yx-1"))).Decision);
        }

        [Fact]
        public void Session_tags_add_TagSession()
        {
            var request = Request();
            request.AllowSessionTags = true;
            TrustPolicy policy = TrustPolicyBuilder.Build(request);
            Assert.True(policy.Statements[0].CoversTagSession);
            Assert.Equal(PolicyDecisionKind.Allowed, new PolicyEvaluator(policy).Evaluate(new RequestContext(Issuer, Subject, null, true)).Decision);
        }

        [Fact]
        public void Provider_arn_gives_the_partition_and_self_hosted_issuer()
        {
            var request = new TrustPolicyRequest
            {
                Organization = "acme",
                ProviderArn = "arn:aws-us-gov:iam::123456789012:oidc-provider/ci.acme.example/oidc",
                ProjectIds = { Project },
            };

            TrustPolicy policy = TrustPolicyBuilder.Build(request);

            Assert.Contains("\"ci.acme.example/oidc:aud\": \"https://ci.acme.example/oidc\"", policy.Json);
            Assert.Equal(PolicyDecisionKind.Allowed, new PolicyEvaluator(policy).Evaluate(
                new RequestContext("https://ci.acme.example/oidc", SubjectFor("main", org: "acme")) { Partition = "aws-us-gov" }).Decision);
        }

        [Fact]
        public void Raw_subjects_alone_are_used_verbatim()
        {
            var request = new TrustPolicyRequest { Organization = Org, AccountId = Account, RawSubjects = { SubjectFor("main"), $"org:my-org:project:{Project}:repo:web:ref_type:tag:*" } };
            TrustPolicy policy = TrustPolicyBuilder.Build(request);
            Assert.Equal(2, policy.SubjectPatterns.Length);
        }

        [Theory]
        [InlineData(null, null, null, null, null, "TrustPolicyTooBroad")]
        [InlineData(null, null, "main", null, null, "TrustPolicyTooBroad")]
        [InlineData(null, "*", null, null, null, "TrustPolicyTooBroad")]
        [InlineData("*", null, null, null, null, "TrustPolicyTooBroad")]
        [InlineData("????????-????-????-????-????????????", null, null, null, null, "TrustPolicyTooBroad")]
        [InlineData(null, null, null, "org:my-org:*", null, "TrustPolicyTooBroad")]
        [InlineData(null, null, null, "org:*:project:936a5312-a3b8-4921-8b3f-2cec8baac574:*", null, "TrustPolicyTooBroad")]
        [InlineData(null, null, null, "*:repo:web:*", null, "TrustPolicyTooBroad")]
        [InlineData(null, "web", "main", null, null, "TrustPolicyTooBroad")]
        [InlineData(null, null, null, "org:my-org:project:*:repo:web:ref_type:branch:ref:refs/heads/main", null, "TrustPolicyTooBroad")]
        [InlineData(null, null, null, "org:my-org:project:*:ref:refs/heads/main", null, "TrustPolicyTooBroad")]
        [InlineData(null, null, null, "org:other:project:936a5312-a3b8-4921-8b3f-2cec8baac574:*", null, "SubjectInvalid")]
        [InlineData(null, null, null, "org:my-org:project:x:repo:web", null, "SubjectInvalid")]
        [InlineData(null, null, null, "org:my-org:projects:*:repo:web:ref_type:branch:ref:x", null, "SubjectInvalid")]
        [InlineData("not-a-guid", null, null, null, null, "ProjectIdInvalid")]
        [InlineData(null, "owner/web", null, null, null, "RepositoryInvalid")]
        [InlineData(null, "we:b", null, null, null, "RepositoryInvalid")]
        [InlineData("936a5312-a3b8-4921-8b3f-2cec8baac574", "web", "a:b", null, null, "BranchInvalid")]
        [InlineData("936a5312-a3b8-4921-8b3f-2cec8baac574", "web", "a..b", null, null, "BranchInvalid")]
        [InlineData("936a5312-a3b8-4921-8b3f-2cec8baac574", "web", "feature/.x", null, null, "BranchInvalid")]
        [InlineData("936a5312-a3b8-4921-8b3f-2cec8baac574", "web", "x.lock", null, null, "BranchInvalid")]
        [InlineData("936a5312-a3b8-4921-8b3f-2cec8baac574", "web", "has space", null, null, "BranchInvalid")]
        [InlineData("936a5312-a3b8-4921-8b3f-2cec8baac574", "web", null, null, "v1:0", "TagInvalid")]
        [InlineData("936a5312-a3b8-4921-8b3f-2cec8baac574", "web", null, null, "v1~", "TagInvalid")]
        public void Inputs_are_refused_with_clear_ids(string project, string repo, string branch, string subject, string tag, string errorId)
        {
            var request = new TrustPolicyRequest { Organization = Org, AccountId = Account };
            if (project != null) request.ProjectIds.Add(project);
            if (repo != null) request.Repositories.Add(repo);
            if (branch != null) request.Branches.Add(branch);
            if (subject != null) request.RawSubjects.Add(subject);
            if (tag != null) request.Tags.Add(tag);
            Assert.Equal(errorId, ErrorId(request));
        }

        [Fact]
        public void AllowBroad_accepts_a_whole_organisation()
        {
            var request = new TrustPolicyRequest { Organization = Org, AccountId = Account, AllowBroad = true };
            TrustPolicy policy = TrustPolicyBuilder.Build(request);
            Assert.Equal("org:my-org:project:*:repo:*:ref_type:*:ref:*", Assert.Single(policy.SubjectPatterns));
        }

        [Fact]
        public void Repository_in_any_project_needs_AllowBroad_and_is_reported()
        {
            // The repo claim has no owner: "web" in any project admits a new project over a fork.
            var request = new TrustPolicyRequest { Organization = Org, AccountId = Account, Repositories = { "web" } };
            Assert.Equal(PolicyErrorIds.TrustPolicyTooBroad, ErrorId(request));
            request.AllowBroad = true;
            TrustPolicy policy = TrustPolicyBuilder.Build(request);
            var finding = Assert.Single(FindingsAnalyzer.Analyze(policy), f => f.Id == FindingIds.SubjectProjectUnrestricted);
            Assert.Equal(FindingSeverity.High, finding.Severity);
        }

        [Theory]
        [InlineData("My Org", null, null, null, "OrganizationInvalid")]
        [InlineData("", null, null, null, "OrganizationInvalid")]
        [InlineData("my-org", "12345", null, null, "AccountIdInvalid")]
        [InlineData("my-org", null, null, null, "AccountIdInvalid")]
        [InlineData("my-org", null, "arn:aws:iam::123456789012:role/x", null, "ProviderArnInvalid")]
        [InlineData("my-org", null, "arn:aws:iam::123456789012:oidc-provider/other-org.semaphoreci.com", null, "ProviderMismatch")]
        [InlineData("my-org", null, "arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com", "https://ci.example.com", "ProviderMismatch")]
        [InlineData("my-org", "123456789012", null, "http://ci.example.com", "IssuerUrlInvalid")]
        [InlineData("my-org", "123456789012", null, "https://ci.example.com/", "IssuerUrlInvalid")]
        [InlineData("my-org", "123456789012", null, "https://ci.example.com:8443", "IssuerUrlInvalid")]
        [InlineData("my-org", "123456789012", null, "https://ci.example.com?x=1", "IssuerUrlInvalid")]
        [InlineData("my-org", "123456789012", null, "https://ci.example.com#f", "IssuerUrlInvalid")]
        public void Provider_inputs_are_refused_with_clear_ids(string org, string account, string arn, string issuer, string errorId)
        {
            var request = new TrustPolicyRequest { Organization = org, AccountId = account, ProviderArn = arn, IssuerUrl = issuer, ProjectIds = { Project } };
            Assert.Equal(errorId, ErrorId(request));
        }

        [Fact]
        public void Partition_must_be_known()
        {
            var request = Request();
            request.Partition = "aws-mars";
            Assert.Equal("PartitionInvalid", ErrorId(request));
        }

        [Fact]
        public void MaxSize_refuses_a_large_policy()
        {
            var request = Request();
            foreach (int i in Enumerable.Range(0, 40)) request.Branches.Add("branch-" + i);
            Assert.True(TrustPolicyBuilder.Build(request).Size > TrustPolicy.DefaultSizeQuota);
            request.MaxSize = 2048;
            Assert.Equal("TrustPolicyTooLarge", ErrorId(request));
        }
    }
}
