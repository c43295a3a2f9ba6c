using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Tokens
{
    public class SubjectPartsTests
    {
        private const string Project = "3f2a3c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b";

        [Theory]
        [InlineData("acme", "web-app", "branch", "refs/heads/main")]
        [InlineData("acme", "web.app_v2-x", "branch", "refs/heads/feature/nested/deep")]
        [InlineData("acme", "web-app", "tag", "refs/tags/v1.0.0")]
        [InlineData("acme", "web-app", "pull-request", "refs/pull/42/merge")]
        [InlineData("acme", "web-app", "pr", "refs/pull/42/head")]
        [InlineData("a-b", "r", "branch", "refs/heads/has:colon:ref:inside")]
        public void Parses_what_format_writes(string org, string repo, string refType, string gitRef)
        {
            string sub = SubjectParts.Format(org, Project, repo, refType, gitRef);

            Assert.True(SubjectParts.TryParse(sub, out SubjectParts parts));
            Assert.Equal(org, parts.Organization);
            Assert.Equal(Project, parts.ProjectId);
            Assert.Equal(repo, parts.Repository);
            Assert.Equal(refType, parts.RefType);
            Assert.Equal(gitRef, parts.Ref);
            Assert.Equal(sub, parts.Format());
            Assert.Equal(sub, parts.ToString());
        }

        [Fact]
        public void Parses_a_real_subject()
        {
            Assert.True(SubjectParts.TryParse("org:semaphoreio:project:936a5312-a94c-4d4b-a0d6-1e5a5ef17ca2:repo:semaphore:ref_type:branch:ref:refs/heads/main", out var p));
            Assert.Equal("semaphoreio", p.Organization);
            Assert.Equal("936a5312-a94c-4d4b-a0d6-1e5a5ef17ca2", p.ProjectId);
            Assert.Equal("semaphore", p.Repository);
            Assert.Equal("branch", p.RefType);
            Assert.Equal("refs/heads/main", p.Ref);
        }

        [Fact]
        public void Empty_values_are_kept_empty()
        {
            Assert.True(SubjectParts.TryParse("org::project::repo::ref_type::ref:", out var p));
            Assert.Equal("", p.Organization);
            Assert.Equal("", p.Ref);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("repo:acme/web:ref:refs/heads/main")]
        [InlineData("org:acme:project:x:repo:y:ref_type:branch")]
        [InlineData("org:acme:repo:y:project:x:ref_type:branch:ref:r")]
        [InlineData("ORG:acme:project:x:repo:y:ref_type:branch:ref:r")]
        public void Rejects_other_shapes(string sub)
        {
            Assert.False(SubjectParts.TryParse(sub, out SubjectParts parts));
            Assert.Null(parts);
        }
    }
}
