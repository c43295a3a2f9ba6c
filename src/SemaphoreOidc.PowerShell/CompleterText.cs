using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SemaphoreOidc.Commands
{
    /// <summary>Turns candidate values into completions of what the user has typed so far.</summary>
    internal static class CompleterText
    {
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> candidates, string wordToComplete, Func<string, string> toolTip = null)
        {
            // The word arrives with the quote the user opened ('us- or "us-); match without it.
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return candidates
                .Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, toolTip?.Invoke(c) ?? c))
                .ToArray();
        }

        // IAM names may hold , @ + = which PowerShell would read as operators in an unquoted argument.
        private static string Quote(string value) =>
            value.All(ch => char.IsLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '/' || ch == ':')
                ? value
                : "'" + value.Replace("'", "''") + "'";
    }
}
