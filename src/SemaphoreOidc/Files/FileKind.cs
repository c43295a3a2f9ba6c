using System;
using System.IO;
using System.Runtime.InteropServices;

namespace SemaphoreOidc.Files
{
    /// <summary>What a path names, found without opening it.</summary>
    public enum FileKind
    {
        Missing,
        Regular,
        Directory,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        Other,
    }

    /// <summary>
    /// Tells a regular file from a FIFO, a device or a directory before anything opens it: opening a FIFO blocks until
    /// a writer appears (and cannot be interrupted), and replacing a device node by rename, as root on a CI runner,
    /// would break the machine (docs/credentials.md, "Paths").
    /// </summary>
    public static class LocalPath
    {
        /// <summary>The kind of <paramref name="path"/>, following symbolic links.</summary>
        public static FileKind KindOf(string path)
        {
            if (string.IsNullOrEmpty(path)) return FileKind.Missing;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return WindowsKind(path);

            int? mode = UnixMode(path);
            if (mode == null) return FallbackKind(path);
            if (mode.Value == -1) return FileKind.Missing;
            switch (mode.Value & 0xF000)
            {
                case 0x8000: return FileKind.Regular;
                case 0x4000: return FileKind.Directory;
                case 0x1000: return FileKind.Fifo;
                case 0x2000: return FileKind.CharacterDevice;
                case 0x6000: return FileKind.BlockDevice;
                case 0xC000: return FileKind.Socket;
                default: return FileKind.Other;
            }
        }

        /// <summary>Refuses anything but a regular file or nothing at all (a file about to be created).</summary>
        public static void EnsureRegularFileOrMissing(string path, string what)
        {
            var kind = KindOf(path);
            if (kind == FileKind.Missing || kind == FileKind.Regular) return;
            throw new Errors.SemaphoreOidcException(FileErrorIds.PathNotRegularFile, Errors.ErrorKind.InvalidArgument,
                $"{what} '{path}' is {Describe(kind)}, not a regular file. Give the path of a regular file.", path);
        }

        /// <summary>Refuses anything but a directory or nothing at all (a directory about to be created).</summary>
        public static void EnsureDirectoryOrMissing(string path, string what)
        {
            var kind = KindOf(path);
            if (kind == FileKind.Missing || kind == FileKind.Directory) return;
            throw new Errors.SemaphoreOidcException(FileErrorIds.PathNotDirectory, Errors.ErrorKind.InvalidArgument,
                $"{what} '{path}' is {Describe(kind)}, not a directory. Give the path of a directory (it is created, owner-only, when missing).", path);
        }

        internal static string Describe(FileKind kind)
        {
            switch (kind)
            {
                case FileKind.Regular: return "a regular file";
                case FileKind.Directory: return "a directory";
                case FileKind.Fifo: return "a named pipe (FIFO)";
                case FileKind.CharacterDevice: return "a character device";
                case FileKind.BlockDevice: return "a block device";
                case FileKind.Socket: return "a socket";
                case FileKind.Missing: return "missing";
                default: return "a special file";
            }
        }

        // The runtime's own stat shim (libSystem.Native ships with every .NET Core runtime, and PowerShell 7 is the
        // only PowerShell on Unix). Its FileStatus starts with two int32 fields, Flags then Mode, in every version
        // since .NET Core 1.0; the rest of the struct has grown, so it lands in a buffer larger than any version's.
        // Mode carries the S_IFMT type bits, normalised by the shim to the Linux values on every Unix.
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int SystemNativeStat(string path, byte[] status);

        private static bool _shimMissing;

        /// <summary>The st_mode of <paramref name="path"/>; -1 when nothing is there; null when it cannot be asked.</summary>
        private static int? UnixMode(string path)
        {
            if (_shimMissing) return null;
            try
            {
                var status = new byte[1024];
                if (SystemNativeStat(path, status) != 0) return Exists(path) ? (int?)null : -1;
                return BitConverter.ToInt32(status, 4);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException)
            {
                _shimMissing = true;
                return null;
            }
        }

        private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

        // Without the shim (a runtime other than .NET Core on Unix) only directories can be told apart.
        private static FileKind FallbackKind(string path) =>
            Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;

        // Windows has no FIFOs or device nodes in the file system; its devices and pipes live under \\.\ and \\?\.
        private static FileKind WindowsKind(string path)
        {
            string p = path.Replace('/', '\\');
            if (p.StartsWith(@"\\.\", StringComparison.Ordinal) || p.StartsWith(@"\\?\GLOBALROOT", StringComparison.OrdinalIgnoreCase))
            {
                return FileKind.CharacterDevice;
            }
            return FallbackKind(path);
        }
    }
}
