using System;
using System.Collections.Generic;
using System.Linq;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// A <c>sub</c> value of a trust policy read as Semaphore's subject layout
    /// <c>org:&lt;org&gt;:project:&lt;uuid&gt;:repo:&lt;repo&gt;:ref_type:&lt;type&gt;:ref:&lt;ref&gt;</c> (docs/semaphore-token.md, "The subject").
    /// A real subject has exactly nine ':' (no segment can hold one: git refs and repository names exclude it),
    /// so a pattern with nine literal ':' pins each segment, and a pattern with fewer lets some <c>*</c> span
    /// several segments: every segment such a star can cover, in any reading of the pattern, counts as unrestricted. A segment is also
    /// unrestricted when it matches probe values no real restriction would (a random project id, an unlikely
    /// repository or organisation name), which catches <c>????????-????-...</c> as well as <c>*</c>.
    /// </summary>
    public sealed class SubjectPattern
    {
        private const int Segments = 10;
        private static readonly string[] Keywords = { "org", null, "project", null, "repo", null, "ref_type", null, "ref", null };
        private static readonly string[] OrganizationProbes = { "zq-probe-organisation-7", "x" };
        private static readonly string[] ProjectProbes = { "5f1c0a9e-7d3b-4e2a-9c61-0b8e4d2f7a13", "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d" };
        private static readonly string[] RepositoryProbes = { "zq-probe-repository_7", "x" };

        private SubjectPattern(string text) => Text = text;

        public string Text { get; }

        /// <summary>False when no Semaphore subject can match (wrong number of segments or keywords).</summary>
        public bool CanMatch { get; private set; }

        /// <summary>The organisation the pattern names, or null when that segment is unrestricted or not literal.</summary>
        public string Organization { get; private set; }

        public bool AnyOrganization { get; private set; }
        public bool AnyProject { get; private set; }
        public bool AnyRepository { get; private set; }

        /// <summary>
        /// Admits any project (or any organisation). A repository name alone does not narrow it: the <c>repo</c>
        /// claim carries no owner, so a new project over a fork or any same-named repository qualifies.
        /// </summary>
        public bool IsTooBroad => AnyOrganization || AnyProject;

        /// <summary>The organisation segment of a concrete subject (<c>org:&lt;org&gt;:...</c>), or null.</summary>
        public static string OrganizationOf(string subject)
        {
            if (subject == null || !subject.StartsWith("org:", StringComparison.Ordinal)) return null;
            int end = subject.IndexOf(':', 4);
            return end > 4 ? subject.Substring(4, end - 4) : null;
        }

        /// <summary>Reads a condition value; <paramref name="isLike"/> says whether * and ? are wildcards (StringLike).</summary>
        public static SubjectPattern Analyze(string value, bool isLike, bool policyVariables = true)
        {
            var pattern = new SubjectPattern(value);
            GlobPattern glob = ConditionValue.Parse(value, policyVariables).Glob;
            char[] chars = glob.Chars;
            byte[] kinds = isLike ? glob.Kinds : new byte[chars.Length]; // StringEquals: every character literal

            // Split at literal ':' into segments of (chars, kinds).
            var segments = new List<GlobPattern>();
            var starred = new List<bool>();
            int start = 0;
            for (int i = 0; i <= chars.Length; i++)
            {
                if (i < chars.Length && !(kinds[i] == GlobPattern.Literal && chars[i] == ':')) continue;
                var segChars = new char[i - start];
                var segKinds = new byte[i - start];
                Array.Copy(chars, start, segChars, 0, segChars.Length);
                Array.Copy(kinds, start, segKinds, 0, segKinds.Length);
                segments.Add(new GlobPattern(segChars, segKinds));
                starred.Add(Array.IndexOf(segKinds, GlobPattern.Star) >= 0);
                start = i + 1;
            }

            pattern.CanMatch = false;
            if (segments.Count <= Segments)
            {
                var spans = new int[segments.Count];
                Align(pattern, segments, starred, 0, 0, spans);
            }

            return pattern;
        }

        /// <summary>
        /// Tries every way the pattern's segments can line up with the subject's ten: a segment without '*' covers
        /// exactly one, a segment with '*' one or more. At most ten segments, so the search is tiny (and its depth
        /// bounded by ten). Each alignment that fits the keywords is folded into the result, so a segment counts as
        /// unrestricted if any reading of the pattern leaves it open.
        /// </summary>
        private static void Align(SubjectPattern pattern, List<GlobPattern> segments, List<bool> starred, int p, int s, int[] spans)
        {
            if (p == segments.Count)
            {
                if (s == Segments) Record(pattern, segments, spans);
                return;
            }

            int after = segments.Count - p - 1;
            int widest = starred[p] ? Segments - s - after : 1;
            for (int span = 1; span <= widest && s + span <= Segments - after; span++)
            {
                // A segment alone on a keyword slot must spell that keyword.
                if (span == 1 && Keywords[s] != null && !segments[p].IsMatch(Keywords[s])) continue;
                spans[p] = span;
                Align(pattern, segments, starred, p + 1, s + span, spans);
            }
        }

        private static void Record(SubjectPattern pattern, List<GlobPattern> segments, int[] spans)
        {
            var cover = new GlobPattern[Segments];
            var open = new bool[Segments];
            int slot = 0;
            for (int p = 0; p < segments.Count; p++)
            {
                if (spans[p] == 1) cover[slot] = segments[p];
                else for (int i = slot; i < slot + spans[p]; i++) open[i] = true;
                slot += spans[p];
            }

            bool anyOrganization = open[1] || OrganizationProbes.All(cover[1].IsMatch);
            string organization = !open[1] && !cover[1].HasWildcard ? new string(cover[1].Chars) : null;
            pattern.AnyOrganization |= anyOrganization;
            pattern.AnyProject |= open[3] || ProjectProbes.All(cover[3].IsMatch);
            pattern.AnyRepository |= open[5] || RepositoryProbes.All(cover[5].IsMatch);
            pattern.Organization = !pattern.CanMatch ? organization : pattern.Organization == organization ? organization : null;
            pattern.CanMatch = true;
        }

        public override string ToString() => Text;
    }
}
