using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;
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
        public void Writes_the_token_owner_only_in_an_owner_only_folder()
        {
            string token = _issuer.Token();
            string dir = Path.Combine(_dir, "a", "b");
            string path = Path.Combine(dir, "token-test");
            WebIdentityTokenFile.Write(token, path);

            Assert.Equal(token, File.ReadAllText(path));
            SharedCredentialsProfileWriterTests.AssertOwnerOnly(path);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            }
        }

        [Fact]
        public void Rewriting_replaces_the_token_in_place()
        {
            string path = Path.Combine(_dir, "token-t");
            WebIdentityTokenFile.Write(_issuer.Token(), path);
            string second = _issuer.Token();
            WebIdentityTokenFile.Write(second, path);
            Assert.Equal(second, File.ReadAllText(path));
            Assert.Equal(new[] { ".lock", "token-t" }, Array.ConvertAll(Directory.GetFiles(_dir), Path.GetFileName).OrderBy());
        }

        [Fact]
        public void Names_are_the_jobs_or_random()
        {
            Assert.Equal("token-6f3c1b2a-0000-4000-8000-00000000abcd", WebIdentityTokenFile.FileNameFor("6f3c1b2a-0000-4000-8000-00000000abcd"));
            Assert.Equal("token-.._.._etc_passwd".Replace('.', '_'), WebIdentityTokenFile.FileNameFor("../../etc/passwd"));
            Assert.Equal(6 + 64, WebIdentityTokenFile.FileNameFor(new string('a', 200)).Length);
            string a = WebIdentityTokenFile.FileNameFor(null), b = WebIdentityTokenFile.FileNameFor("  ");
            Assert.Matches("^token-[0-9a-f]{24}$", a);
            Assert.Matches("^token-[0-9a-f]{24}$", b);
            Assert.NotEqual(a, b);
            Assert.EndsWith(Path.Combine(".aws", "semaphore-oidc"), WebIdentityTokenFile.DefaultDirectory());
        }

        [Fact]
        public void Refuses_something_that_is_not_a_token_and_writes_nothing()
        {
            Assert.Equal("TokenMissing", Assert.Throws<SemaphoreOidcException>(() => WebIdentityTokenFile.Write("", Path.Combine(_dir, "token-x"))).ErrorId);
            var ex = Assert.Throws<SemaphoreOidcException>(() => WebIdentityTokenFile.Write("not-a-jwt-secretvalue", Path.Combine(_dir, "token-x")));
            Assert.Equal("TokenMalformed", ex.ErrorId);
            Assert.DoesNotContain("secretvalue", ex.Message);
            Assert.False(Directory.Exists(_dir));
        }

        [Fact]
        public void A_folder_that_is_a_file_is_refused_before_writing()
        {
            Directory.CreateDirectory(_dir);
            string blocker = Path.Combine(_dir, "file");
            File.WriteAllText(blocker, "x");
            string token = _issuer.Token();
            var ex = Assert.Throws<SemaphoreOidcException>(() => WebIdentityTokenFile.Write(token, Path.Combine(blocker, "token-x")));
            Assert.Equal("PathNotDirectory", ex.ErrorId);
            Assert.DoesNotContain(token.Split('.')[1], ex.Message);
            Assert.Equal("x", File.ReadAllText(blocker));
        }

        [Fact]
        public void Waits_for_the_folders_lock()
        {
            Directory.CreateDirectory(_dir);
            using (FileLock.Acquire(Path.Combine(_dir, ".lock"), TimeSpan.FromSeconds(1), CancellationToken.None))
            {
                var ex = Assert.Throws<SemaphoreOidcException>(() => WebIdentityTokenFile.Write(_issuer.Token(), Path.Combine(_dir, "token-x"), CancellationToken.None, TimeSpan.FromMilliseconds(100)));
                Assert.Equal("FileLockTimedOut", ex.ErrorId);
            }
            Assert.False(File.Exists(Path.Combine(_dir, "token-x")));
        }

        [Fact]
        public void Delete_removes_only_the_file()
        {
            string path = Path.Combine(_dir, "token-x");
            WebIdentityTokenFile.Write(_issuer.Token(), path);
            Assert.True(WebIdentityTokenFile.Delete(path));
            Assert.False(File.Exists(path));
            Assert.False(WebIdentityTokenFile.Delete(path));
            Assert.True(Directory.Exists(_dir));
        }

        [Fact]
        public void Own_token_files_are_token_files_of_the_folder()
        {
            Assert.True(WebIdentityTokenFile.IsOwnTokenFile(Path.Combine(_dir, "token-1"), _dir));
            Assert.True(WebIdentityTokenFile.IsOwnTokenFile(Path.Combine(_dir, "token-1"), _dir + Path.DirectorySeparatorChar));
            Assert.False(WebIdentityTokenFile.IsOwnTokenFile(Path.Combine(_dir, "eks-token"), _dir));
            Assert.False(WebIdentityTokenFile.IsOwnTokenFile(Path.Combine(_dir, "sub", "token-1"), _dir));
            Assert.False(WebIdentityTokenFile.IsOwnTokenFile("token-1", _dir));
            Assert.False(WebIdentityTokenFile.IsOwnTokenFile("/var/run/secrets/eks.amazonaws.com/serviceaccount/token", _dir));
        }
    }

    internal static class SortExtensions
    {
        public static string[] OrderBy(this string[] values)
        {
            var copy = (string[])values.Clone();
            Array.Sort(copy, StringComparer.Ordinal);
            return copy;
        }
    }
}
