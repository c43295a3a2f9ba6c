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
        public void InTheSameProcessItRemovesTheFileTheVariablesNameAndTheVariables()
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
        public void InALaterProcessItFindsTheJobsFileByItsJobId()
        {
            string mine = TokenFile("token-job-1");
            var plan = WebIdentityCleanup.Plan(_dir, Env(new Dictionary<string, string> { ["SEMAPHORE_JOB_ID"] = "job-1" }));
            Assert.Equal(new[] { mine }, plan.TokenFiles);
            Assert.Empty(plan.Variables);
        }

        [Fact]
        public void ATokenFileSetUpBySomethingElseIsLeftAlone()
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
        public void NothingToDoIsNotAnError()
        {
            var plan = WebIdentityCleanup.Plan(_dir, Env(new Dictionary<string, string> { ["SEMAPHORE_JOB_ID"] = "job-9" }));
            Assert.Empty(plan.TokenFiles);
            Assert.Empty(WebIdentityCleanup.RemoveFiles(plan));
        }
    }
}
