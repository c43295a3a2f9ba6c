using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SemaphoreOidc.Files
{
    /// <summary>
    /// Files only their owner can read, replaced atomically. The AWS CLI creates ~/.aws/credentials 0600;
    /// a file holding keys or a token must never be readable by other users of a shared CI host, not even
    /// for the moment between creating and restricting it, and a reader must never see half a file
    /// (docs/credentials.md, "Shared files").
    /// </summary>
    internal static class OwnerOnlyFile
    {
        public const int FileMode = 0x180;      // 0600
        public const int DirectoryMode = 0x1C0; // 0700

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>
        /// Creates <paramref name="directory"/> and any missing parents, each owner-only. Directories that
        /// already exist keep their mode: they are the user's to manage.
        /// </summary>
        public static void EnsureDirectory(string directory)
        {
            directory = Path.GetFullPath(directory);
            if (Directory.Exists(directory)) return;
            string parent = Path.GetDirectoryName(directory);
            if (!string.IsNullOrEmpty(parent)) EnsureDirectory(parent);
            if (!IsWindows && CreateDirectoryWithMode != null)
            {
                CreateDirectoryWithMode.Invoke(null, new[] { directory, Enum.ToObject(UnixFileModeType, DirectoryMode) });
            }
            else
            {
                Directory.CreateDirectory(directory);
            }
            SetMode(directory, DirectoryMode);
        }

        /// <summary>
        /// Opens a file; when this creates it, it is owner-only from its first moment (.NET 7+ passes the mode to
        /// open(2); older runtimes restrict it right after, before anything is written).
        /// </summary>
        public static FileStream Open(string path, System.IO.FileMode mode, FileAccess access, FileShare share)
        {
            FileStream stream;
            bool creates = mode != System.IO.FileMode.Open && mode != System.IO.FileMode.Truncate;
            if (creates && !IsWindows && FileStreamOptionsType != null)
            {
                object options = Activator.CreateInstance(FileStreamOptionsType);
                FileStreamOptionsType.GetProperty("Mode").SetValue(options, mode);
                FileStreamOptionsType.GetProperty("Access").SetValue(options, access);
                FileStreamOptionsType.GetProperty("Share").SetValue(options, share);
                FileStreamOptionsType.GetProperty("UnixCreateMode").SetValue(options, Enum.ToObject(UnixFileModeType, FileMode));
                try
                {
                    stream = (FileStream)FileStreamWithOptions.Invoke(new[] { path, options });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                    throw;
                }
            }
            else
            {
                stream = new FileStream(path, mode, access, share);
            }

            if (creates && !IsWindows && FileStreamOptionsType == null)
            {
                SetMode(path, FileMode);
            }
            return stream;
        }

        /// <summary>
        /// Creates an empty owner-only temporary file beside <paramref name="path"/> (same directory, so the
        /// final rename stays on one file system and is atomic).
        /// </summary>
        public static string CreateTempBeside(string path)
        {
            string dir = Path.GetDirectoryName(path);
            string temp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            // CreateNew: never follow or reuse something another user planted under this name.
            using (Open(temp, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None)) { }
            SetMode(temp, FileMode);
            return temp;
        }

        /// <summary>Moves <paramref name="temp"/> over <paramref name="path"/> in one step (rename(2) on Unix).</summary>
        public static void Replace(string temp, string path)
        {
            SetMode(temp, FileMode);
            if (File.Exists(path))
            {
                File.Replace(temp, path, null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, path);
            }
        }

        /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> owner-only and atomically.</summary>
        public static void WriteAllBytes(string path, byte[] content)
        {
            string temp = CreateTempBeside(path);
            try
            {
                using (var stream = new FileStream(temp, System.IO.FileMode.Truncate, FileAccess.Write, FileShare.None))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(true);
                }
                Replace(temp, path);
            }
            finally
            {
                TryDelete(temp);
            }
        }

        public static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        /// <summary>
        /// The file a symbolic link finally points to, or <paramref name="path"/> itself. Replacing by rename
        /// would otherwise turn a linked ~/.aws/credentials (dotfile managers do this) into a plain file.
        /// FileSystemInfo.ResolveLinkTarget exists from .NET 6; older runtimes write the path as given.
        /// </summary>
        public static string ResolveFinalPath(string path)
        {
            var info = new FileInfo(path);
            if (!info.Exists || (info.Attributes & FileAttributes.ReparsePoint) == 0 || ResolveLinkTarget == null) return path;
            var target = ResolveLinkTarget.Invoke(info, new object[] { true }) as FileSystemInfo;
            return target?.FullName ?? path;
        }

        private static readonly MethodInfo ResolveLinkTarget =
            typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", BindingFlags.Public | BindingFlags.Instance, null, new[] { typeof(bool) }, null);

        /// <summary>Sets Unix permission bits; Windows has no such bits (profiles are per-user by ACL).</summary>
        public static void SetMode(string path, int mode)
        {
            if (IsWindows) return;

            // .NET 7+ (PowerShell 7.3+) has File.SetUnixFileMode; this assembly targets netstandard2.0,
            // so it is found by reflection. Older runtimes (Mono, .NET Core 3.1/6) fall back to libc.
            if (SetUnixFileMode != null)
            {
                SetUnixFileMode.Invoke(null, new[] { path, Enum.ToObject(UnixFileModeType, mode) });
                return;
            }
            if (chmod(path, (uint)mode) != 0)
            {
                throw new IOException($"Could not restrict permissions of '{path}' (chmod failed, errno {Marshal.GetLastWin32Error()}).");
            }
        }

        private static readonly Type UnixFileModeType = Type.GetType("System.IO.UnixFileMode");

        private static readonly MethodInfo SetUnixFileMode = UnixFileModeType == null
            ? null
            : typeof(File).GetMethod("SetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), UnixFileModeType }, null);

        private static readonly MethodInfo CreateDirectoryWithMode = UnixFileModeType == null
            ? null
            : typeof(Directory).GetMethod("CreateDirectory", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), UnixFileModeType }, null);

        // FileStreamOptions.UnixCreateMode (.NET 7+): the mode open(2) creates the file with.
        private static readonly Type FileStreamOptionsType =
            UnixFileModeType != null && Type.GetType("System.IO.FileStreamOptions")?.GetProperty("UnixCreateMode") != null
                ? Type.GetType("System.IO.FileStreamOptions")
                : null;

        private static readonly ConstructorInfo FileStreamWithOptions =
            FileStreamOptionsType == null ? null : typeof(FileStream).GetConstructor(new[] { typeof(string), FileStreamOptionsType });

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, uint mode);
    }
}
