using System;
using System.IO;
using Amazon.Runtime.CredentialManagement;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Credentials
{
    public sealed class SharedCredentialsProfileWriterTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "semaphore-oidc-tests-" + Guid.NewGuid().ToString("N"));
        private static readonly DateTime Expiry = new DateTime(2026, 11, 28, 13, 0, 0, DateTimeKind.Utc);

        private const string Head = "# managed by hand; keep me\n[default]\naws_access_key_id = AKIADEFAULT\n; a semicolon comment\naws_secret_access_key = defaultsecret\n\n";
        private const string Ci = "[ci]\n# old ci comment\naws_access_key_id = ASIAOLD\naws_secret_access_key = oldsecret\naws_session_token = oldtoken\nrole_arn = arn:aws:iam::1:role/stale\n\n";
        private const string Tail = "[other]\naws_access_key_id=AKIAOTHER\naws_secret_access_key=othersecret\n# trailing comment\n";

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }

        private static AwsCredentialSet Creds(string suffix = "") =>
            new AwsCredentialSet("ASIANEW" + suffix, "new/secret+key" + suffix, "newtoken" + suffix, Expiry, "eu-west-1");

        [Fact]
        public void AddsProfileAndKeepsEverythingElseByteForByte()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Head + Tail);

            string written = SharedCredentialsProfileWriter.Write("semaphore", Creds(), path);

            Assert.Equal(path, written);
            string text = File.ReadAllText(path);
            Assert.StartsWith(Head + Tail, text);
            Assert.Contains("[semaphore]", text);
            Assert.DoesNotContain("region", text);
            AssertProfile(path, "semaphore", Creds());
            AssertProfile(path, "other", new AwsCredentialSet("AKIAOTHER", "othersecret", null, null, null));
            AssertOwnerOnly(path);
            Assert.Single(Directory.GetFiles(_dir)); // no temp file left behind
        }

        [Fact]
        public void ReplacesAnExistingProfileWhole()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Head + Ci + Tail);

            SharedCredentialsProfileWriter.Write("ci", Creds("2"), path);

            string text = File.ReadAllText(path);
            Assert.StartsWith(Head + Tail, text);
            Assert.DoesNotContain("oldsecret", text);
            Assert.DoesNotContain("oldtoken", text);
            Assert.DoesNotContain("role_arn", text);
            Assert.Equal(1, CountOf(text, "[ci]"));
            AssertProfile(path, "ci", Creds("2"));

            SharedCredentialsProfileWriter.Write("ci", Creds("3"), path);
            AssertProfile(path, "ci", Creds("3"));
            Assert.Equal(1, CountOf(File.ReadAllText(path), "[ci]"));
            Assert.StartsWith(Head + Tail, File.ReadAllText(path));
        }

        [Fact]
        public void TightensAnExistingLooseFile()
        {
            if (OperatingSystem.IsWindows()) return;
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Tail);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            SharedCredentialsProfileWriter.Write("semaphore", Creds(), path);
            AssertOwnerOnly(path);
        }

        [Fact]
        public void CreatesMissingDirectoriesOwnerOnlyAndHonoursTheEnvironmentVariable()
        {
            string path = Path.Combine(_dir, "home", ".aws", "credentials");
            string before = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
            try
            {
                Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", path);
                Assert.Equal(path, SharedCredentialsProfileWriter.Write("semaphore", Creds()));
            }
            finally
            {
                Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", before);
            }
            AssertProfile(path, "semaphore", Creds());
            AssertOwnerOnly(path);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_dir, "home")));
            }
        }

        [Fact]
        public void TheSdkDefaultChainReadsTheProfile()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            SharedCredentialsProfileWriter.Write("semaphore", Creds(), path);
            var chain = new CredentialProfileStoreChain(path);
            Assert.True(chain.TryGetAWSCredentials("semaphore", out var aws));
            var c = aws.GetCredentials();
            Assert.Equal("ASIANEW", c.AccessKey);
            Assert.Equal("new/secret+key", c.SecretKey);
            Assert.Equal("newtoken", c.Token);
        }

        [Fact]
        public void ASymlinkedFileStaysALink()
        {
            if (OperatingSystem.IsWindows()) return;
            Directory.CreateDirectory(Path.Combine(_dir, "dotfiles"));
            string real = Path.Combine(_dir, "dotfiles", "aws-credentials");
            File.WriteAllText(real, Tail);
            string link = Path.Combine(_dir, "credentials");
            File.CreateSymbolicLink(link, real);

            Assert.Equal(link, SharedCredentialsProfileWriter.Write("semaphore", Creds(), link));

            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.StartsWith(Tail, File.ReadAllText(real));
            AssertProfile(link, "semaphore", Creds());
            AssertOwnerOnly(real);
        }

        [Fact]
        public void UnparsableFileIsReportedWithoutQuotingItAndLeftUnchanged()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            string content = "[default]\nthis line holds SECRETXYZ and is not ini\n";
            File.WriteAllText(path, content);
            var ex = Assert.Throws<SemaphoreOidcException>(() => SharedCredentialsProfileWriter.Write("semaphore", Creds(), path));
            Assert.Equal("CredentialsFileInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, ex.Kind);
            Assert.DoesNotContain("SECRETXYZ", ex.Message);
            Assert.Null(ex.InnerException);
            Assert.Equal(content, File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(_dir));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("a]b")]
        [InlineData("[a")]
        [InlineData("a\nb")]
        [InlineData(" padded")]
        [InlineData(null)]
        public void InvalidProfileNamesAreRefusedAndNothingIsWritten(string name)
        {
            string path = Path.Combine(_dir, "credentials");
            var ex = Assert.Throws<SemaphoreOidcException>(() => SharedCredentialsProfileWriter.Write(name, Creds(), path));
            Assert.Equal("ProfileNameInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void UnwritableDirectoryIsAWriteErrorWithoutSecrets()
        {
            if (OperatingSystem.IsWindows() || Environment.UserName == "root") return; // root ignores mode bits
            Directory.CreateDirectory(_dir);
            File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                var ex = Assert.Throws<SemaphoreOidcException>(() => SharedCredentialsProfileWriter.Write("semaphore", Creds(), Path.Combine(_dir, "credentials")));
                Assert.Equal("CredentialsFileWriteFailed", ex.ErrorId);
                Assert.DoesNotContain("new/secret+key", ex.Message);
            }
            finally
            {
                File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        [Fact]
        public void PathThatIsADirectoryIsAWriteError()
        {
            string path = Path.Combine(_dir, "credentials");
            Directory.CreateDirectory(path);
            var ex = Assert.Throws<SemaphoreOidcException>(() => SharedCredentialsProfileWriter.Write("semaphore", Creds(), path));
            Assert.Equal("CredentialsFileWriteFailed", ex.ErrorId);
            Assert.Equal(path, ex.Target);
            Assert.DoesNotContain("new/secret+key", ex.Message);
            Assert.Empty(Directory.GetFiles(_dir));
        }

        private static void AssertProfile(string path, string name, AwsCredentialSet expected)
        {
            var file = new SharedCredentialsFile(path);
            Assert.True(file.TryGetProfile(name, out CredentialProfile profile), name);
            Assert.Equal(expected.AccessKeyId, profile.Options.AccessKey);
            Assert.Equal(expected.SecretAccessKey, profile.Options.SecretKey);
            Assert.Equal(expected.SessionToken, profile.Options.Token);
        }

        internal static void AssertOwnerOnly(string path)
        {
            if (OperatingSystem.IsWindows()) return;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        private static int CountOf(string text, string what)
        {
            int n = 0;
            for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
            return n;
        }
    }
}
