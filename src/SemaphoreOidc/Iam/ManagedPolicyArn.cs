using System.Text.RegularExpressions;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Iam
{
    /// <summary>IAM managed policy ARNs: arn:&lt;partition&gt;:iam::&lt;account id or "aws"&gt;:policy/[path/]name.</summary>
    public static class ManagedPolicyArn
    {
        private static readonly Regex Pattern = new Regex(
            @"^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::(\d{12}|aws):policy/([\x21-\x7E]+/)*[\w+=,.@-]{1,128}$",
            RegexOptions.CultureInvariant);

        public static bool IsValid(string arn) => arn != null && Pattern.IsMatch(arn);

        public static string Validate(string arn)
        {
            string value = arn?.Trim();
            if (!IsValid(value))
            {
                throw new SemaphoreOidcException("PolicyArnInvalid", ErrorKind.InvalidArgument,
                    $"'{arn}' is not an IAM managed policy ARN (arn:aws:iam::<account id or 'aws'>:policy/<name>).", arn);
            }

            return value;
        }
    }
}
