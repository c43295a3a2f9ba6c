namespace SemaphoreOidc.Files
{
    /// <summary>
    /// Stable error ids for local paths and files the module reads or writes (scripts and Pester tests match on them).
    /// The rules behind them are in docs/credentials.md.
    /// </summary>
    public static class FileErrorIds
    {
        /// <summary>The path names a FIFO, a device, a socket or a directory where a regular file is needed.</summary>
        public const string PathNotRegularFile = nameof(PathNotRegularFile);

        /// <summary>The path names something other than a directory where a directory is needed.</summary>
        public const string PathNotDirectory = nameof(PathNotDirectory);

        /// <summary>The path is not a file-system path (another PowerShell provider, or not a path at all).</summary>
        public const string PathInvalid = nameof(PathInvalid);

        /// <summary>Another process held the lock of a shared file for longer than the module waits.</summary>
        public const string FileLockTimedOut = nameof(FileLockTimedOut);

        /// <summary>The file system (or the runtime's settings) gives no working exclusive lock beside the file.</summary>
        public const string FileLockUnavailable = nameof(FileLockUnavailable);
    }
}
