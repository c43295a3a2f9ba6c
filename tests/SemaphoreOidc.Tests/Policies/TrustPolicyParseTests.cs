using System.Linq;
using System.Text;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;
using Xunit;
using static SemaphoreOidc.Tests.Policies.PolicyTestData;

namespace SemaphoreOidc.Tests.Policies
{
    public class TrustPolicyParseTests
    {
        /// <summary>A role trusted by Semaphore, EC2, with a Deny and members this module does not model.</summary>
        private const string Mixed = @"{
  ""Version"": ""2012-10-17"",
  ""Id"": ""deploy-trust"",
  ""Statement"": [
    { ""Sid"": ""Ec2"", ""Effect"": ""Allow"", ""Principal"": { ""Service"": ""ec2.amazonaws.com"" }, ""Action"": ""sts:AssumeRole"" },
    { ""Effect"": ""Deny"", ""Principal"": { ""AWS"": ""*"" }, ""Action"": ""sts:*"", ""Condition"": { ""Bool"": { ""aws:SecureTransport"": false } } },
    { ""Effect"": ""Allow"", ""Principal"": { ""Federated"": ""arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com"" },
      ""Action"": [""sts:AssumeRoleWithWebIdentity""], ""XFutureMember"": { ""nested"": [1, 2] },
      ""Condition"": { ""StringEquals"": { ""my-org.semaphoreci.com:aud"": ""https://my-org.semaphoreci.com"" } } }
  ],
  ""XTopLevel"": true
}";

        private static string ErrorId(string json) => Assert.Throws<SemaphoreOidcException>(() => TrustPolicy.Parse(json)).ErrorId;

        [Fact]
        public void Round_trip_keeps_everything_the_module_did_not_write()
        {
            TrustPolicy policy = TrustPolicy.Parse(Mixed);
            TrustPolicy again = TrustPolicy.Parse(policy.Json);

            Assert.True(policy.SemanticallyEquals(again));
            Assert.True(TrustPolicy.SemanticallyEquals(Mixed, policy.Json));
            Assert.Contains("XFutureMember", policy.Json);
            Assert.Contains("XTopLevel", policy.Json);
            Assert.Equal("deploy-trust", again.Id);
            Assert.Equal(3, again.Statements.Count);
            Assert.Equal("Ec2", again.Statements[0].Sid);
        }

        [Fact]
        public void Kept_statements_plus_new_ones_make_a_merged_policy()
        {
            TrustPolicy existing = TrustPolicy.Parse(Mixed);
            TrustPolicy built = TrustPolicyBuilder.Build(new TrustPolicyRequest { Organization = Org, AccountId = Account, ProjectIds = { Project } });

            var kept = existing.Statements.Where(s => !(s.Principal?.ProviderHosts.Contains(Host) ?? false));
            TrustPolicy merged = existing.WithStatements(kept.Concat(built.Statements));

            Assert.Equal(3, merged.Statements.Count);
            Assert.Equal("deploy-trust", merged.Id);
            Assert.Contains("XTopLevel", merged.Json);
            Assert.True(TrustPolicy.SemanticallyEquals(existing.Statements[0].Json, merged.Statements[0].Json));
            Assert.Equal(built.SubjectPatterns, merged.SubjectPatterns);
            Assert.Equal(2, TrustPolicy.Create(merged.Statements.Take(2)).Statements.Count);
        }

        [Fact]
        public void Merge_replaces_the_providers_statements_keeps_the_rest_and_is_idempotent()
        {
            TrustPolicy existing = TrustPolicy.Parse(Mixed);
            TrustPolicy built = TrustPolicyBuilder.Build(new TrustPolicyRequest { Organization = Org, AccountId = Account, ProjectIds = { Project }, Branches = { "main" } });

            TrustPolicy once = existing.Merge(built.Statements, s => s.TrustsProvider(Host));
            TrustPolicy twice = once.Merge(built.Statements, s => false);

            Assert.Equal(3, once.Statements.Count);
            Assert.True(once.SemanticallyEquals(twice));
            Assert.True(TrustPolicy.SemanticallyEquals(existing.Statements[1].Json, once.Statements[1].Json));
            Assert.Equal(built.SubjectPatterns, once.SubjectPatterns);
        }

        [Theory]
        [InlineData(@"{""a"":[1,2],""b"":""x""}", @"{""b"":""x"",""a"":[2,1]}", true)]
        [InlineData(@"{""Action"":""sts:X""}", @"{""Action"":[""sts:X""]}", true)]
        [InlineData(@"{""Statement"":{""Effect"":""Allow""}}", @"{""Statement"":[{""Effect"":""Allow""}]}", true)]
        [InlineData(@"{""a"":""x""}", @"{  ""a"" :  ""\u0078"" }", true)]
        [InlineData(@"{""a"":""x""}", @"{""a"":""X""}", false)]
        [InlineData(@"{""a"":[""x"",""y""]}", @"{""a"":""x""}", false)]
        public void Semantic_equality_ignores_order_layout_and_single_value_arrays(string left, string right, bool equal)
        {
            Assert.Equal(equal, TrustPolicy.SemanticallyEquals(left, right));
        }

        [Theory]
        [InlineData("", "TrustPolicyEmpty")]
        [InlineData("   ", "TrustPolicyEmpty")]
        [InlineData("{", "TrustPolicyMalformed")]
        [InlineData("{\"Version\":\"2012-10-17\",}", "TrustPolicyMalformed")]
        [InlineData("[]", "TrustPolicyMalformed")]
        [InlineData("\"text\"", "TrustPolicyMalformed")]
        [InlineData("{\"Version\":\"2012-10-17\"}", "TrustPolicyEmpty")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":[]}", "TrustPolicyEmpty")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":42}", "TrustPolicyMalformed")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":[42]}", "TrustPolicyMalformed")]
        [InlineData("{\"Version\":1,\"Statement\":[]}", "TrustPolicyMalformed")]
        [InlineData("{\"Version\":\"2020-01-01\",\"Statement\":[]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\"}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"allow\",\"Principal\":\"*\",\"Action\":\"*\"}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Principal\":\"*\",\"Action\":\"*\"}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"me\",\"Action\":\"*\"}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[]}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":{\"a\":1}}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"NotAction\":\"x\"}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Condition\":[]}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Condition\":{\"StringEquals\":\"x\"}}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Condition\":{\"StringEquals\":{\"k\":{\"x\":1}}}}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Condition\":{\"StringEquals\":{\"k\":[null]}}}]}", "TrustPolicyMalformed")]
        [InlineData("{\"Statement\":[{\"Sid\":5,\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\"}]}", "TrustPolicyMalformed")]
        public void Bad_documents_get_clear_ids(string json, string errorId)
        {
            Assert.Equal(errorId, ErrorId(json));
        }

        [Fact]
        public void A_megabyte_policy_is_refused_before_parsing()
        {
            var text = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
            string statement = Statement("{'StringEquals':{'" + Host + ":sub':'" + Subject + "'}}").Replace('\'', '"');
            while (text.Length < 1024 * 1024) text.Append(statement).Append(',');
            text.Append(statement).Append("]}");
            var error = Assert.Throws<SemaphoreOidcException>(() => TrustPolicy.Parse(text.ToString()));
            Assert.Equal("TrustPolicyTooLarge", error.ErrorId);
        }

        [Fact]
        public void Deep_nesting_is_an_error_not_a_stack_overflow()
        {
            string deep = "{\"Statement\":" + new string('[', 50000) + new string(']', 50000) + "}";
            Assert.Equal("TrustPolicyTooLarge", ErrorId(deep));
            string lessDeep = "{\"Statement\":" + new string('[', 5000) + new string(']', 5000) + "}";
            Assert.Equal("TrustPolicyMalformed", ErrorId(lessDeep));
        }

        [Fact]
        public void Invalid_unicode_is_malformed()
        {
            Assert.Equal("TrustPolicyMalformed", ErrorId("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\ud800\"}]}"));
            // A lone surrogate written as a JSON escape parses, but cannot become a .NET string.
            Assert.Equal("TrustPolicyMalformed", ErrorId("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\\ud800\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\"}]}"));
        }

        [Fact]
        public void Size_counts_non_whitespace_only()
        {
            TrustPolicy policy = TrustPolicy.Parse(Mixed);
            Assert.Equal(policy.ToJson(false).Length, policy.Size);
            Assert.Equal(TrustPolicy.CountSize(Mixed), TrustPolicy.CountSize(Mixed.Replace("\n", "\n   ")));
        }

        [Fact]
        public void Single_statement_object_and_number_values_are_read()
        {
            TrustPolicy policy = TrustPolicy.Parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Condition\":{\"NumericLessThan\":{\"k\":[1,2]}}}}");
            Assert.Equal(new[] { "1", "2" }, policy.Statements[0].Conditions[0].Values);
        }
    }
}
