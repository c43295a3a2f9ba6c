using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Credentials
{
    public class CredentialTextFormatterTests
    {
        private static readonly DateTime Expiry = new DateTime(2026, 11, 28, 13, 0, 0, DateTimeKind.Utc);

        // Everything a shell could misread: quotes of every kind, expansions, escapes, line breaks, spaces.
        private const string Hostile = "a'b\"c$(touch /tmp/pwned)`id`${HOME}$HOME\\n\\\\ x\ny\r\n\t'' ‘’‚‛ end\\";

        private static AwsCredentialSet Real() =>
            new AwsCredentialSet("ASIAEXAMPLEKEY123456", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==", Expiry, "eu-west-1");

        private static AwsCredentialSet HostileSet() =>
            new AwsCredentialSet("AKID" + Hostile, "SECRET" + Hostile, "TOKEN" + Hostile, Expiry, "reg" + Hostile);

        private static Dictionary<string, string> Expected(AwsCredentialSet c) =>
            EnvironmentVariables.For(c).ToDictionary(p => p.Key, p => p.Value);

        [Fact]
        public void Bash_output_evaluates_to_the_exact_values()
        {
            foreach (var c in new[] { Real(), HostileSet() })
            {
                string script = CredentialTextFormatter.Format(c, CredentialTextFormat.Bash);
                var env = EvalInBash(script + "\nfor n in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_CREDENTIAL_EXPIRATION; do printf '%s=%s\\0' \"$n\" \"${!n}\"; done");
                Assert.Equal(Expected(c), env);
            }
            Assert.False(System.IO.File.Exists("/tmp/pwned"));
        }

        [Fact]
        public void Bash_output_unsets_stale_variables()
        {
            var c = new AwsCredentialSet("AKIAEXAMPLE", "secret", null, null, null);
            string script = CredentialTextFormatter.Format(c, CredentialTextFormat.Bash);
            var env = EvalInBash("export AWS_SESSION_TOKEN=old AWS_ROLE_ARN=arn AWS_REGION=keep\n" + script +
                "\nprintf 'tok=%s\\0role=%s\\0region=%s\\0' \"${AWS_SESSION_TOKEN-unset}\" \"${AWS_ROLE_ARN-unset}\" \"$AWS_REGION\"");
            Assert.Equal("unset", env["tok"]);
            Assert.Equal("unset", env["role"]);
            Assert.Equal("keep", env["region"]);
        }

        [Fact]
        public void Bash_output_looks_like_exports()
        {
            string text = CredentialTextFormatter.Format(Real(), CredentialTextFormat.Bash);
            Assert.StartsWith("export AWS_ACCESS_KEY_ID='ASIAEXAMPLEKEY123456'\nexport AWS_SECRET_ACCESS_KEY='", text);
            Assert.Contains("export AWS_CREDENTIAL_EXPIRATION='2026-11-28T13:00:00Z'\n", text);
            Assert.Contains("export AWS_DEFAULT_REGION='eu-west-1'\n", text);
            Assert.DoesNotContain("\r", text);
        }

        [Fact]
        public void PowerShell_quotes_double_every_kind_of_single_quote()
        {
            var c = new AwsCredentialSet("AK", "x'y‘z’w‚v‛u$env:HOME`n", null, null, null);
            string text = CredentialTextFormatter.Format(c, CredentialTextFormat.PowerShell);
            Assert.Contains("$env:AWS_SECRET_ACCESS_KEY = 'x''y‘‘z’’w‚‚v‛‛u$env:HOME`n'\n", text);
            Assert.Contains("Remove-Item -Path Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue\n", text);
        }

        [Fact]
        public void PowerShell_output_evaluates_to_the_exact_values()
        {
            // pwsh comes from the repository's tool manifest (dotnet tool restore); without it the unit test above covers quoting.
            if (!PwshAvailable()) return;
            var c = HostileSet();
            string script = CredentialTextFormatter.Format(c, CredentialTextFormat.PowerShell) +
                "foreach ($n in 'AWS_ACCESS_KEY_ID','AWS_SECRET_ACCESS_KEY','AWS_SESSION_TOKEN','AWS_REGION','AWS_DEFAULT_REGION','AWS_CREDENTIAL_EXPIRATION') { [Console]::Out.Write($n + '=' + [Environment]::GetEnvironmentVariable($n) + [char]0) }\n";
            string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fmt-{Guid.NewGuid():N}.ps1");
            System.IO.File.WriteAllText(file, script, new System.Text.UTF8Encoding(true));
            try
            {
                var (exit, stdout, stderr) = ProcessRunner.Run("dotnet", "", "pwsh", "-NoProfile", "-NonInteractive", "-File", file);
                Assert.True(exit == 0, stderr);
                Assert.Equal(Expected(c), ParseNul(stdout));
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }

        [Fact]
        public void Dotenv_writes_AWS_values_bare_and_others_in_single_quotes()
        {
            Assert.Equal(
                "AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY123456\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+\n" +
                "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==\nAWS_REGION=eu-west-1\nAWS_DEFAULT_REGION=eu-west-1\n" +
                "AWS_CREDENTIAL_EXPIRATION=2026-11-28T13:00:00Z\n",
                CredentialTextFormatter.Format(Real(), CredentialTextFormat.Dotenv));
            var spaced = new AwsCredentialSet("AK", "a b#c", null, null, null);
            Assert.Contains("AWS_SECRET_ACCESS_KEY='a b#c'\n", CredentialTextFormatter.Format(spaced, CredentialTextFormat.Dotenv));
        }

        // Values every reader must give back unchanged: the AWS shapes, and characters that mean something to a shell or
        // a dotenv parser outside quotes (spaces, #, double quotes, backticks, globs) but nothing inside single quotes.
        public static TheoryData<string> DotenvSafeValues => new TheoryData<string>
        {
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+",
            "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==",
            "a b  c ",
            " leading",
            "#not-a-comment",
            "x # y",
            "quote\"inside\"",
            "back`tick`(id)",
            "semi;colon&and|pipe>redir<in",
            "equals=sign:colon@at,comma",
            "unicode-é-ß-日本",
            "star*?[glob]~tilde!bang%",
            "{braces}",
        };

        [Theory]
        [MemberData(nameof(DotenvSafeValues))]
        public void Dotenv_is_read_back_identically_by_bash_and_python_dotenv(string value)
        {
            var c = new AwsCredentialSet("ASIAEXAMPLE", value, "TOKEN" + value, Expiry, "eu-west-1");
            string text = CredentialTextFormatter.Format(c, CredentialTextFormat.Dotenv);
            string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dotenv-{Guid.NewGuid():N}.env");
            System.IO.File.WriteAllText(file, text);
            try
            {
                // bash: exactly the documented recipe, set -a then source the file.
                var (exit, stdout, stderr) = ProcessRunner.Run("bash", "", "--noprofile", "--norc", "-c",
                    "set -a; . \"$1\"; for n in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_CREDENTIAL_EXPIRATION; do printf '%s=%s\\0' \"$n\" \"${!n}\"; done",
                    "bash", file);
                Assert.True(exit == 0, stderr);
                Assert.Equal(Expected(c), ParseNul(stdout));

                // python-dotenv with its defaults (interpolation on), as compose v1 and most Python tools load it.
                (exit, stdout, stderr) = ProcessRunner.Run("python3", "", "-c",
                    "import sys, dotenv; v = dotenv.dotenv_values(sys.argv[1]); sys.stdout.write(''.join(k + '=' + x + '\\0' for k, x in v.items()))", file);
                if (exit != 0 && stderr.Contains("No module named")) return; // python-dotenv not installed here
                Assert.True(exit == 0, stderr);
                Assert.Equal(Expected(c), ParseNul(stdout));
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }

        [Theory]
        [InlineData("it's", "a single quote")]
        [InlineData("back\\slash", "a backslash")]
        [InlineData("${HOME}", "a dollar sign")]
        [InlineData("$(id)", "a dollar sign")]
        [InlineData("line\nbreak", "a line break or control character")]
        [InlineData("carriage\rreturn", "a line break or control character")]
        [InlineData("tab\there", "a line break or control character")]
        [InlineData("nel\u0085x", "a line break or control character")]
        [InlineData("ls\u2028x", "a line break or control character")]
        public void Dotenv_refuses_what_the_readers_disagree_on_naming_the_variable_not_the_value(string value, string what)
        {
            var c = new AwsCredentialSet("ASIAEXAMPLE", "SECRET" + value, "tok", Expiry, "eu-west-1");
            var ex = Assert.Throws<SemaphoreOidcException>(() => CredentialTextFormatter.Format(c, CredentialTextFormat.Dotenv));
            Assert.Equal("DotenvValueUnsafe", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, ex.Kind);
            Assert.Equal("AWS_SECRET_ACCESS_KEY", ex.Target);
            Assert.Contains("AWS_SECRET_ACCESS_KEY holds " + what, ex.Message);
            Assert.DoesNotContain("SECRET" + value, ex.Message);
        }

        [Fact]
        public void JSON_has_the_variable_names_as_keys()
        {
            var c = HostileSet();
            string text = CredentialTextFormatter.Format(c, CredentialTextFormat.Json);
            var parsed = JsonSerializer.Deserialize<Dictionary<string, string>>(text);
            Assert.Equal(Expected(c), parsed);
            Assert.Contains("\n  \"AWS_ACCESS_KEY_ID\"", text);
        }

        [Fact]
        public void Credential_process_is_what_the_CLI_expects()
        {
            string text = CredentialTextFormatter.Format(Real(), CredentialTextFormat.CredentialProcess);
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            Assert.Equal(new[] { "Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration" }, root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, root.GetProperty("Version").GetInt32());
            Assert.Equal("ASIAEXAMPLEKEY123456", root.GetProperty("AccessKeyId").GetString());
            Assert.Equal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+", root.GetProperty("SecretAccessKey").GetString());
            Assert.Equal("2026-11-28T13:00:00Z", root.GetProperty("Expiration").GetString());
            Assert.Contains("\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+\"", text);
        }

        [Fact]
        public void Incomplete_credentials_are_refused()
        {
            var ex = Assert.Throws<SemaphoreOidcException>(() =>
                CredentialTextFormatter.Format(new AwsCredentialSet("AK", null, "tok", null, null), CredentialTextFormat.Bash));
            Assert.Equal("CredentialsIncomplete", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void Secrets_never_appear_in_ToString()
        {
            var c = Real();
            var r = new AssumeRoleResult(c.AccessKeyId, c.SecretAccessKey, c.SessionToken, Expiry, "eu-west-1",
                "arn:aws:sts::123456789012:assumed-role/deploy/s", "AROA:s", "sub", "aud", "prov", "arn:aws:iam::123456789012:role/deploy", "s", "eyJ.secret.token");
            foreach (string s in new[] { c.ToString(), r.ToString() })
            {
                Assert.DoesNotContain(c.SecretAccessKey, s);
                Assert.DoesNotContain(c.SessionToken, s);
                Assert.DoesNotContain("eyJ.secret.token", s);
            }
        }

        private static Dictionary<string, string> EvalInBash(string script)
        {
            var (exit, stdout, stderr) = ProcessRunner.Run("bash", script, "--noprofile", "--norc", "-s");
            Assert.True(exit == 0, stderr);
            return ParseNul(stdout);
        }

        private static Dictionary<string, string> ParseNul(string output) =>
            output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(e => e.Split('=', 2))
                .Where(kv => kv[1].Length > 0)
                .ToDictionary(kv => kv[0], kv => kv[1]);

        private static bool PwshAvailable()
        {
            for (var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
                {
                    return System.IO.Directory.Exists(System.IO.Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "", ".nuget", "packages", "powershell"));
                }
            }
            return false;
        }
    }
}
