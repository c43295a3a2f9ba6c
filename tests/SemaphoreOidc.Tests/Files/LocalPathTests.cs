using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;
using SemaphoreOidc.Policies;
using Xunit;

namespace SemaphoreOidc.Tests.Files
{
    public sealed class LocalPathTests : IDisposable
    {
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "semaphore-oidc-paths-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        internal static string MakeFifo(string path)
        {
            using var p = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false });
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            return path;
        }

        [Fact]
        public void Tells_every_kind_apart_without_opening_it()
        {
            if (OperatingSystem.IsWindows()) return;
            string file = Path.Combine(_dir, "f");
            File.WriteAllText(file, "x");
            string fifo = MakeFifo(Path.Combine(_dir, "p"));
            string linkToFifo = Path.Combine(_dir, "l");
            File.CreateSymbolicLink(linkToFifo, fifo);

            Assert.Equal(FileKind.Regular, LocalPath.KindOf(file));
            Assert.Equal(FileKind.Directory, LocalPath.KindOf(_dir));
            Assert.Equal(FileKind.Fifo, LocalPath.KindOf(fifo));
            Assert.Equal(FileKind.Fifo, LocalPath.KindOf(linkToFifo));
            Assert.Equal(FileKind.CharacterDevice, LocalPath.KindOf("/dev/null"));
            Assert.Equal(FileKind.Missing, LocalPath.KindOf(Path.Combine(_dir, "none")));
            Assert.Equal(FileKind.Missing, LocalPath.KindOf(Path.Combine(file, "below-a-file")));
        }

        [Fact]
        public void Refusals_name_the_kind_and_their_ids()
        {
            if (OperatingSystem.IsWindows()) return;
            string fifo = MakeFifo(Path.Combine(_dir, "p"));
            var ex = Assert.Throws<SemaphoreOidcException>(() => LocalPath.EnsureRegularFileOrMissing(fifo, "The output file"));
            Assert.Equal(FileErrorIds.PathNotRegularFile, ex.ErrorId);
            Assert.Contains("named pipe (FIFO)", ex.Message);
            Assert.Equal(fifo, ex.Target);
            Assert.Equal(FileErrorIds.PathNotRegularFile, Assert.Throws<SemaphoreOidcException>(() => LocalPath.EnsureRegularFileOrMissing(_dir, "x")).ErrorId);
            Assert.Equal(FileErrorIds.PathNotDirectory, Assert.Throws<SemaphoreOidcException>(() => LocalPath.EnsureDirectoryOrMissing(fifo, "x")).ErrorId);
            LocalPath.EnsureRegularFileOrMissing(Path.Combine(_dir, "new"), "x");
            LocalPath.EnsureDirectoryOrMissing(Path.Combine(_dir, "new"), "x");
        }

        [Fact]
        public void A_trust_policy_path_that_is_a_fifo_is_refused_at_once_instead_of_hanging()
        {
            if (OperatingSystem.IsWindows()) return;
            string fifo = MakeFifo(Path.Combine(_dir, "policy.json"));
            var read = Task.Run(() => TrustPolicyFile.Read(fifo));
            Assert.True(((IAsyncResult)read).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "reading a FIFO hung");
            var ex = Assert.IsType<SemaphoreOidcException>(read.Exception?.InnerException);
            Assert.Equal(FileErrorIds.PathNotRegularFile, ex.ErrorId);
            Assert.Equal(PolicyErrorIds.TrustPolicyNotFound, Assert.Throws<SemaphoreOidcException>(() => TrustPolicyFile.Read(Path.Combine(_dir, "none.json"))).ErrorId);
            Assert.Equal(FileErrorIds.PathNotRegularFile, Assert.Throws<SemaphoreOidcException>(() => TrustPolicyFile.Read(_dir)).ErrorId);
        }
    }
}
