using System;
using System.Collections.Generic;
using System.IO;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Tests.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Credentials
{
    public sealed class WebIdentityCleanupTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "semaphore-oidc-cleanup-" + Guid.NewGuid().ToString("N"));
        private readonly TestIssuer _issuer = new TestIssuer();

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }

        private static Func<string, string> Env(Dictionary<string, string> values) => n => values.TryGetValue(n, out var v) ? v : null;

        private string TokenFile(string name)
        {
            string path = Path.Combine(_dir, name);
            WebIdentityTokenFile.Write(_issuer.Token(), path);
            return path;
        }

        [Fact]
        public void In_the_same_process_it_removes_the_file_the_variables_name_and_the_variables()
        {
            string mine = TokenFile("token-job-1");
            string other = TokenFile("token-job-2");
            var plan = WebIdentityCleanup.Plan(_dir, Env(new Dictionary<string, string> { ["AWS_WEB_IDENTITY_TOKEN_FILE"] = mine, ["SEMAPHORE_JOB_ID"] = "job-1" }));
            Assert.Equal(new[] { mine }, plan.TokenFiles);
            Assert.Equal(new[] { "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME" }, plan.Variables);
            Assert.Null(plan.ForeignTokenFile);

            Assert.Equal(new[] { mine }, WebIdentityCleanup.RemoveFiles(plan));
            Assert.False(File.Exists(mine));
            Assert.True(File.Exists(other)); // another job's file is never touched
        }

        [Fact]
        public void In_a_later_process_it_finds_the_jobs_file_by_its_job_id()
        {
            string mine = TokenFile("token-job-1");
            var plan = WebIdentityCleanup.Plan(_dir, Env(new Dictionary<string, string> { ["SEMAPHORE_JOB_ID"] = "job-1" }));
            Assert.Equal(new[] { mine }, plan.TokenFiles);
            Assert.Empty(plan.Variables);
        }

        [Fact]
        public void A_token_file_set_up_by_something_else_is_left_alone()
        {
            Directory.CreateDirectory(_dir);
            string eks = Path.Combine(_dir, "eks-token");
            File.WriteAllText(eks, "x");
            var plan = WebIdentityCleanup.Plan(_dir, Env(new Dictionary<string, string> { ["AWS_WEB_IDENTITY_TOKEN_FILE"] = eks }));
            Assert.Empty(plan.TokenFiles);
            Assert.Empty(plan.Variables);
            Assert.Equal(eks, plan.ForeignTokenFile);
            Assert.True(File.Exists(eks));
        }

        [Fact]
        public void Nothing_to_do_is_not_an_error()
        {
            var plan = WebIdentityCleanup.Plan(_dir, Env(new Dictionary<string, string> { ["SEMAPHORE_JOB_ID"] = "job-9" }));
            Assert.Empty(plan.TokenFiles);
            Assert.Empty(WebIdentityCleanup.RemoveFiles(plan));
        }
    }
}
