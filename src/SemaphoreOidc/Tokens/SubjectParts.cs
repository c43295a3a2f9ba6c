using System;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The pieces of Semaphore's <c>sub</c> claim:
    /// <c>org:&lt;org&gt;:project:&lt;project-uuid&gt;:repo:&lt;repo&gt;:ref_type:&lt;ref_type&gt;:ref:&lt;ref&gt;</c>
    /// (docs/semaphore-token.md, "The subject"). Trust policies can only match on
    /// <c>sub</c> and <c>aud</c> for a generic OIDC provider, so this string is what every restriction is built from.
    /// </summary>
    public sealed class SubjectParts
    {
        // The keywords in the order Semaphore writes them. Parsing looks for each ":<keyword>:" after the
        // previous one, so a value may itself contain ':' (a git ref can) without confusing the split, and
        // the last value (ref) is simply the rest of the string: refs like refs/heads/feat/x keep their '/'.
        private const string OrgKeyword = "org:";
        private const string ProjectSeparator = ":project:";
        private const string RepoSeparator = ":repo:";
        private const string RefTypeSeparator = ":ref_type:";
        private const string RefSeparator = ":ref:";

        public SubjectParts(string organization, string projectId, string repository, string refType, string @ref)
        {
            Organization = organization ?? string.Empty;
            ProjectId = projectId ?? string.Empty;
            Repository = repository ?? string.Empty;
            RefType = refType ?? string.Empty;
            Ref = @ref ?? string.Empty;
        }

        /// <summary>Organisation name, the <c>&lt;org&gt;</c> in <c>https://&lt;org&gt;.semaphoreci.com</c>.</summary>
        public string Organization { get; }

        /// <summary>Project UUID.</summary>
        public string ProjectId { get; }

        /// <summary>Repository name (without owner), as Semaphore writes it.</summary>
        public string Repository { get; }

        /// <summary><c>branch</c>, <c>tag</c> or <c>pull-request</c> in real tokens; other values are kept as they are.</summary>
        public string RefType { get; }

        /// <summary>Full git ref, e.g. <c>refs/heads/main</c>; opaque for pull requests.</summary>
        public string Ref { get; }

        /// <summary>Splits a <c>sub</c> value; false when it does not have Semaphore's shape.</summary>
        public static bool TryParse(string subject, out SubjectParts parts)
        {
            parts = null;
            if (string.IsNullOrEmpty(subject) || !subject.StartsWith(OrgKeyword, StringComparison.Ordinal))
            {
                return false;
            }

            int orgStart = OrgKeyword.Length;
            int project = subject.IndexOf(ProjectSeparator, orgStart, StringComparison.Ordinal);
            if (project < 0) return false;
            int projectStart = project + ProjectSeparator.Length;
            int repo = subject.IndexOf(RepoSeparator, projectStart, StringComparison.Ordinal);
            if (repo < 0) return false;
            int repoStart = repo + RepoSeparator.Length;
            int refType = subject.IndexOf(RefTypeSeparator, repoStart, StringComparison.Ordinal);
            if (refType < 0) return false;
            int refTypeStart = refType + RefTypeSeparator.Length;
            int gitRef = subject.IndexOf(RefSeparator, refTypeStart, StringComparison.Ordinal);
            if (gitRef < 0) return false;
            int refStart = gitRef + RefSeparator.Length;

            parts = new SubjectParts(
                subject.Substring(orgStart, project - orgStart),
                subject.Substring(projectStart, repo - projectStart),
                subject.Substring(repoStart, refType - repoStart),
                subject.Substring(refTypeStart, gitRef - refTypeStart),
                subject.Substring(refStart));
            return true;
        }

        /// <summary>Builds the <c>sub</c> value Semaphore would issue for these parts.</summary>
        public static string Format(string organization, string projectId, string repository, string refType, string @ref) =>
            OrgKeyword + organization + ProjectSeparator + projectId + RepoSeparator + repository +
            RefTypeSeparator + refType + RefSeparator + @ref;

        /// <summary>The <c>sub</c> value for these parts.</summary>
        public string Format() => Format(Organization, ProjectId, Repository, RefType, Ref);

        public override string ToString() => Format();
    }
}
