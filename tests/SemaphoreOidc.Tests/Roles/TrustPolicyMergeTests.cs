using System.Linq;
using SemaphoreOidc.Policies;
using SemaphoreOidc.Roles;
using Xunit;

namespace SemaphoreOidc.Tests.Roles
{
    public class TrustPolicyMergeTests
    {
        private const string Provider = "arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com";
        private const string OtherProvider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

        private static string Semaphore(string sub) =>
            "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + Provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"," +
            "\"Condition\":{\"StringEquals\":{\"my-org.semaphoreci.com:aud\":\"https://my-org.semaphoreci.com\",\"my-org.semaphoreci.com:sub\":\"" + sub + "\"}}}";

        private const string Ec2 = "{\"Sid\":\"Ec2\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}";
        private const string Deny = "{\"Sid\":\"NoForks\",\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + Provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{\"my-org.semaphoreci.com:sub\":\"*:ref_type:pull-request:*\"}},\"X-Unknown\":{\"kept\":[1,2]}}";
        private const string GitHub = "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + OtherProvider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"}}}";
        private const string Mixed = "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":[\"" + Provider + "\",\"" + OtherProvider + "\"]},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}";

        private static TrustPolicy Policy(params string[] statements) =>
            TrustPolicy.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}");

        [Fact]
        public void Replaces_the_providers_statements_and_keeps_every_other_exactly()
        {
            var existing = Policy(Ec2, Semaphore("org:my-org:project:a:repo:web:ref_type:branch:ref:refs/heads/main"), GitHub, Mixed);
            var incoming = Policy(Semaphore("org:my-org:project:a:repo:web:ref_type:tag:ref:refs/tags/v*"));
            var merge = TrustPolicyMerge.Compute(existing, incoming, replace: false);

            Assert.Single(merge.Removed);
            Assert.Equal(3, merge.Kept.Count);
            Assert.Equal(4, merge.Result.Statements.Count);
            // Kept statements are equal in meaning to what was there, unknown members included.
            foreach (var kept in new[] { Ec2, GitHub, Mixed })
            {
                Assert.Contains(merge.Result.Statements, s => TrustPolicy.SemanticallyEquals(Policy(s.Json).Json, Policy(kept).Json));
            }

            Assert.Contains("refs/tags/v*", merge.Result.Json);
            Assert.DoesNotContain("refs/heads/main", merge.Result.Json);
            Assert.False(merge.ChangesNothing);
        }

        [Fact]
        public void A_deny_for_the_same_provider_is_replaced_too_but_unknown_keys_survive_elsewhere()
        {
            var existing = Policy(Deny, Ec2);
            var merge = TrustPolicyMerge.Compute(existing, Policy(Semaphore("org:my-org:*")), replace: false);
            Assert.Equal(new[] { "NoForks" }, merge.Removed.Select(s => s.Sid));
            Assert.Equal(new[] { "Ec2" }, merge.Kept.Select(s => s.Sid));
        }

        [Fact]
        public void Replace_takes_the_new_document_whole()
        {
            var merge = TrustPolicyMerge.Compute(Policy(Ec2, GitHub), Policy(Semaphore("org:my-org:*")), replace: true);
            Assert.Equal(2, merge.Removed.Count);
            Assert.Single(merge.Result.Statements);
        }

        [Fact]
        public void Applying_the_same_policy_twice_changes_nothing()
        {
            var incoming = Policy(Semaphore("org:my-org:*"));
            var first = TrustPolicyMerge.Compute(Policy(Ec2), incoming, replace: false);
            var second = TrustPolicyMerge.Compute(first.Result, incoming, replace: false);
            Assert.True(second.ChangesNothing);
            Assert.True(TrustPolicyMerge.Compute(incoming, incoming, replace: true).ChangesNothing);
        }

        [Fact]
        public void Describes_what_goes_comes_and_stays()
        {
            var merge = TrustPolicyMerge.Compute(Policy(Ec2, Semaphore("a")), Policy(Semaphore("b")), replace: false);
            string text = merge.Describe();
            Assert.Contains("remove 1 statement(s)", text);
            Assert.Contains("add 1", text);
            Assert.Contains("keep 1", text);
            Assert.Contains("Service ec2.amazonaws.com", text);
        }
    }
}
