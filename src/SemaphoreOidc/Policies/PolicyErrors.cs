using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Policies
{
    internal static class PolicyErrors
    {
        public static SemaphoreOidcException Malformed(string detail, object target) =>
            new SemaphoreOidcException(PolicyErrorIds.TrustPolicyMalformed, ErrorKind.InvalidData,
                "The trust policy is not valid IAM policy JSON: " + detail, target);

        public static SemaphoreOidcException Invalid(string errorId, string message, object target) =>
            new SemaphoreOidcException(errorId, ErrorKind.InvalidArgument, message, target);
    }
}
