using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;
using Xunit;

namespace SemaphoreOidc.Tests.Errors
{
    /// <summary>
    /// The error catalogue (the &lt;Area&gt;ErrorIds classes, docs/errors.md) is complete and is the only source of ids:
    /// every constant is published with its meaning, action and categories, and every id the code throws, with every
    /// category it throws it with, is one of them.
    /// </summary>
    public class ErrorCatalogueTests
    {
        private static readonly Regex PascalCase = new Regex(@"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$", RegexOptions.CultureInvariant);
        private static readonly Regex IdConstant = new Regex(@"^(?:\w+\.)*(\w+ErrorIds)\.(\w+)$", RegexOptions.CultureInvariant);
        private static readonly Regex KindMember = new Regex(@"ErrorKind\.(\w+)", RegexOptions.CultureInvariant);

        private static IReadOnlyList<CSharpSource> Sources => SourcesCache.Value;
        private static readonly Lazy<IReadOnlyList<CSharpSource>> SourcesCache = new Lazy<IReadOnlyList<CSharpSource>>(() => CSharpSource.Under("src"));

        [Fact]
        public void Every_id_is_a_nameof_constant_with_its_meaning_action_and_categories()
        {
            Assert.NotEmpty(ErrorCatalogue.Entries);
            foreach (var entry in ErrorCatalogue.Entries)
            {
                Assert.True(entry.Id == entry.ConstantName, $"{entry.DeclaringType.Name}.{entry.ConstantName} = \"{entry.Id}\": an id is nameof(its constant)");
                Assert.Matches(PascalCase, entry.Id);
                foreach (string text in new[] { entry.Meaning, entry.Action })
                {
                    Assert.False(string.IsNullOrWhiteSpace(text), $"{entry.Id} needs [ErrorId(\"what it means\", \"what to do\", ErrorKind...)]");
                    Assert.True(text.Trim().EndsWith(".", StringComparison.Ordinal) && text.IndexOfAny(new[] { '\r', '\n' }) < 0,
                        $"{entry.Id}: '{text}' is one sentence on one line");
                }

                Assert.True(entry.Categories.Count > 0, $"{entry.Id} declares no category: [ErrorId(\"...\", \"...\", ErrorKind.<how it is reported>)]");
                Assert.Equal(entry.Categories.Count, entry.Categories.Distinct().Count());
            }
        }

        [Fact]
        public void No_id_is_defined_twice()
        {
            var twice = ErrorCatalogue.Entries.GroupBy(e => e.Id, StringComparer.Ordinal).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key} in {string.Join(" and ", g.Select(e => e.DeclaringType.Name))}").ToList();
            Assert.True(twice.Count == 0, "One constant per id: " + string.Join("; ", twice));
        }

        [Fact]
        public void Ids_live_only_in_static_area_classes_of_constants()
        {
            var engine = typeof(ErrorCatalogue).Assembly;
            foreach (Type type in engine.GetTypes())
            {
                var marked = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
                    .Where(f => f.GetCustomAttribute<ErrorIdAttribute>() != null).ToList();
                bool isIdClass = type.Name.EndsWith(ErrorCatalogue.ClassSuffix, StringComparison.Ordinal);
                if (!isIdClass)
                {
                    Assert.True(marked.Count == 0, $"{type.FullName} holds [ErrorId] constants: ids belong in an <Area>ErrorIds class");
                    continue;
                }

                Assert.True(type.IsAbstract && type.IsSealed && type.IsPublic, $"{type.Name} is a public static class");
                string area = type.Name.Substring(0, type.Name.Length - ErrorCatalogue.ClassSuffix.Length);
                Assert.StartsWith("SemaphoreOidc.", type.Namespace);
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance))
                {
                    Assert.True(field.IsPublic && field.IsLiteral && field.FieldType == typeof(string), $"{type.Name}.{field.Name}: only id constants in an ids class");
                }

