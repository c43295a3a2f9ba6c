using System;
using System.IO;
using System.Threading;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;
using Xunit;

namespace SemaphoreOidc.Tests.Files
{
    public sealed class FileLockTests : IDisposable
    {
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "semaphore-oidc-lock-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void Is_exclusive_until_disposed_and_leaves_an_owner_only_lock_file()
        {
            string lockPath = FileLock.PathFor(Path.Combine(_dir, "credentials"));
            Assert.Equal(Path.Combine(_dir, ".credentials.lock"), lockPath);
            using (var held = FileLock.Acquire(lockPath, TimeSpan.FromSeconds(1), CancellationToken.None))
            {
                var ex = Assert.Throws<SemaphoreOidcException>(() => FileLock.Acquire(lockPath, TimeSpan.FromMilliseconds(100), CancellationToken.None));
                Assert.Equal(FileErrorIds.FileLockTimedOut, ex.ErrorId);
                Assert.Equal(lockPath, ex.Target);
            }
            using (FileLock.Acquire(lockPath, TimeSpan.FromMilliseconds(100), CancellationToken.None)) { }
            Assert.True(File.Exists(lockPath));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockPath));
        }

        [Fact]
        public void A_waiter_gets_the_lock_once_it_is_released()
        {
            string lockPath = Path.Combine(_dir, ".x.lock");
            var held = FileLock.Acquire(lockPath, TimeSpan.FromSeconds(1), CancellationToken.None);
            var release = new Timer(_ => held.Dispose(), null, 200, Timeout.Infinite);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using (FileLock.Acquire(lockPath, TimeSpan.FromSeconds(10), CancellationToken.None))
            {
                Assert.InRange(clock.ElapsedMilliseconds, 150, 9000);
            }
            release.Dispose();
        }

        [Fact]
        public void A_lock_path_that_is_not_a_file_is_refused()
        {
            string lockPath = Directory.CreateDirectory(Path.Combine(_dir, ".y.lock")).FullName;
            Assert.Equal(FileErrorIds.PathNotRegularFile,
                Assert.Throws<SemaphoreOidcException>(() => FileLock.Acquire(lockPath, TimeSpan.FromMilliseconds(100), CancellationToken.None)).ErrorId);
        }
    }
}
