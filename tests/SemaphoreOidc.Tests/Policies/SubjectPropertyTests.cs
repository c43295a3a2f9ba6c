using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SemaphoreOidc.Policies;
using Xunit;

namespace SemaphoreOidc.Tests.Policies
{
    /// <summary>
    /// Property tests with a seeded generator: whatever New-SemaphoreTrustPolicy builds admits every subject it
    /// was asked for and refuses the near misses an attacker would try.
    /// </summary>
    public class SubjectPropertyTests
    {
        private const string Issuer = PolicyTestData.Issuer;
        private static readonly char[] BranchChars = "abcdefghijklmnopqrstuvwxyz0123456789-_./$".ToCharArray();

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        [InlineData(5)]
        public void Built_policies_admit_what_was_asked_and_refuse_near_misses(int seed)
        {
            var random = new Random(seed);
            for (int round = 0; round < 40; round++)
            {
                string project = NewGuid(random);
                string repo = Name(random, 3, 10);
                var branches = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Branch(random)).Distinct().ToList();
                var tags = Enumerable.Range(0, random.Next(0, 3)).Select(_ => "v" + random.Next(0, 20) + "." + random.Next(0, 9)).Distinct().ToList();
                var request = new TrustPolicyRequest { Organization = "my-org", AccountId = "123456789012", ProjectIds = { project }, Repositories = { repo } };
                foreach (string b in branches) request.Branches.Add(b);
                foreach (string t in tags) request.Tags.Add(t);

                var evaluator = new PolicyEvaluator(TrustPolicyBuilder.Build(request));
                bool Admits(string subject) => evaluator.Evaluate(new RequestContext(Issuer, subject)).Decision == PolicyDecisionKind.Allowed;
                string Sub(string org, string prj, string rp, string type, string reference) => $"org:{org}:project:{prj}:repo:{rp}:ref_type:{type}:ref:{reference}";

                foreach (string b in branches)
                {
                    string good = Sub("my-org", project, repo, "branch", "refs/heads/" + b);
                    Assert.True(Admits(good), good);
                    Assert.False(Admits(Sub("my-org", project, repo, "branch", "refs/heads/" + b + "-evil")), "suffix " + b);
                    Assert.False(Admits(Sub("my-org", project, repo, "branch", "refs/heads/x" + b)), "prefix " + b);
                    Assert.False(Admits(Sub("my-org", project, repo, "branch", "refs/heads/" + b.ToUpperInvariant())) && b != b.ToUpperInvariant(), "case " + b);
                    Assert.False(Admits(Sub("my-org", NewGuid(random), repo, "branch", "refs/heads/" + b)), "other project");
                    Assert.False(Admits(Sub("my-org", project.ToUpperInvariant(), repo, "branch", "refs/heads/" + b)), "project case");
                    Assert.False(Admits(Sub("other-org", project, repo, "branch", "refs/heads/" + b)), "other org");
                    Assert.False(Admits(Sub("my-org", project, repo + "x", "branch", "refs/heads/" + b)), "other repo");
                    Assert.False(Admits(Sub("my-org", project, repo, "tag", "refs/heads/" + b)), "tag type");
                    Assert.False(Admits(Sub("my-org", project, repo, "branch", "refs/heads/" + b) + ":extra"), "extra segment");
                    Assert.False(Admits("x" + good), "leading junk");
                }

                foreach (string t in tags)
                {
                    Assert.True(Admits(Sub("my-org", project, repo, "tag", "refs/tags/" + t)));
                    Assert.False(Admits(Sub("my-org", project, repo, "branch", "refs/heads/" + t)) && !branches.Contains(t), "tag as branch");
                    Assert.False(Admits(Sub("my-org", project, repo, "tag", "refs/tags/" + t + "1")), "other tag");
                }

                string unrelated = "zz" + Branch(random);
                Assert.False(Admits(Sub("my-org", project, repo, "branch", "refs/heads/" + unrelated)), "unrelated branch");
                Assert.False(Admits(Sub("my-org", project, repo, "pull-request", "refs/pull/1/merge")), "pull request not asked for");
            }
        }

        [Theory]
        [InlineData(11)]
        [InlineData(12)]
        [InlineData(13)]
        public void Wildcard_branches_admit_their_matches_only(int seed)
        {
            var random = new Random(seed);
            for (int round = 0; round < 50; round++)
            {
                string project = NewGuid(random);
                string prefix = Name(random, 2, 8);
                var request = new TrustPolicyRequest { Organization = "my-org", AccountId = "123456789012", ProjectIds = { project }, Branches = { prefix + "/*" } };
                var evaluator = new PolicyEvaluator(TrustPolicyBuilder.Build(request));
                bool Admits(string branch, string prj = null) => evaluator.Evaluate(new RequestContext(Issuer,
                    $"org:my-org:project:{prj ?? project}:repo:{Name(random, 1, 6)}:ref_type:branch:ref:refs/heads/{branch}")).Decision == PolicyDecisionKind.Allowed;

                Assert.True(Admits(prefix + "/" + Branch(random)));
                Assert.True(Admits(prefix + "/"));
                Assert.False(Admits(prefix));
                Assert.False(Admits(prefix + "-evil/x"));
                Assert.False(Admits("x" + prefix + "/y"));
                Assert.False(Admits(prefix.ToUpperInvariant() + "/y") && prefix != prefix.ToUpperInvariant());
                Assert.False(Admits(prefix + "/y", NewGuid(random)));
            }
        }

        private static string NewGuid(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString("D");
        }

        private static string Name(Random random, int min, int max)
        {
            var text = new StringBuilder();
            int length = random.Next(min, max + 1);
            for (int i = 0; i < length; i++) text.Append((char)('a' + random.Next(26)));
            return text.ToString();
        }

        /// <summary>A valid git branch name, sometimes with '/', '.', '$' or '-'.</summary>
        private static string Branch(Random random)
        {
            while (true)
            {
                var text = new StringBuilder(Name(random, 1, 3));
                int length = random.Next(0, 12);
                for (int i = 0; i < length; i++) text.Append(BranchChars[random.Next(BranchChars.Length)]);
                text.Append(Name(random, 1, 2));
                string candidate = text.ToString();
                if (GitRefNameProblem(candidate) == null) return candidate;
            }
        }

        private static string GitRefNameProblem(string name) =>
            name.Contains("..") || name.Contains("//") || name.Contains("/.") || name.Contains(".lock") || name.EndsWith("/") ? "invalid" : null;
    }
}
