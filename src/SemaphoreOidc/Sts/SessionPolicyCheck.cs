using System.Text.Json;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
{
    /// <summary>A session policy must at least be a JSON object; STS would answer MalformedPolicyDocument after a round trip.</summary>
    internal static class SessionPolicyCheck
    {
        public static void EnsureJsonObject(string policy)
        {
            try
            {
                using (var document = JsonDocument.Parse(policy))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object) return;
                }
            }
            catch (JsonException ex)
            {
                throw new SemaphoreOidcException("SessionPolicyInvalid", ErrorKind.InvalidArgument,
                    $"The session policy is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine}): {ex.Message}", "Policy", ex);
            }

            throw new SemaphoreOidcException("SessionPolicyInvalid", ErrorKind.InvalidArgument,
                "The session policy must be a JSON object with \"Version\" and \"Statement\".", "Policy");
        }
    }
}
