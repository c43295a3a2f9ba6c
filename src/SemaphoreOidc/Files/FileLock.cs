using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Files
{
    /// <summary>
    /// An exclusive lock shared by every process of every user that can open the lock file: held while a shared file
    /// is read, edited and replaced, so two writers never both start from the same old content (docs/credentials.md,
    /// "Locking").
    /// </summary>
    /// <remarks>
    /// The lock is a <see cref="FileStream"/> opened with <see cref="FileShare.None"/>. On Windows that is a
    /// sharing mode, enforced by the kernel for every process. On Unix .NET (Core 2.1 and later) takes
    /// <c>flock(LOCK_EX | LOCK_NB)</c> right after open(2): advisory (it binds only processes that ask for it, which
    /// every writer here does), released by the kernel when the process dies (no stale lock after a crash or a
    /// kill -9), and in conflict between two descriptors of one process too. Two cases where .NET silently opens the
    /// file without the lock: <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> (or the <c>System.IO.DisableFileLocking</c>
    /// switch) is set, or flock(2) fails for another reason than "held elsewhere" (a file system without flock).
    /// So after taking the lock this class opens the file a second time: if that succeeds the lock is not real and
    /// <see cref="FileErrorIds.FileLockUnavailable"/> is raised rather than writing unprotected.
    /// The lock file is never deleted: deleting a lock file while others wait on it lets two writers hold "the"
    /// lock on two different files. It is empty and owner-only.
    /// </remarks>
    public sealed class FileLock : IDisposable
    {
        /// <summary>How long a writer waits for another one by default; a profile write holds the lock for milliseconds.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

        private readonly FileStream _stream;

        private FileLock(FileStream stream, string path)
        {
            _stream = stream;
            Path = path;
        }

        /// <summary>The lock file.</summary>
        public string Path { get; }

        /// <summary>The lock file that guards <paramref name="file"/>: <c>.&lt;name&gt;.lock</c> in the same directory.</summary>
        public static string PathFor(string file) =>
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file), "." + System.IO.Path.GetFileName(file) + ".lock");

        /// <summary>
        /// Takes the lock in <paramref name="lockPath"/> (created owner-only when missing), waiting up to
        /// <paramref name="timeout"/> for another holder.
        /// </summary>
        public static FileLock Acquire(string lockPath, TimeSpan timeout, CancellationToken cancellation)
        {
            LocalPath.EnsureRegularFileOrMissing(lockPath, "The lock file");
            var clock = Stopwatch.StartNew();
            var random = new Random();
            int attempt = 0;
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                FileStream stream = null;
                try
                {
                    stream = OwnerOnlyFile.Open(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException ex) when (IsHeldElsewhere(ex))
                {
                    if (clock.Elapsed >= timeout)
                    {
                        throw new SemaphoreOidcException(FileErrorIds.FileLockTimedOut, ErrorKind.OperationTimeout,
                            $"Another process has held the lock {lockPath} for more than {timeout.TotalSeconds:0} s, so the file beside it was not changed. " +
                            "Wait for the other writer (another job's Set-AwsEnv, aws configure) and try again; a lock is released when its process ends.",
                            lockPath);
                    }

                    // Jittered, growing waits: 20 writers started together do not retry in step.
                    int ceiling = Math.Min(200, 10 << Math.Min(attempt++, 4));
                    int wait = random.Next(ceiling / 2, ceiling + 1);
                    cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Min(wait, Math.Max(1, (timeout - clock.Elapsed).TotalMilliseconds))));
                    continue;
                }

                EnsureLockIsReal(stream, lockPath);
                return new FileLock(stream, lockPath);
            }
        }

        public void Dispose() => _stream.Dispose();

        private static void EnsureLockIsReal(FileStream held, string lockPath)
        {
            FileStream second = null;
            try
            {
                second = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (IOException ex) when (IsHeldElsewhere(ex))
            {
                return;
            }
            catch
            {
                held.Dispose();
                throw;
            }

            second.Dispose();
            held.Dispose();
            throw new SemaphoreOidcException(FileErrorIds.FileLockUnavailable, ErrorKind.ResourceUnavailable,
                $"{lockPath} cannot be locked here (DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set, or the file system has no flock), " +
                "so concurrent writers could lose each other's changes and nothing was written. Unset that variable, or keep the file " +
                "on a local file system (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, or the token folder).",
                lockPath);
        }

        // Windows: ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION. Unix: .NET puts errno in HResult, EWOULDBLOCK
        // (EAGAIN) being 11 on Linux and 35 on macOS and the BSDs.
        private static bool IsHeldElsewhere(IOException ex)
        {
            int code = ex.HResult;
            return code == unchecked((int)0x80070020) || code == unchecked((int)0x80070021) || code == 11 || code == 35;
        }
    }
}
