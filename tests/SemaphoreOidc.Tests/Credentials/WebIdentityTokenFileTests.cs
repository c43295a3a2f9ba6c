using System;
using System.IO;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tests.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Credentials
{
    public sealed class WebIdentityTokenFileTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "semaphore-oidc-tests-" + Guid.NewGuid().ToString("N"));
        private readonly TestIssuer _issuer = new TestIssuer();

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }

        [Fact]
        public void WritesTheTokenOwnerOnlyAndReturnsAnAbsolutePath()
        {
            string token = _issuer.Token();
            string dir = Path.Combine(_dir, "a", "b");
            string path = WebIdentityTokenFile.Write(token, dir, "token-test");

            Assert.True(Path.IsPathRooted(path));
            Assert.Equal(Path.Combine(dir, "token-test"), path);
            Assert.Equal(token, File.ReadAllText(path));
            SharedCredentialsProfileWriterTests.AssertOwnerOnly(path);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            }
        }

        [Fact]
        public void RewritingReplacesTheTokenInPlace()
        {
            string first = WebIdentityTokenFile.Write(_issuer.Token(), _dir, "t");
            string second = _issuer.Token();
            Assert.Equal(first, WebIdentityTokenFile.Write(second, _dir, "t"));
            Assert.Equal(second, File.ReadAllText(first));
            Assert.Single(Directory.GetFiles(_dir));
        }

        [Fact]
        public void DefaultNameIsPerJob()
        {
            string before = Environment.GetEnvironmentVariable("SEMAPHORE_JOB_ID");
            try
            {
                Environment.SetEnvironmentVariable("SEMAPHORE_JOB_ID", "6f3c1b2a-0000-4000-8000-00000000abcd");
                string path = WebIdentityTokenFile.Write(_issuer.Token(), _dir);
                Assert.Equal(Path.Combine(_dir, "token-6f3c1b2a-0000-4000-8000-00000000abcd"), path);
            }
            finally
            {
                Environment.SetEnvironmentVariable("SEMAPHORE_JOB_ID", before);
            }
            Assert.EndsWith(Path.Combine(".aws", "semaphore-oidc"), WebIdentityTokenFile.DefaultDirectory());
        }

        [Fact]
        public void RefusesSomethingThatIsNotAToken()
        {
            Assert.Equal("TokenMissing", Assert.Throws<SemaphoreOidcException>(() => WebIdentityTokenFile.Write("", _dir)).ErrorId);
            var ex = Assert.Throws<SemaphoreOidcException>(() => WebIdentityTokenFile.Write("not-a-jwt-secretvalue", _dir));
            Assert.Equal("TokenMalformed", ex.ErrorId);
            Assert.DoesNotContain("secretvalue", ex.Message);
            Assert.False(Directory.Exists(_dir));
        }

        [Fact]
        public void UnwritablePlaceIsATokenFileWriteError()
        {
            Directory.CreateDirectory(_dir);
            string blocker = Path.Combine(_dir, "file");
            File.WriteAllText(blocker, "x");
            string token = _issuer.Token();
            var ex = Assert.Throws<SemaphoreOidcException>(() => WebIdentityTokenFile.Write(token, Path.Combine(blocker, "sub")));
            Assert.Equal("TokenFileWriteFailed", ex.ErrorId);
            Assert.DoesNotContain(token.Split('.')[1], ex.Message);
        }
    }
}
