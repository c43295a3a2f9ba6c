using System;
using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// Paths given to a cmdlet, resolved the way PowerShell users expect: relative to the current PowerShell location
    /// (Set-Location), not the process's working directory, with <c>~</c> and PSDrives expanded, and only on the file
    /// system provider (docs/credentials.md, "Paths").
    /// </summary>
    internal static class FileSystemPath
    {
        /// <summary>The file-system path of <paramref name="path"/>, which need not exist yet.</summary>
        public static string Resolve(SessionState session, string path, string parameterName)
        {
            string resolved = TryResolve(session, path, out Exception error);
            if (resolved != null) return resolved;
            throw new SemaphoreOidcException(FileErrorIds.PathInvalid, ErrorKind.InvalidArgument,
                $"-{parameterName} '{path}' is not a file-system path. Give a folder or file path (relative paths start at the current location, {CurrentLocation(session)}).",
                path, error);
        }

        /// <summary>The file-system path, or null (with the provider's error, if any) when it is not one.</summary>
        public static string TryResolve(SessionState session, string path, out Exception error)
        {
            error = null;
            try
            {
                string resolved = session.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                return provider != null && provider.Name == "FileSystem" ? resolved : null;
            }
            catch (Exception ex) when (ex is SessionStateException || ex is NotSupportedException || ex is ArgumentException || ex is PSInvalidOperationException)
            {
                error = ex;
                return null;
            }
        }

        /// <summary>The current file-system location: the base for relative paths a started process sees.</summary>
        public static string CurrentLocation(SessionState session)
        {
            try
            {
                return session.Path.CurrentFileSystemLocation.ProviderPath;
            }
            catch (PSInvalidOperationException)
            {
                return Environment.CurrentDirectory;
            }
        }
    }
}
