using System;
using System.Text;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;
using Xunit;
using static SemaphoreOidc.Tests.Policies.PolicyTestData;

namespace SemaphoreOidc.Tests.Policies
{
    /// <summary>Seeded mutations of a real policy: every outcome is a policy or a SemaphoreOidcException, never a crash.</summary>
    public class ParseFuzzTests
    {
        private const string Alphabet = "{}[]\":,*?$\\ uAllowDenyStatementConditionStringLike0123456789-";

        [Theory]
        [InlineData(21)]
        [InlineData(22)]
        [InlineData(23)]
        public void Mutated_policies_parse_or_fail_cleanly(int seed)
        {
            var random = new Random(seed);
            string original = TrustPolicyBuilder.Build(new TrustPolicyRequest
            {
                Organization = Org, AccountId = Account, ProjectIds = { Project }, Repositories = { "web" }, Branches = { "main", "release/*" }, AllowSessionTags = true,
            }).ToJson(false);

            int parsed = 0;
            for (int round = 0; round < 700; round++)
            {
                var text = new StringBuilder(original);
                int edits = random.Next(1, 4);
                for (int e = 0; e < edits && text.Length > 0; e++)
                {
                    int at = random.Next(text.Length);
                    switch (random.Next(3))
                    {
                        case 0: text.Remove(at, Math.Min(text.Length - at, random.Next(1, 6))); break;
                        case 1: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                        default: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    }
                }

                try
                {
                    TrustPolicy policy = TrustPolicy.Parse(text.ToString());
                    new PolicyEvaluator(policy).Evaluate(new RequestContext(Issuer, Subject, null, true));
                    FindingsAnalyzer.Analyze(policy);
                    Assert.True(TrustPolicy.SemanticallyEquals(policy.Json, TrustPolicy.Parse(policy.Json).Json));
                    parsed++;
                }
                catch (SemaphoreOidcException error)
                {
                    Assert.StartsWith("TrustPolicy", error.ErrorId);
                }
            }

            Assert.InRange(parsed, 1, 699);
        }
    }
}
