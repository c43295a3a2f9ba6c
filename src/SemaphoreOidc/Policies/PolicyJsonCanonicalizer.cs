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
    /// Reduces policy JSON to one text per meaning, so two policies can be compared after a round trip or a merge:
    /// object members sorted by name, array items canonicalised, de-duplicated and sorted (IAM treats Statement,
    /// Action, principal and condition value lists as sets), and a one-element array written as its single item
    /// (IAM reads <c>"x"</c> and <c>["x"]</c> alike). Whitespace and escaping differences disappear too.
    /// </summary>
    public static class PolicyJsonCanonicalizer
    {
        public static string Canonicalize(string json)
        {
            try
            {
                using (JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 }))
                {
                    return Canonicalize(document.RootElement);
                }
            }
            catch (Exception error) when (error is JsonException || error is ArgumentException || error is InvalidOperationException)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyMalformed, ErrorKind.InvalidData, "Not valid JSON text: " + error.Message, null, error);
            }
        }

        public static string Canonicalize(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var members = element.EnumerateObject()
                        .Select(m => Quote(m.Name) + ":" + Canonicalize(m.Value))
                        .OrderBy(m => m, StringComparer.Ordinal);
                    return "{" + string.Join(",", members) + "}";
                case JsonValueKind.Array:
                    var items = element.EnumerateArray().Select(Canonicalize).Distinct(StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal).ToList();
                    return items.Count == 1 ? items[0] : "[" + string.Join(",", items) + "]";
                case JsonValueKind.String:
                    return Quote(element.GetString());
                default:
                    return element.GetRawText();
            }
        }

        private static string Quote(string text)
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    writer.WriteStringValue(text);
                }

                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }
    }
}
