using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SemaphoreOidc.Tests.Errors
{
    /// <summary>
    /// The engine names inputs in words; which parameter of which command takes them is the cmdlet layer's to say
    /// (SemaphoreOidcCmdlet's hints). So no text of the engine names a parameter, except inside a whole command line
    /// it shows (New-SemaphoreTrustPolicy -ProjectId ..., Remove-Item -Path Env:...).
    /// </summary>
    public class EngineWordingTests
    {
        private static readonly Regex CommandLine = new Regex(
            @"\b(?:Add|Clear|ConvertTo|Get|Import|Invoke|New|Remove|Set|Test)-[A-Za-z]+(?:\s+(?:-[A-Za-z]+|'[^']*'|\.\.\.|[^\s'.,;:()-][^\s'.,;()]*))*",
            RegexOptions.CultureInvariant);

        private static readonly Regex Parameter = new Regex(@"(?<![\w-])-[A-Z][a-z]+[A-Za-z]*", RegexOptions.CultureInvariant);

        [Fact]
        public void Engine_texts_name_no_cmdlet_parameter()
        {
            var found = new List<string>();
            // The PowerShell format of the credentials is PowerShell by design (ConvertTo-AwsEnv -Format PowerShell).
            foreach (var source in CSharpSource.Under("src/SemaphoreOidc").Where(s => s.ClassName != "CredentialTextFormatter"))
            {
                foreach (var (text, line) in source.Literals)
                {
                    foreach (Match m in Parameter.Matches(CommandLine.Replace(text, string.Empty)))
                    {
                        found.Add($"{source.RelativePath}:{line} {m.Value} in \"{text}\"");
                    }
                }
            }

            Assert.True(found.Count == 0, "Name the input in words, and give the parameter as a hint in the cmdlet: " + string.Join("; ", found));
        }

        [Theory]
        [InlineData("Use -Force to apply it anyway.", new[] { "-Force" })]
        [InlineData("pass the token with -Token.", new[] { "-Token" })]
        [InlineData("(-Policy / -PolicyArn)", new[] { "-Policy", "-PolicyArn" })]
        [InlineData("Restrict it (New-SemaphoreTrustPolicy -ProjectId ... -Branch ...).", new string[0])]
        [InlineData("Remove-Item -Path Env:AWS_REGION -ErrorAction SilentlyContinue", new string[0])]
        [InlineData("'-----BEGIN CERTIFICATE-----' blocks", new string[0])]
        [InlineData("run New-SemaphoreOidcProvider, then pass -Region", new[] { "-Region" })]
        public void The_rule_tells_a_parameter_from_a_command_line(string text, string[] parameters)
        {
            var found = Parameter.Matches(CommandLine.Replace(text, string.Empty)).Cast<Match>().Select(m => m.Value).ToArray();
            Assert.Equal(parameters, found);
        }
    }
}
