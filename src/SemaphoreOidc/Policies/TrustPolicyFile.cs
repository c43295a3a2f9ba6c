using System.IO;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Policies
{
    /// <summary>A trust policy kept in a JSON file (as the IAM console and aws CLI users keep them).</summary>
    public static class TrustPolicyFile
    {
        public static TrustPolicy Read(string path)
        {
            if (!File.Exists(path))
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyNotFound, ErrorKind.ObjectNotFound,
                    $"No trust policy file at '{path}'. Give JSON text, a TrustPolicy object, or the path of a JSON file.", path);
            }

            var info = new FileInfo(path);
            if (info.Length > TrustPolicy.MaxDocumentLength * 4L)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyTooLarge, ErrorKind.LimitsExceeded,
                    $"'{path}' is {info.Length} bytes; no IAM trust policy is that large.", path);
            }

            return TrustPolicy.Parse(File.ReadAllText(path));
        }
    }
}
