using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Commands
{
    /// <summary>Completes -Region from the regions the module's AWSSDK.Core knows; offline.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return CompleterText.Complete(AwsRegions.SystemNames(), wordToComplete);
            }
            catch
            {
                // Completion must never put an error on the user's prompt.
                return new CompletionResult[0];
            }
        }
    }
}
