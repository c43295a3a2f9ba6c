using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>An AWS account id: exactly 12 ASCII digits (docs/aws-names.md, "Names").</summary>
    public static class AwsAccountId
    {
        public static bool IsValid(string value) => IamNames.IsAccountId(value);

        /// <summary>The id, trimmed, or AccountIdInvalid.</summary>
        public static string Validate(string value)
        {
            string id = value?.Trim();
            if (IsValid(id)) return id;
            throw new SemaphoreOidcException(AwsErrorIds.AccountIdInvalid, ErrorKind.InvalidArgument,
                $"'{InputText.Show(value)}' is not an AWS account id: 12 digits, as in arn:aws:iam::123456789012:role/deploy.", value);
        }
    }
}
