using System.Text.RegularExpressions;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Roles
{
    /// <summary>IAM role names: 1-64 characters of <c>[\w+=,.@-]</c> (CreateRole), checked before any call.</summary>
    public static class RoleName
    {
        private static readonly Regex Pattern = new Regex(@"^[A-Za-z0-9_+=,.@-]{1,64}$", RegexOptions.CultureInvariant);

        public static string Validate(string name)
        {
            string value = name?.Trim();
            if (value == null || !Pattern.IsMatch(value))
            {
                throw new SemaphoreOidcException("RoleNameInvalid", ErrorKind.InvalidArgument,
                    $"'{name}' is not an IAM role name: 1-64 characters of letters, digits and + = , . @ _ -. Give the name, not the ARN.", name);
            }

            return value;
        }
    }
}