                Assert.Contains(ErrorCatalogue.Entries, e => e.Area == area);
            }
        }

        [Fact]
        public void No_id_is_spelled_as_a_literal_outside_the_catalogue()
        {
            var ids = new HashSet<string>(ErrorCatalogue.Entries.Select(e => e.Id), StringComparer.Ordinal);
            var found = new List<string>();
            foreach (var source in Sources.Where(s => !s.RelativePath.EndsWith(ErrorCatalogue.ClassSuffix + ".cs", StringComparison.Ordinal)))
            {
                foreach (var (text, line) in source.Literals)
                {
                    if (ids.Contains(text)) found.Add($"{source.RelativePath}:{line} \"{text}\"");
                }
            }

            Assert.True(found.Count == 0, "Use the <Area>ErrorIds constant instead of: " + string.Join(", ", found));
        }

        [Fact]
        public void Every_thrown_id_is_catalogued_and_thrown_with_a_declared_category()
        {
            var thrown = ThrownIds();
            var problems = new List<string>();
            foreach (var site in thrown)
            {
                var entry = ErrorCatalogue.Find(site.Id);
                if (entry == null)
                {
                    problems.Add($"{site.Where}: {site.Expression} is not a catalogued id constant");
                    continue;
                }

                foreach (var kind in site.Kinds.Where(k => !entry.Categories.Contains(k)))
                {
                    problems.Add($"{site.Where}: {site.Id} is thrown as {kind}, which its [ErrorId] does not declare");
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Every_catalogued_id_and_category_is_thrown_somewhere()
        {
            var thrown = ThrownIds().Where(s => ErrorCatalogue.Find(s.Id) != null).ToList();
            var problems = new List<string>();
            foreach (var entry in ErrorCatalogue.Entries.Where(e => e.AwsCode == null))
            {
                var kinds = thrown.Where(s => s.Id == entry.Id).SelectMany(s => s.Kinds).ToHashSet();
                if (kinds.Count == 0) problems.Add($"{entry.Id} is never thrown: remove it, or throw it");
                foreach (var kind in entry.Categories.Where(k => !kinds.Contains(k))) problems.Add($"{entry.Id} declares {kind}, but is never thrown as {kind}");
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void The_scan_sees_the_throw_sites_it_relies_on()
        {
            // Guards the scan itself: if the shapes below stopped being recognised, the two tests above would pass on nothing.
            var thrown = ThrownIds();
            Assert.Contains(thrown, s => s.Id == "TokenMissing" && s.Kinds.Contains(ErrorKind.InvalidArgument));
            Assert.Contains(thrown, s => s.Id == "IssuerDiscoveryFailed" && s.Kinds.Contains(ErrorKind.ResourceUnavailable) && s.Kinds.Contains(ErrorKind.ObjectNotFound));
            Assert.Contains(thrown, s => s.Id == "BranchInvalid" && s.Kinds.SequenceEqual(new[] { ErrorKind.InvalidArgument }));
            Assert.Contains(thrown, s => s.Id == "TrustPolicyTooBroad" && s.Kinds.Contains(ErrorKind.SecurityError));
            Assert.True(thrown.Count > 100, $"only {thrown.Count} throw sites found");
        }

        [Fact]
        public void The_aws_family_ids_are_built_from_the_code_and_carry_the_catalogued_category()
        {
            var family = ErrorCatalogue.Entries.Where(e => e.AwsCode != null).ToList();
            Assert.Contains(family, e => e.Id == IamErrorIds.IamNoSuchEntity);
            foreach (var entry in family)
            {
                Assert.Equal("Iam", entry.Area);
                Assert.Equal(ErrorCatalogue.AwsErrorId("iam", entry.AwsCode), entry.Id);
                Assert.Single(entry.Categories);
                foreach (int status in new[] { 400, 403, 404, 409, 500, 503 })
                {
                    var error = new AwsServiceException("iam", "GetRole", entry.AwsCode, "AWS's words", status, "req-1", "deploy");
                    Assert.Equal(entry.Id, error.ErrorId);
                    Assert.Equal(entry.Categories[0], error.Kind);
                    Assert.Equal(entry.AwsCode, error.AwsErrorCode);
                }
            }
        }

        [Theory]
        [InlineData("SomethingNew", 400, "IamSomethingNew", ErrorKind.NotSpecified)]
        [InlineData("SomethingNew", 502, "IamSomethingNew", ErrorKind.ResourceUnavailable)]
        [InlineData("Some.Dotted.Code", 400, "IamSomeDottedCode", ErrorKind.NotSpecified)]
        [InlineData(null, 500, "IamError", ErrorKind.ResourceUnavailable)]
        public void An_aws_code_outside_the_catalogue_follows_the_documented_family_rule(string code, int status, string id, ErrorKind kind)
        {
            var error = new AwsServiceException("iam", "GetRole", code, "AWS's words", status, null, null);
            Assert.Equal(id, error.ErrorId);
            Assert.Equal(kind, error.Kind);
            Assert.Null(ErrorCatalogue.Find(id));
        }

        [Fact]
        public void Every_aws_code_the_code_acts_on_is_catalogued()
        {
            var codes = new Regex(@"\.Code\s*==\s*""(\w+)""", RegexOptions.CultureInvariant);
            var acted = Sources.SelectMany(s => codes.Matches(s.Code).Cast<Match>().Select(m => (Code: m.Groups[1].Value, s.RelativePath))).ToList();
            Assert.NotEmpty(acted);
            foreach (var (code, path) in acted)
            {
                Assert.True(ErrorCatalogue.Entries.Any(e => e.AwsCode == code), $"{path} acts on IAM's {code}, which the catalogue does not list");
            }
        }

        [Fact]
        public void A_recommended_action_ends_the_message_of_a_copy_and_never_changes_the_original()
        {
            var original = new AwsServiceException("iam", "GetRole", "NoSuchEntity", "Role not found", 404, "req-1", "deploy");
            var hinted = original.WithRecommendedAction("Add -Create to create it.");

            Assert.IsType<AwsServiceException>(hinted);
            Assert.NotSame(original, hinted);
            Assert.Equal(original.Message + " Add -Create to create it.", hinted.Message);
            Assert.Equal("Add -Create to create it.", hinted.RecommendedAction);
            Assert.Null(original.RecommendedAction);
            Assert.DoesNotContain("-Create", original.Message);
            Assert.Equal((original.ErrorId, original.Kind, original.Target, original.AwsErrorCode, original.AwsRequestId),
                (hinted.ErrorId, hinted.Kind, hinted.Target, hinted.AwsErrorCode, hinted.AwsRequestId));
            Assert.Same(original, original.WithRecommendedAction(" "));
            Assert.Throws<ArgumentException>(() => original.WithRecommendedAction("two\nlines"));
        }

        /// <summary>
        /// Every place an id is thrown: constructions of SemaphoreOidcException (the id and the ErrorKind members in the
        /// kind argument), and calls that pass an id to a helper parameter named errorId (which throws it with the kinds
        /// its own constructions use with errorId).
        /// </summary>
        private static List<ThrowSite> ThrownIds()
        {
            var sites = new List<ThrowSite>();
            var passThroughKinds = new HashSet<ErrorKind>();
            // Helpers that take the id as a parameter named errorId: (the file declaring it, its name, the parameter's position).
            var helpers = new List<(CSharpSource File, string Name, int Index)>();
            var helperDeclaration = new Regex(@"\b(\w+)\s*\(([^()]*\bstring\s+errorId\b[^()]*)\)", RegexOptions.CultureInvariant);
            foreach (var source in Sources)
            {
                foreach (Match m in helperDeclaration.Matches(source.Code))
                {
                    if (m.Groups[1].Value == "SemaphoreOidcException") continue;
                    var parameters = m.Groups[2].Value.Split(',').Select(p => p.Trim()).ToList();
                    helpers.Add((source, m.Groups[1].Value, parameters.FindIndex(p => Regex.IsMatch(p, @"\bstring\s+errorId\b"))));
                }
            }

            foreach (var source in Sources)
            {
                foreach (var (arguments, line) in source.CallsOf("new SemaphoreOidcException").Concat(source.CallsOf("new Errors.SemaphoreOidcException")))
                {
                    var kinds = KindMember.Matches(arguments.ElementAtOrDefault(1) ?? string.Empty).Cast<Match>()
                        .Select(k => (ErrorKind)Enum.Parse(typeof(ErrorKind), k.Groups[1].Value)).ToList();
                    string id = arguments[0];
                    if (id == "errorId")
                    {
                        passThroughKinds.UnionWith(kinds);
                        continue;
                    }

                    sites.Add(Site(id, kinds, $"{source.RelativePath}:{line}"));
                }
            }

            // A helper is called by its bare name in its own file, and as Class.Name elsewhere.
            foreach (var (file, name, index) in helpers)
            {
                var calls = file.CallsOf(name, bare: true).Select(c => (file, c.Arguments, c.Line))
                    .Concat(Sources.SelectMany(s => s.CallsOf(file.ClassName + "." + name).Select(c => (s, c.Arguments, c.Line))));
                foreach (var (source, arguments, line) in calls)
                {
                    string id = arguments.ElementAtOrDefault(index);
                    if (id == null || id == "errorId" || id.StartsWith("string ", StringComparison.Ordinal)) continue;
                    sites.Add(Site(id, passThroughKinds.ToList(), $"{source.RelativePath}:{line}"));
                }
            }

            return sites;
        }

        private static ThrowSite Site(string expression, List<ErrorKind> kinds, string where)
        {
            var m = IdConstant.Match(expression);
            return new ThrowSite
            {
                Expression = expression,
                // Only a constant of an ids class counts: a literal, a variable or a computed id is reported as not catalogued.
                Id = m.Success ? FindConstant(m.Groups[1].Value, m.Groups[2].Value) : null,
                Kinds = kinds,
                Where = where,
            };
        }

        private static string FindConstant(string className, string constantName) =>
            ErrorCatalogue.Entries.FirstOrDefault(e => e.DeclaringType.Name == className && e.ConstantName == constantName)?.Id;

        private sealed class ThrowSite
        {
            public string Expression { get; set; }
            public string Id { get; set; }
            public List<ErrorKind> Kinds { get; set; }
            public string Where { get; set; }
        }
    }
}
