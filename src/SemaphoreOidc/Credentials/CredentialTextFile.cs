using System;
using System.IO;
using System.Text;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// ConvertTo-AwsEnv's text written to a file a job then reads (<c>source</c>, docker compose <c>env_file</c>): owner-only
    /// from its first moment and replaced in one rename, so no other user and no half-written state ever sees it.
    /// A whole-file replace, so no lock is needed: concurrent writers each leave a complete file
    /// (docs/credentials.md, "Dotenv").
    /// </summary>
    public static class CredentialTextFile
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>Writes <paramref name="text"/> to the absolute <paramref name="path"/>; its folder must exist.</summary>
        public static void Write(string path, string text)
        {
            if (string.IsNullOrWhiteSpace(path) || !Path.IsPathRooted(path)) throw new ArgumentException("An absolute path is needed.", nameof(path));
            string target = OwnerOnlyFile.ResolveFinalPath(Path.GetFullPath(path));
            LocalPath.EnsureRegularFileOrMissing(target, "The output file");
            string directory = Path.GetDirectoryName(target);
            if (LocalPath.KindOf(directory) != FileKind.Directory)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.OutputFileWriteFailed, ErrorKind.ObjectNotFound,
                    $"The folder of '{path}' does not exist; create it first (the file itself is created owner-only).", path);
            }

            try
            {
                OwnerOnlyFile.WriteAllBytes(target, Utf8.GetBytes(text));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SemaphoreOidcException(CredentialErrorIds.OutputFileWriteFailed, ErrorKind.WriteError,
                    $"Could not write {path}: {ex.GetType().Name}. Check that its folder is writable by you; nothing was written.", path, ex);
            }
        }
    }
}
