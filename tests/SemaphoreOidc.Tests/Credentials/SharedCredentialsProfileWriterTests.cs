using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime.CredentialManagement;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;
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

        private string ConfigPath => Path.Combine(_dir, "config");

        private string Write(string profile, AwsCredentialSet creds, string path) =>
            SharedCredentialsProfileWriter.Write(profile, creds, path, ConfigPath).CredentialsPath;

        private static AwsCredentialSet Creds(string suffix = "") =>
            new AwsCredentialSet("ASIANEW" + suffix, "new/secret+key" + suffix, "newtoken" + suffix, Expiry, "eu-west-1");

        [Fact]
        public void Adds_profile_and_keeps_everything_else_byte_for_byte()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Head + Tail);

            string written = Write("semaphore", Creds(), path);

            Assert.Equal(path, written);
            string text = File.ReadAllText(path);
            Assert.StartsWith(Head + Tail, text);
            Assert.Contains("[semaphore]", text);
            Assert.DoesNotContain("region", text);
            AssertProfile(path, "semaphore", Creds());
            AssertProfile(path, "other", new AwsCredentialSet("AKIAOTHER", "othersecret", null, null, null));
            AssertOwnerOnly(path);
            AssertNoTempFiles();
        }

        [Fact]
        public void Replaces_an_existing_profile_whole()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Head + Ci + Tail);

            Write("ci", Creds("2"), path);

            string text = File.ReadAllText(path);
            Assert.StartsWith(Head + Tail, text);
            Assert.DoesNotContain("oldsecret", text);
            Assert.DoesNotContain("oldtoken", text);
            Assert.DoesNotContain("role_arn", text);
            Assert.Equal(1, CountOf(text, "[ci]"));
            AssertProfile(path, "ci", Creds("2"));

            Write("ci", Creds("3"), path);
            AssertProfile(path, "ci", Creds("3"));
            Assert.Equal(1, CountOf(File.ReadAllText(path), "[ci]"));
            Assert.StartsWith(Head + Tail, File.ReadAllText(path));
        }

        [Fact]
        public void Tightens_an_existing_loose_file()
        {
            if (OperatingSystem.IsWindows()) return;
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Tail);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Write("semaphore", Creds(), path);
            AssertOwnerOnly(path);
        }

        [Fact]
        public void Creates_missing_directories_owner_only_and_honours_the_environment_variable()
        {
            string path = Path.Combine(_dir, "home", ".aws", "credentials");
            string before = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
            try
            {
                Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", path);
                Assert.Equal(path, SharedCredentialsProfileWriter.Write("semaphore", Creds(), null, ConfigPath).CredentialsPath);
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
        public void The_SDK_default_chain_reads_the_profile()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            Write("semaphore", Creds(), path);
            var chain = new CredentialProfileStoreChain(path);
            Assert.True(chain.TryGetAWSCredentials("semaphore", out var aws));
            var c = aws.GetCredentials();
            Assert.Equal("ASIANEW", c.AccessKey);
            Assert.Equal("new/secret+key", c.SecretKey);
            Assert.Equal("newtoken", c.Token);
        }

        [Fact]
        public void A_symlinked_file_stays_a_link()
        {
            if (OperatingSystem.IsWindows()) return;
            Directory.CreateDirectory(Path.Combine(_dir, "dotfiles"));
            string real = Path.Combine(_dir, "dotfiles", "aws-credentials");
            File.WriteAllText(real, Tail);
            string link = Path.Combine(_dir, "credentials");
            File.CreateSymbolicLink(link, real);

            Assert.Equal(link, Write("semaphore", Creds(), link));

            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.StartsWith(Tail, File.ReadAllText(real));
            AssertProfile(link, "semaphore", Creds());
            AssertOwnerOnly(real);
        }

        [Fact]
        public void Unparsable_file_is_reported_without_quoting_it_and_left_unchanged()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            string content = "[default]\nthis line holds SECRETXYZ and is not ini\n";
            File.WriteAllText(path, content);
            var ex = Assert.Throws<SemaphoreOidcException>(() => Write("semaphore", Creds(), path));
            Assert.Equal("CredentialsFileInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, ex.Kind);
            Assert.DoesNotContain("SECRETXYZ", ex.Message);
            Assert.Null(ex.InnerException);
            Assert.Equal(content, File.ReadAllText(path));
            Assert.False(File.Exists(ConfigPath));
            AssertNoTempFiles();
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("a]b")]
        [InlineData("[a")]
        [InlineData("a\nb")]
        [InlineData(" padded")]
        [InlineData(null)]
        public void Invalid_profile_names_are_refused_and_nothing_is_written(string name)
        {
            string path = Path.Combine(_dir, "credentials");
            var ex = Assert.Throws<SemaphoreOidcException>(() => Write(name, Creds(), path));
            Assert.Equal("ProfileNameInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void Unwritable_directory_is_a_write_error_without_secrets()
        {
            if (OperatingSystem.IsWindows() || Environment.UserName == "root") return; // root ignores mode bits
            Directory.CreateDirectory(_dir);
            File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                var ex = Assert.Throws<SemaphoreOidcException>(() => Write("semaphore", Creds(), Path.Combine(_dir, "credentials")));
                Assert.Equal("CredentialsFileWriteFailed", ex.ErrorId);
                Assert.DoesNotContain("new/secret+key", ex.Message);
            }
            finally
            {
                File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        [Fact]
        public void Path_that_is_a_directory_is_refused_before_anything_is_written()
        {
            string path = Path.Combine(_dir, "credentials");
            Directory.CreateDirectory(path);
            var ex = Assert.Throws<SemaphoreOidcException>(() => Write("semaphore", Creds(), path));
            Assert.Equal("PathNotRegularFile", ex.ErrorId);
            Assert.Equal(path, ex.Target);
            Assert.DoesNotContain("new/secret+key", ex.Message);
            Assert.Empty(Directory.GetFiles(_dir));
        }

        [Fact]
        public void Writes_the_region_to_the_config_file_keeping_everything_else()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            const string config = "# my config\n[default]\nregion = us-east-1\n\n[profile ci]\n# ci comment\nregion = us-west-2\noutput = json\ns3 =\n  max_concurrent_requests = 4\n\n[sso-session corp]\nsso_region = eu-west-1\n";
            File.WriteAllText(ConfigPath, config);

            var result = SharedCredentialsProfileWriter.Write("ci", Creds(), path, ConfigPath);

            Assert.Equal(ConfigPath, result.ConfigPath);
            Assert.Equal(config.Replace("region = us-west-2", "region = eu-west-1"), File.ReadAllText(ConfigPath));
            AssertOwnerOnly(ConfigPath);
            Assert.DoesNotContain("region", File.ReadAllText(path));
        }

        [Fact]
        public void Adds_the_config_section_as_AWS_configure_names_it()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(ConfigPath, "[profile other]\noutput = text");

            SharedCredentialsProfileWriter.Write("ci", Creds(), path, ConfigPath);
            SharedCredentialsProfileWriter.Write("default", Creds(), path, ConfigPath);

            Assert.Equal("[profile other]\noutput = text\n\n[profile ci]\nregion = eu-west-1\n\n[default]\nregion = eu-west-1\n", File.ReadAllText(ConfigPath));
            var chain = new CredentialProfileStoreChain(path);
            Assert.True(chain.TryGetProfile("ci", out var profile));
            Assert.Equal("ASIANEW", profile.Options.AccessKey);
        }

        [Fact]
        public void Inserts_the_region_after_the_last_setting_of_an_existing_section()
        {
            Directory.CreateDirectory(_dir);
            File.WriteAllText(ConfigPath, "[profile ci]\r\noutput = json\r\n\r\n# about other\r\n[profile other]\r\nregion = us-east-1\r\n");
            SharedCredentialsProfileWriter.Write("ci", Creds(), Path.Combine(_dir, "credentials"), ConfigPath);
            Assert.Equal("[profile ci]\r\noutput = json\r\nregion = eu-west-1\r\n\r\n# about other\r\n[profile other]\r\nregion = us-east-1\r\n", File.ReadAllText(ConfigPath));
        }

        [Fact]
        public void Without_a_region_the_config_file_is_not_touched()
        {
            Directory.CreateDirectory(_dir);
            var result = SharedCredentialsProfileWriter.Write("ci", new AwsCredentialSet("ASIA1", "s", "t", null, null), Path.Combine(_dir, "credentials"), ConfigPath);
            Assert.Null(result.ConfigPath);
            Assert.False(File.Exists(ConfigPath));
        }

        [Theory]
        [InlineData("SecretAccessKey", "line break")]
        [InlineData("SessionToken", "line break")]
        [InlineData("AccessKeyId", "control character")]
        [InlineData("Region", "line break")]
        [InlineData("SessionToken", "leading or trailing spaces")]
        public void A_value_a_file_cannot_hold_is_refused_naming_the_field_and_nothing_changes(string field, string what)
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Tail);
            File.WriteAllText(ConfigPath, "[profile ci]\noutput = json\n");
            string bad = what == "line break" ? "SECRET\n[evil]\nrole_arn = x" : what == "control character" ? "ASIA\u0007X" : " SECRET ";
            var c = Creds();
            c = new AwsCredentialSet(field == "AccessKeyId" ? bad : c.AccessKeyId, field == "SecretAccessKey" ? bad : c.SecretAccessKey,
                field == "SessionToken" ? bad : c.SessionToken, c.Expiration, field == "Region" ? bad : c.Region);

            var ex = Assert.Throws<SemaphoreOidcException>(() => Write("ci", c, path));

            Assert.Equal("CredentialValueInvalid", ex.ErrorId);
            Assert.Equal(field, ex.Target);
            Assert.Contains(field, ex.Message);
            Assert.Contains(what, ex.Message);
            Assert.DoesNotContain("SECRET", ex.Message);
            Assert.DoesNotContain(path, ex.Message); // the value is at fault, not the file
            Assert.Equal(Tail, File.ReadAllText(path));
            Assert.Equal("[profile ci]\noutput = json\n", File.ReadAllText(ConfigPath));
        }

        [Fact]
        public void An_unreadable_config_file_stops_both_writes()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Tail);
            File.WriteAllText(ConfigPath, "[profile ci]\nregion eu-west-1 SECRETCONFIG\n");
            var ex = Assert.Throws<SemaphoreOidcException>(() => Write("ci", Creds(), path));
            Assert.Equal("CredentialsFileInvalid", ex.ErrorId);
            Assert.Equal(ConfigPath, ex.Target);
            Assert.Contains("line 2", ex.Message);
            Assert.DoesNotContain("SECRETCONFIG", ex.Message);
            Assert.Equal(Tail, File.ReadAllText(path));
        }

        [Fact]
        public void Keeps_a_byte_order_mark_and_Windows_line_endings()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            byte[] original = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("[other]\r\naws_access_key_id = AKIA\r\naws_secret_access_key = x\r\n")).ToArray();
            File.WriteAllBytes(path, original);
            Write("ci", Creds(), path);
            byte[] now = File.ReadAllBytes(path);
            Assert.Equal(original, now.Take(original.Length));
            Assert.EndsWith("\r\n[ci]\r\naws_access_key_id = ASIANEW\r\naws_secret_access_key = new/secret+key\r\naws_session_token = newtoken\r\n",
                System.Text.Encoding.UTF8.GetString(now));
        }

        [Fact]
        public void Parallel_writers_in_one_process_lose_no_profile()
        {
            // flock conflicts between two descriptors of one process too, so threads are as safe as processes.
            Directory.CreateDirectory(_dir);
            for (int round = 0; round < 5; round++)
            {
                string path = Path.Combine(_dir, "credentials-" + round);
                File.WriteAllText(path, Head);
                using var start = new Barrier(16);
                var writers = Enumerable.Range(0, 16).Select(i => new Thread(() =>
                {
                    start.SignalAndWait();
                    Write("p" + i, Creds(i.ToString()), path);
                })).ToList();
                writers.ForEach(t => t.Start());
                writers.ForEach(t => t.Join());
                for (int i = 0; i < 16; i++) AssertProfile(path, "p" + i, Creds(i.ToString()));
                Assert.StartsWith(Head, File.ReadAllText(path));
            }
            AssertNoTempFiles();
        }

        [Fact]
        public void Waits_for_another_writer_and_times_out_without_writing()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            File.WriteAllText(path, Tail);
            using (FileLock.Acquire(FileLock.PathFor(path), TimeSpan.FromSeconds(1), CancellationToken.None))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var ex = Assert.Throws<SemaphoreOidcException>(() =>
                    SharedCredentialsProfileWriter.Write("ci", Creds(), path, ConfigPath, CancellationToken.None, TimeSpan.FromMilliseconds(300)));
                Assert.Equal("FileLockTimedOut", ex.ErrorId);
                Assert.Equal(ErrorKind.OperationTimeout, ex.Kind);
                Assert.True(clock.ElapsedMilliseconds >= 250, clock.ElapsedMilliseconds.ToString());
                Assert.Equal(Tail, File.ReadAllText(path));
                Assert.False(File.Exists(ConfigPath));
            }

            // Released: the same write now goes through.
            Write("ci", Creds(), path);
            AssertProfile(path, "ci", Creds());
        }

        [Fact]
        public void Waiting_stops_when_cancelled()
        {
            Directory.CreateDirectory(_dir);
            string path = Path.Combine(_dir, "credentials");
            using (FileLock.Acquire(FileLock.PathFor(path), TimeSpan.FromSeconds(1), CancellationToken.None))
            using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                Assert.ThrowsAny<OperationCanceledException>(() =>
                    SharedCredentialsProfileWriter.Write("ci", Creds(), path, ConfigPath, cts.Token, TimeSpan.FromSeconds(30)));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
            }
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void Relative_environment_paths_start_at_the_given_base()
        {
            string before = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE");
            try
            {
                Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "rel/config");
                Assert.Equal(Path.Combine(_dir, "rel", "config"), SharedCredentialsProfileWriter.ResolveConfigPath(null, _dir));
            }
            finally
            {
                Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", before);
            }
        }

        private static void AssertProfile(string path, string name, AwsCredentialSet expected)
        {
            var file = new SharedCredentialsFile(path);
            Assert.True(file.TryGetProfile(name, out CredentialProfile profile), name);
            Assert.Equal(expected.AccessKeyId, profile.Options.AccessKey);
            Assert.Equal(expected.SecretAccessKey, profile.Options.SecretKey);
            Assert.Equal(expected.SessionToken, profile.Options.Token);
        }

        private void AssertNoTempFiles() =>
            Assert.DoesNotContain(Directory.GetFiles(_dir), f => f.EndsWith(".tmp", StringComparison.Ordinal));

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
