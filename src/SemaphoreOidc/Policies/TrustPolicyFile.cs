using System.IO;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;

namespace SemaphoreOidc.Policies
{
    /// <summary>A trust policy kept in a JSON file (as the IAM console and aws CLI users keep them).</summary>
    public static class TrustPolicyFile
    {
        /// <summary>
        /// Reads the policy at the absolute <paramref name="path"/>. A FIFO, a device or a directory is refused before
        /// it is opened: opening a FIFO would wait for a writer forever (docs/credentials.md, "Paths").
        /// </summary>
        public static TrustPolicy Read(string path)
        {
            var kind = LocalPath.KindOf(path);
            if (kind == FileKind.Missing)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyNotFound, ErrorKind.ObjectNotFound,
                    $"No trust policy file at '{path}'. Give JSON text, a TrustPolicy object, or the path of a JSON file.", path);
            }
            LocalPath.EnsureRegularFileOrMissing(path, "The trust policy path");

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
