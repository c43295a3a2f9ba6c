using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// An IAM role trust policy: its statements (each keeping its original JSON), the JSON to send to IAM, and
    /// its size as IAM counts it. <see cref="Parse"/> and <see cref="ToJson"/> round-trip everything, including
    /// members this module does not understand, so a merge can keep other statements intact.
    /// </summary>
    public sealed class TrustPolicy
    {
        /// <summary>IAM's default limit for a role trust policy, in non-whitespace characters (ACLSizePerRole).</summary>
        public const int DefaultSizeQuota = 2048;

        /// <summary>
        /// Longest text <see cref="Parse"/> reads. IAM never stores a trust policy near this (its quota is a few
        /// thousand non-whitespace characters), so anything longer is refused before parsing.
        /// </summary>
        public const int MaxDocumentLength = 64 * 1024;

        public const string CurrentVersion = "2012-10-17";

        private static readonly JsonWriterOptions Indented = new JsonWriterOptions
        {
            Indented = true,
            // IAM reads '+', '<', '&' fine; escaping them (\u002B) would only inflate the counted size.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private static readonly JsonWriterOptions Compact = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly IReadOnlyList<KeyValuePair<string, JsonElement>> _otherMembers;
        private string _json;

        private TrustPolicy(string version, string id, IReadOnlyList<PolicyStatement> statements, IReadOnlyList<KeyValuePair<string, JsonElement>> otherMembers)
        {
            Version = version;
            Id = id;
            Statements = statements;
            _otherMembers = otherMembers;
        }

        /// <summary>The policy language version, or null when the document has none (IAM then uses 2008-10-17).</summary>
        public string Version { get; }

        public string Id { get; }

        public IReadOnlyList<PolicyStatement> Statements { get; }

        /// <summary>The policy as indented JSON.</summary>
        public string Json => _json ?? (_json = ToJson());

        /// <summary>Size as IAM counts it against the quota: every character but whitespace.</summary>
        public int Size => CountSize(Json);

        /// <summary>Every sub value of a positive string condition in an Allow statement: the subjects the policy admits.</summary>
        public string[] SubjectPatterns =>
            Statements.Where(s => s.Effect == PolicyEffect.Allow)
                .SelectMany(s => s.Conditions)
                .Where(c => c.Operator.IsPositiveString && c.Key.Suffix == "sub")
                .SelectMany(c => c.Values)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

        /// <summary>A new policy (version 2012-10-17) of the given statements, e.g. the statements a merge keeps plus new ones.</summary>
        public static TrustPolicy Create(IEnumerable<PolicyStatement> statements, string version = CurrentVersion)
        {
            var list = (statements ?? throw new ArgumentNullException(nameof(statements))).ToList();
            if (list.Count == 0)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyEmpty, ErrorKind.InvalidData, "A trust policy needs at least one statement.");
            }

            return Parse(Write(version, null, list.Select(s => s.Element), Array.Empty<KeyValuePair<string, JsonElement>>(), Compact));
        }

        /// <summary>This policy's other parts with <paramref name="statements"/> as its Statement list.</summary>
        public TrustPolicy WithStatements(IEnumerable<PolicyStatement> statements)
        {
            var list = statements.ToList();
            if (list.Count == 0)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyEmpty, ErrorKind.InvalidData, "A trust policy needs at least one statement.");
            }

            return Parse(Write(Version, Id, list.Select(s => s.Element), _otherMembers, Compact));
        }

        /// <summary>
        /// Merges as Set-SemaphoreRoleTrust needs it: keeps every statement <paramref name="replaces"/> does not
        /// claim (an EC2 principal, a Deny, another provider), then adds <paramref name="added"/>, skipping any
        /// statement already present in meaning, so applying the same policy twice changes nothing.
        /// </summary>
        public TrustPolicy Merge(IEnumerable<PolicyStatement> added, Func<PolicyStatement, bool> replaces)
        {
            var result = Statements.Where(s => !replaces(s)).ToList();
            var present = new HashSet<string>(result.Select(s => PolicyJsonCanonicalizer.Canonicalize(s.Element)), StringComparer.Ordinal);
            foreach (PolicyStatement statement in added)
            {
                if (present.Add(PolicyJsonCanonicalizer.Canonicalize(statement.Element))) result.Add(statement);
            }

            return WithStatements(result);
        }

        public static TrustPolicy Parse(string json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyEmpty, ErrorKind.InvalidData, "The trust policy is empty.");
            }

            if (json.Length > MaxDocumentLength)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyTooLarge, ErrorKind.LimitsExceeded,
                    $"The trust policy text is {json.Length} characters; IAM allows {DefaultSizeQuota} non-whitespace characters by default, and this reader stops at {MaxDocumentLength}.",
                    json.Length);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException error)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyMalformed, ErrorKind.InvalidData,
                    $"The trust policy is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {FirstSentence(error.Message)}", null, error);
            }
            catch (ArgumentException error)
            {
                // Text that cannot be transcoded to UTF-8 (a lone surrogate) never reaches the JSON reader.
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyMalformed, ErrorKind.InvalidData,
                    "The trust policy contains characters that are not valid Unicode text.", null, error);
            }

            using (document)
            {
                try
                {
                    return Read(document.RootElement);
                }
                catch (InvalidOperationException error)
                {
                    // A JSON escape of a lone surrogate ("\ud800") is valid JSON but not a .NET string.
                    throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyMalformed, ErrorKind.InvalidData,
                        "The trust policy contains a string that is not valid Unicode text (a lone surrogate escape).", null, error);
                }
            }
        }

        private static TrustPolicy Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw PolicyErrors.Malformed($"the document is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.", null);

            string version = null, id = null;
            JsonElement? statementElement = null;
            var others = new List<KeyValuePair<string, JsonElement>>();
            foreach (JsonProperty member in root.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "Version":
                        if (member.Value.ValueKind != JsonValueKind.String) throw PolicyErrors.Malformed("Version must be a string.", null);
                        version = member.Value.GetString();
                        if (version != CurrentVersion && version != "2008-10-17")
                        {
                            throw PolicyErrors.Malformed($"Version '{version}' is not one IAM knows (\"2012-10-17\" or \"2008-10-17\").", version);
                        }

                        break;
                    case "Id":
                        if (member.Value.ValueKind != JsonValueKind.String) throw PolicyErrors.Malformed("Id must be a string.", null);
                        id = member.Value.GetString();
                        break;
                    case "Statement":
                        statementElement = member.Value;
                        break;
                    default:
                        others.Add(new KeyValuePair<string, JsonElement>(member.Name, member.Value.Clone()));
                        break;
                }
            }

            if (statementElement == null)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyEmpty, ErrorKind.InvalidData, "The trust policy has no Statement.");
            }

            // Policy variables (and so the ${*} escapes) exist only in version 2012-10-17 (IAM User Guide, Version).
            bool variables = version == CurrentVersion;
            var statements = new List<PolicyStatement>();
            JsonElement s = statementElement.Value;
            if (s.ValueKind == JsonValueKind.Object)
            {
                statements.Add(PolicyStatement.FromElement(s, 0, variables));
            }
            else if (s.ValueKind == JsonValueKind.Array)
            {
                int index = 0;
                foreach (JsonElement item in s.EnumerateArray()) statements.Add(PolicyStatement.FromElement(item, index++, variables));
            }
            else
            {
                throw PolicyErrors.Malformed($"Statement must be an object or an array of objects, not a JSON {s.ValueKind.ToString().ToLowerInvariant()}.", null);
            }

            if (statements.Count == 0)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyEmpty, ErrorKind.InvalidData, "The trust policy's Statement list is empty.");
            }

            return new TrustPolicy(version, id, statements, others);
        }

        /// <summary>The policy as JSON: Version, Id, Statement (always a list), then any other members as read.</summary>
        public string ToJson(bool indented = true) =>
            Write(Version, Id, Statements.Select(s => s.Element), _otherMembers, indented ? Indented : Compact);

        /// <summary>True when both policies mean the same to IAM (see <see cref="PolicyJsonCanonicalizer"/>).</summary>
        public bool SemanticallyEquals(TrustPolicy other) =>
            other != null && PolicyJsonCanonicalizer.Canonicalize(ToJson(false)) == PolicyJsonCanonicalizer.Canonicalize(other.ToJson(false));

        public static bool SemanticallyEquals(string left, string right) =>
            PolicyJsonCanonicalizer.Canonicalize(left) == PolicyJsonCanonicalizer.Canonicalize(right);

        public static int CountSize(string json)
        {
            int count = 0;
            foreach (char c in json)
            {
                if (!char.IsWhiteSpace(c)) count++;
            }

            return count;
        }

        public override string ToString() => Json;

        private static string Write(string version, string id, IEnumerable<JsonElement> statements,
            IEnumerable<KeyValuePair<string, JsonElement>> others, JsonWriterOptions options)
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer, options))
                {
                    writer.WriteStartObject();
                    if (version != null) writer.WriteString("Version", version);
                    if (id != null) writer.WriteString("Id", id);
                    writer.WritePropertyName("Statement");
                    writer.WriteStartArray();
                    foreach (JsonElement statement in statements) statement.WriteTo(writer);
                    writer.WriteEndArray();
                    foreach (var member in others)
                    {
                        writer.WritePropertyName(member.Key);
                        member.Value.WriteTo(writer);
                    }

                    writer.WriteEndObject();
                }

                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        private static string FirstSentence(string message)
        {
            int cut = message.IndexOf(". ", StringComparison.Ordinal);
            return cut > 0 ? message.Substring(0, cut + 1) : message;
        }
    }
}
