using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace SemaphoreOidc.Errors
{
    /// <summary>
    /// Every published error id, read from the <c>&lt;Area&gt;ErrorIds</c> classes and their <see cref="ErrorIdAttribute"/>s:
    /// the one source of docs/errors.md, of the categories of AWS's own errors, and of the tests that hold the code to it.
    /// </summary>
    public static class ErrorCatalogue
    {
        /// <summary>What every class of ids is called: <c>&lt;Area&gt;ErrorIds</c>.</summary>
        public const string ClassSuffix = "ErrorIds";

        private static readonly Lazy<ErrorCatalogueEntry[]> All = new Lazy<ErrorCatalogueEntry[]>(Read);
        private static readonly Lazy<Dictionary<string, ErrorCatalogueEntry>> ById = new Lazy<Dictionary<string, ErrorCatalogueEntry>>(() =>
        {
            var map = new Dictionary<string, ErrorCatalogueEntry>(StringComparer.Ordinal);
            foreach (var entry in All.Value)
            {
                if (!map.ContainsKey(entry.Id)) map.Add(entry.Id, entry);
            }

            return map;
        });

        /// <summary>Every id, by area, then by id.</summary>
        public static IReadOnlyList<ErrorCatalogueEntry> Entries => All.Value;

        /// <summary>The entry of <paramref name="id"/>, or null when the id is not published.</summary>
        public static ErrorCatalogueEntry Find(string id) =>
            id != null && ById.Value.TryGetValue(id, out ErrorCatalogueEntry entry) ? entry : null;

        /// <summary>
        /// The id of an error AWS answered with: the service, then AWS's code without dots (IamNoSuchEntity). Stable,
        /// and says where it came from; the codes the module can meet are catalogued (docs/errors.md, "AWS's own errors").
        /// </summary>
        public static string AwsErrorId(string service, string code)
        {
            string prefix = string.IsNullOrEmpty(service) ? "Aws" : char.ToUpperInvariant(service[0]) + service.Substring(1).ToLowerInvariant();
            return prefix + (string.IsNullOrEmpty(code) ? "Error" : code.Replace(".", string.Empty));
        }

        private static ErrorCatalogueEntry[] Read()
        {
            var entries = new List<ErrorCatalogueEntry>();
            foreach (Type type in typeof(ErrorCatalogue).Assembly.GetTypes().Where(IsIdClass))
            {
                string area = type.Name.Substring(0, type.Name.Length - ClassSuffix.Length);
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    if (!field.IsLiteral || field.FieldType != typeof(string)) continue;
                    var attribute = field.GetCustomAttribute<ErrorIdAttribute>();
                    entries.Add(new ErrorCatalogueEntry((string)field.GetRawConstantValue(), field.Name, area, type, attribute));
                }
            }

            return entries.OrderBy(e => e.Area, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();
        }

        private static bool IsIdClass(Type type) =>
            type.IsClass && type.IsAbstract && type.IsSealed && type.Name.EndsWith(ClassSuffix, StringComparison.Ordinal) && type.Name != ClassSuffix;
    }

    /// <summary>One published error id: what it means, what to do, and the categories it is reported with.</summary>
    public sealed class ErrorCatalogueEntry
    {
        private static readonly ErrorKind[] NoCategories = new ErrorKind[0];

        internal ErrorCatalogueEntry(string id, string constantName, string area, Type declaringType, ErrorIdAttribute attribute)
        {
            Id = id;
            ConstantName = constantName;
            Area = area;
            DeclaringType = declaringType;
            Meaning = attribute?.Meaning;
            Action = attribute?.Action;
            Categories = attribute?.Categories ?? NoCategories;
            AwsCode = attribute?.AwsCode;
        }

        /// <summary>The id itself, the ErrorRecord's FullyQualifiedErrorId before the comma.</summary>
        public string Id { get; }

        /// <summary>The constant's name; always equal to <see cref="Id"/> (a test holds it so).</summary>
        public string ConstantName { get; }

        /// <summary>The area, the class name without "ErrorIds": Token, Sts, Iam, ...</summary>
        public string Area { get; }

        public Type DeclaringType { get; }

        /// <summary>What went wrong, in one sentence; null when the constant has no <see cref="ErrorIdAttribute"/>.</summary>
        public string Meaning { get; }

        /// <summary>What to do about it, in one sentence.</summary>
        public string Action { get; }

        /// <summary>The categories it is reported with, the usual one first.</summary>
        public IReadOnlyList<ErrorKind> Categories { get; }

        /// <summary>AWS's error code for the AWS family, else null.</summary>
        public string AwsCode { get; }

        public override string ToString() => Id;
    }
}
