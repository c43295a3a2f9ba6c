using System.Diagnostics;

namespace SemaphoreOidc.Tests.Credentials
{
    /// <summary>Runs a real interpreter (bash, python3, pwsh) so formats are checked by the program that reads them.</summary>
    internal static class ProcessRunner
    {
        public static (int Exit, string Stdout, string Stderr) Run(string file, string stdin, params string[] args)
        {
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
            var stderrTask = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout, stderrTask.Result);
        }
    }
}
