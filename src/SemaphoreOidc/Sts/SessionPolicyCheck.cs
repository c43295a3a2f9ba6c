using System;
using System.Linq;
using System.Text.Json;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// An inline session policy is checked for what STS would refuse after a round trip, or what cannot narrow
    /// anything (docs/aws-names.md, "Session policies"): at most 2048 characters of STS's character set, a JSON
    /// object, a known Version, and at least one statement, each with Effect Allow or Deny.
    /// </summary>
    internal static class SessionPolicyCheck
    {
        public const int MaxLength = 2048;

        public static string Validate(string policy)
        {
            // STS counts the policy as sent, whitespace included (PackedPolicyTooLarge comes later, after compression).
            if (policy.Length > MaxLength)
            {
                throw new SemaphoreOidcException(AwsErrorIds.SessionPolicyTooLarge, ErrorKind.InvalidArgument,
                    $"The session policy is {policy.Length} characters; STS accepts at most {MaxLength}. Remove whitespace or use managed policy ARNs.",
                    "Policy");
            }

            for (int i = 0; i < policy.Length; i++)
            {
                char c = policy[i];
                if (c != '\t' && c != '\n' && c != '\r' && (c < '\x20' || c > '\xFF'))
                {
                    throw Invalid($"character {i + 1} is U+{(int)c:X4}; STS accepts only tab, line breaks and U+0020-U+00FF (write others as \\u escapes)");
                }
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(policy);
            }
            catch (JsonException ex)
            {
                throw new SemaphoreOidcException(AwsErrorIds.SessionPolicyInvalid, ErrorKind.InvalidArgument,
                    $"The session policy is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine}): {ex.Message}", "Policy", ex);
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw Invalid($"it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");

                if (TryGet(root, "Version", out JsonElement version) &&
                    !(version.ValueKind == JsonValueKind.String && (version.GetString() == "2012-10-17" || version.GetString() == "2008-10-17")))
                {
                    throw Invalid("its Version is not \"2012-10-17\"");
                }

                if (!TryGet(root, "Statement", out JsonElement statement)) throw Invalid("it has no Statement, so it would allow nothing");
                var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToArray() : new[] { statement };
                if (statements.Length == 0) throw Invalid("its Statement is empty, so it would allow nothing");
                foreach (JsonElement s in statements)
                {
                    if (s.ValueKind != JsonValueKind.Object) throw Invalid("a statement is not a JSON object");
                    if (!TryGet(s, "Effect", out JsonElement effect) || effect.ValueKind != JsonValueKind.String ||
                        !(string.Equals(effect.GetString(), "Allow", StringComparison.OrdinalIgnoreCase) ||
                          string.Equals(effect.GetString(), "Deny", StringComparison.OrdinalIgnoreCase)))
                    {
                        throw Invalid("a statement has no Effect of \"Allow\" or \"Deny\"");
                    }
                }
            }

            return policy;
        }

        // Lenient about the case of element names: a policy STS might accept is never refused here.
        private static bool TryGet(JsonElement element, string name, out JsonElement value)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }

        private static SemaphoreOidcException Invalid(string problem) =>
            new SemaphoreOidcException(AwsErrorIds.SessionPolicyInvalid, ErrorKind.InvalidArgument,
                $"The session policy cannot be used: {problem}. Give an IAM policy such as " +
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}.",
                "Policy");
    }
}
