using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// What a -Policy parameter accepts: a TrustPolicy (New-SemaphoreTrustPolicy, Get-SemaphoreRoleTrust), JSON
    /// text, the lines Get-Content gives, a FileInfo, or a path resolved against the current PowerShell location.
    /// </summary>
    internal static class PolicyInput
    {
        // Text that is neither JSON nor a usable file-system path ("x:y", a drive that does not exist, Env:PATH) is a
        // missing file to the user, not a provider exception. Relative paths start at the PowerShell location.
        private static string ResolvePath(string path, SessionState session)
        {
            string resolved = FileSystemPath.TryResolve(session, path, out Exception error);
            if (resolved != null) return resolved;
            throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyNotFound, ErrorKind.ObjectNotFound,
                $"-Policy '{Shorten(path)}' is neither JSON text (starting with '{{') nor the path of a file. Pass Get-Content -Raw, a TrustPolicy, or a path.", path, error);
        }

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

        public static TrustPolicy Read(object input, SessionState session)
        {
            object value = input is PSObject wrapped ? wrapped.BaseObject : input;
            switch (value)
            {
                case TrustPolicy policy:
                    return policy;
                case FileInfo file:
                    return TrustPolicyFile.Read(file.FullName);
                case object[] lines when lines.All(l => (l is PSObject p ? p.BaseObject : l) is string):
                    return TrustPolicy.Parse(string.Join("\n", lines.Select(l => l.ToString())));
                case string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal):
                    return TrustPolicy.Parse(text);
                case string path when path.Trim().Length > 0:
                    return TrustPolicyFile.Read(ResolvePath(path, session));
            }

            // A deserialised TrustPolicy (remoting, Import-Clixml) keeps its Json property.
            if (value != null && PSObject.AsPSObject(value).Properties["Json"]?.Value is string json) return TrustPolicy.Parse(json);
            if (value is string) return TrustPolicy.Parse(string.Empty);
            throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyMalformed, ErrorKind.InvalidArgument,
                $"-Policy takes a TrustPolicy (New-SemaphoreTrustPolicy), JSON text or the path of a JSON file, not a {value?.GetType().Name ?? "null"}.", value);
        }
    }
}
