using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>IAM role names: 1-64 ASCII characters of <c>A-Z a-z 0-9 + = , . @ _ -</c> (docs/aws-names.md, "Names").</summary>
    public static class RoleName
    {
        public const int MaxLength = 64;

        public static bool IsValid(string name) => IamNames.IsName(name, MaxLength);

        /// <summary>The name, trimmed, or RoleNameInvalid.</summary>
        public static string Validate(string name)
        {
            string value = name?.Trim();
            if (!IsValid(value))
            {
                throw new SemaphoreOidcException(AwsErrorIds.RoleNameInvalid, ErrorKind.InvalidArgument,
                    $"'{InputText.Show(name)}' is not an IAM role name: 1-64 of the ASCII letters, digits and + = , . @ _ -. Give the name, not the ARN.", name);
            }

            return value;
        }
    }
}
