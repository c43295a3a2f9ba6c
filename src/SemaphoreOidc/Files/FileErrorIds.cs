using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Files
{
    /// <summary>
    /// Stable error ids for local paths and files the module reads or writes (scripts and Pester tests match on them).
    /// The rules behind them are in docs/credentials.md.
    /// </summary>
    public static class FileErrorIds
    {
        [ErrorId("The path names a FIFO, a device, a socket or a directory where a regular file is needed.",
            "Give the path of a regular file, or of one that does not exist yet.", ErrorKind.InvalidArgument)]
        public const string PathNotRegularFile = nameof(PathNotRegularFile);

        [ErrorId("The path names something other than a directory where a directory is needed.",
            "Give the path of a folder, or of one that does not exist yet.", ErrorKind.InvalidArgument)]
        public const string PathNotDirectory = nameof(PathNotDirectory);

        [ErrorId("The path is not a file-system path (another PowerShell provider's, or not a path at all).",
            "Give a file-system path; relative paths start at the current location.", ErrorKind.InvalidArgument)]
        public const string PathInvalid = nameof(PathInvalid);

        [ErrorId("Another process held the lock of a shared file for longer than the module waits (15 s).",
            "Wait for the other writer (another job's Set-AwsEnv, aws configure) and try again.", ErrorKind.OperationTimeout)]
        public const string FileLockTimedOut = nameof(FileLockTimedOut);

        [ErrorId("The file system (or the runtime's settings) gives no working exclusive lock beside the file, so nothing was written unprotected.",
            "Unset DOTNET_SYSTEM_IO_DISABLEFILELOCKING, or keep the file on a local file system that supports locks.", ErrorKind.ResourceUnavailable)]
        public const string FileLockUnavailable = nameof(FileLockUnavailable);
    }
}
