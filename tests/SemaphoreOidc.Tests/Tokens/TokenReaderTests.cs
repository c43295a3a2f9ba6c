using System;
using System.Collections.Generic;
using System.Text;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Tokens
{
    public class TokenReaderTests
    {
        private readonly TestIssuer _issuer = new TestIssuer();

        [Fact]
        public void Decodes_every_Semaphore_claim()
        {
            string raw = _issuer.Token();
            SemaphoreToken t = TokenReader.Read(raw);

            Assert.Equal(_issuer.Issuer, t.Issuer);
            Assert.Equal(_issuer.Issuer, t.Audience);
            Assert.Equal(new[] { _issuer.Issuer }, t.Audiences);
            Assert.Equal("acme", t.Organization);
            Assert.Equal("9a8b7c6d-0000-4000-8000-000000000001", t.OrganizationId);
            Assert.Equal("3f2a3c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b", t.ProjectId);
            Assert.Equal("web-app", t.ProjectName);
            Assert.Equal("web-app", t.Repository);
            Assert.Equal("acme/web-app", t.RepositorySlug);
            Assert.Equal("branch", t.RefType);
            Assert.Equal("refs/heads/main", t.Ref);
            Assert.Equal("main", t.Branch);
            Assert.Equal("", t.Tag);
            Assert.Equal("", t.PullRequest);
            Assert.Equal("", t.PullRequestBranch);
            Assert.Equal("job-1", t.JobId);
            Assert.Equal("wf-1", t.WorkflowId);
            Assert.Equal("ppl-1", t.PipelineId);
            Assert.Equal("pipeline_job", t.JobType);
            Assert.Equal("push", t.Trigger);
            Assert.Equal(TestIssuer.Now, t.IssuedAt);
            Assert.Equal(TestIssuer.Now, t.NotBefore);
            Assert.Equal(TestIssuer.Now.AddHours(24), t.ExpiresAt);
            Assert.Equal(DateTimeKind.Utc, t.ExpiresAt.Value.Kind);
            Assert.Equal("key-1", t.KeyId);
            Assert.Equal("RS256", t.Algorithm);
            Assert.Equal("web-app", t.SubjectParts.Repository);
            Assert.False(t.HasSessionTags);
            Assert.Equal(raw, t.RawToken);
            Assert.IsType<long>(t.Claims["exp"]);
            Assert.Equal("push", t.Claims["trg"]);
        }

        [Fact]
        public void Converts_JSON_values_to_plain_types()
        {
            var claims = _issuer.Claims();
            claims["num"] = 1.5;
            claims["flag"] = true;
            claims["list"] = new object[] { "a", 2, false };
            claims["obj"] = new Dictionary<string, object> { ["k"] = "v" };
            claims["nothing"] = null;
            var t = TokenReader.Read(_issuer.Token(claims));

            Assert.Equal(1.5, t.Claims["num"]);
            Assert.Equal(true, t.Claims["flag"]);
            Assert.Equal(new object[] { "a", 2L, false }, (object[])t.Claims["list"]);
            Assert.Equal("v", ((Dictionary<string, object>)t.Claims["obj"])["k"]);
            Assert.Null(t.Claims["nothing"]);
        }

        [Fact]
        public void Audience_array_gives_first_and_all()
        {
            var claims = _issuer.Claims();
            claims["aud"] = new[] { "https://first.example", "sts.amazonaws.com" };
            var t = TokenReader.Read(_issuer.Token(claims));
            Assert.Equal("https://first.example", t.Audience);
            Assert.Equal(new[] { "https://first.example", "sts.amazonaws.com" }, t.Audiences);
        }

        [Fact]
        public void Dedicated_claims_switched_off_fall_back_to_sub()
        {
            var claims = _issuer.Claims();
            foreach (var name in new[] { "org", "prj_id", "repo", "ref_type", "ref" }) claims.Remove(name);
            claims["sub"] = "org:acme:project:p-1:repo:my.repo:ref_type:tag:ref:refs/tags/v2.0.0";
            var t = TokenReader.Read(_issuer.Token(claims));
            Assert.Equal("acme", t.Organization);
            Assert.Equal("p-1", t.ProjectId);
            Assert.Equal("my.repo", t.Repository);
            Assert.Equal("tag", t.RefType);
            Assert.Equal("refs/tags/v2.0.0", t.Ref);
        }

        [Fact]
        public void Sub_switched_off_uses_dedicated_claims()
        {
            var claims = _issuer.Claims();
            claims.Remove("sub");
            var t = TokenReader.Read(_issuer.Token(claims));
            Assert.Null(t.Subject);
            Assert.Null(t.SubjectParts);
            Assert.Equal("acme", t.Organization);
            Assert.Equal("refs/heads/main", t.Ref);
            Assert.StartsWith(_issuer.Issuer + " (expires ", t.ToString());
        }

        [Fact]
        public void Only_the_always_present_claims_still_decodes()
        {
            var all = _issuer.Claims();
            var claims = new Dictionary<string, object>();
            foreach (var name in new[] { "exp", "iat", "nbf", "iss", "aud", "jti" }) claims[name] = all[name];
            var t = TokenReader.Read(_issuer.Token(claims));
            Assert.Null(t.Subject);
            Assert.Null(t.Organization);
            Assert.Null(t.ProjectId);
            Assert.Null(t.Repository);
            Assert.Null(t.RefType);
            Assert.Null(t.Ref);
            Assert.Null(t.Branch);
            Assert.Equal(all["jti"], t.TokenId);
        }

        [Fact]
        public void Dedicated_claim_wins_over_sub()
        {
            var claims = _issuer.Claims();
            claims["sub"] = "org:other:project:p:repo:r:ref_type:branch:ref:refs/heads/x";
            var t = TokenReader.Read(_issuer.Token(claims));
            Assert.Equal("acme", t.Organization);
            Assert.Equal("other", t.SubjectParts.Organization);
        }

        [Fact]
        public void Parses_session_tags()
        {
            var claims = _issuer.Claims();
            claims[SemaphoreToken.SessionTagsClaim] = new Dictionary<string, object>
            {
                ["principal_tags"] = new Dictionary<string, object> { ["project"] = new[] { "web" }, ["env"] = new[] { "prod", "x" } },
                ["transitive_tag_keys"] = new[] { "project" },
            };
            var t = TokenReader.Read(_issuer.Token(claims));
            Assert.True(t.HasSessionTags);
            Assert.Equal(new[] { "web" }, t.SessionTags.PrincipalTags["project"]);
            Assert.Equal(new[] { "prod", "x" }, t.SessionTags.PrincipalTags["env"]);
            Assert.Equal(new[] { "project" }, t.SessionTags.TransitiveTagKeys);
        }

        [Fact]
        public void ToString_shows_subject_and_expiry_but_never_the_token()
        {
            string raw = _issuer.Token();
            var t = TokenReader.Read(raw);
            Assert.Equal("org:acme:project:3f2a3c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b:repo:web-app:ref_type:branch:ref:refs/heads/main (expires 2026-11-29T12:00:00Z)", t.ToString());
            Assert.DoesNotContain(raw.Split('.')[2], t.ToString());
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   \n")]
        public void Empty_token_is_missing(string token)
        {
            var ex = Assert.Throws<SemaphoreOidcException>(() => TokenReader.Read(token));
            Assert.Equal("TokenMissing", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("SEMAPHORE_OIDC_TOKEN", ex.Message);
            Assert.Contains("pass the token explicitly", ex.Message);
        }

        public static IEnumerable<object[]> MalformedTokens()
        {
            var issuer = new TestIssuer();
            string good = issuer.Token();
            string[] p = good.Split('.');
            string b64 = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("{not json"));
            yield return new object[] { p[0] + "." + p[1], "part(s)" };
            yield return new object[] { good + ".x.y", "JWE" };
            yield return new object[] { "!!!." + p[1] + "." + p[2], "header" };
            yield return new object[] { p[0] + "." + b64 + "." + p[2], "payload" };
            yield return new object[] { b64 + "." + p[1] + "." + p[2], "header" };
            yield return new object[] { p[0] + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("[1,2]")) + "." + p[2], "not a JSON object" };
            yield return new object[] { p[0] + "." + p[1] + ".a+b/", "signature" };
        }

        [Theory]
        [MemberData(nameof(MalformedTokens))]
        public void Malformed_token_says_which_part_and_never_echoes_it(string token, string expectedWords)
        {
            var ex = Assert.Throws<SemaphoreOidcException>(() => TokenReader.Read(token));
            Assert.Equal("TokenMalformed", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, ex.Kind);
            Assert.Contains(expectedWords, ex.Message);
            foreach (string part in token.Split('.'))
            {
                if (part.Length > 8) Assert.DoesNotContain(part, ex.Message);
            }
            Assert.Equal("SEMAPHORE_OIDC_TOKEN", ex.Target);
        }

        [Fact]
        public void Unsecured_token_decodes_so_the_verifier_can_name_the_algorithm()
        {
            var t = TokenReader.Read(_issuer.Token(alg: "none"));
            Assert.Equal("none", t.Algorithm);
        }

        [Fact]
        public void Non_numeric_expiry_is_malformed()
        {
            var claims = _issuer.Claims();
            claims["exp"] = "tomorrow";
            var ex = Assert.Throws<SemaphoreOidcException>(() => TokenReader.Read(_issuer.Token(claims)));
            Assert.Equal("TokenMalformed", ex.ErrorId);
            Assert.Contains("'exp'", ex.Message);
        }

        [Fact]
        public void From_environment_reads_Semaphore_variable()
        {
            string raw = _issuer.Token();
            string before = Environment.GetEnvironmentVariable("SEMAPHORE_OIDC_TOKEN");
            try
            {
                Environment.SetEnvironmentVariable("SEMAPHORE_OIDC_TOKEN", raw);
                Assert.Equal(raw, TokenReader.FromEnvironment().RawToken);
                Environment.SetEnvironmentVariable("SEMAPHORE_OIDC_TOKEN", null);
                Assert.Equal("TokenMissing", Assert.Throws<SemaphoreOidcException>(() => TokenReader.FromEnvironment()).ErrorId);
            }
            finally
            {
                Environment.SetEnvironmentVariable("SEMAPHORE_OIDC_TOKEN", before);
            }
        }
    }
}
