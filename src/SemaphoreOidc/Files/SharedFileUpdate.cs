using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace SemaphoreOidc.Files
{
    /// <summary>One file of a <see cref="SharedFileUpdate"/>: where it is, and how its text changes.</summary>
    public sealed class FileEdit
    {
        /// <param name="path">The file (a symbolic link is followed, and stays a link).</param>
        /// <param name="description">What the file is, for messages: "The shared credentials file".</param>
        /// <param name="edit">Current text (null when the file does not exist) to new text; null leaves the file alone.</param>
        public FileEdit(string path, string description, Func<string, string> edit)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Description = description ?? "The file";
            Edit = edit ?? throw new ArgumentNullException(nameof(edit));
        }

        public string Path { get; }
        public string Description { get; }
        public Func<string, string> Edit { get; }
    }

    /// <summary>
    /// Read-modify-write of files other processes write too (the AWS shared credentials and config files): each file's
    /// lock is taken, the file is read again under it, every edit is computed before anything is written (an edit
    /// that throws leaves every file as it was), and each new text goes to an owner-only temporary file that replaces
    /// the old one by rename, so readers see the old file or the new one, never a mix (docs/credentials.md, "Locking").
    /// </summary>
    public static class SharedFileUpdate
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

        /// <summary>Applies <paramref name="edits"/>; throws <see cref="InvalidDataException"/> for a file that is not UTF-8 text.</summary>
        public static void Apply(IReadOnlyList<FileEdit> edits, TimeSpan lockTimeout, CancellationToken cancellation)
        {
            // Locks are taken in one global order (by path), so two updates of the same pair never wait on each other.
            var targets = edits.Select(e => (Edit: e, Target: Target(e.Path))).OrderBy(t => t.Target, StringComparer.Ordinal).ToList();
            var locks = new List<FileLock>();
            var temps = new List<string>();
            try
            {
                // Every path is checked before anything (a folder, a lock file) is created.
                foreach (var t in targets) LocalPath.EnsureRegularFileOrMissing(t.Target, t.Edit.Description);
                foreach (var t in targets)
                {
                    OwnerOnlyFile.EnsureDirectory(Path.GetDirectoryName(t.Target));
                    locks.Add(FileLock.Acquire(FileLock.PathFor(t.Target), lockTimeout, cancellation));
                }

                var writes = new List<(string Target, byte[] Content)>();
                foreach (var t in targets)
                {
                    bool bom = false;
                    string current = null;
                    if (File.Exists(t.Target))
                    {
                        byte[] bytes = File.ReadAllBytes(t.Target);
                        bom = bytes.Length >= 3 && bytes[0] == Bom[0] && bytes[1] == Bom[1] && bytes[2] == Bom[2];
                        try
                        {
                            current = StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
                        }
                        catch (DecoderFallbackException)
                        {
                            throw new InvalidDataException($"{t.Target} is not UTF-8 text.");
                        }
                    }

                    string updated = t.Edit.Edit(current);
                    if (updated == null || updated == current) continue;
                    byte[] body = StrictUtf8.GetBytes(updated);
                    writes.Add((t.Target, bom ? Bom.Concat(body).ToArray() : body));
                }

                cancellation.ThrowIfCancellationRequested();
                foreach (var (target, content) in writes)
                {
                    string temp = OwnerOnlyFile.CreateTempBeside(target);
                    temps.Add(temp);
                    using (var stream = new FileStream(temp, FileMode.Truncate, FileAccess.Write, FileShare.None))
                    {
                        stream.Write(content, 0, content.Length);
                        stream.Flush(true);
                    }
                }

                for (int i = 0; i < writes.Count; i++) OwnerOnlyFile.Replace(temps[i], writes[i].Target);
            }
            finally
            {
                foreach (string temp in temps) OwnerOnlyFile.TryDelete(temp);
                foreach (var l in locks) l.Dispose();
            }
        }

        /// <summary>The file a symbolic link finally points to: the lock and the replacement go beside the real file.</summary>
        private static string Target(string path) => OwnerOnlyFile.ResolveFinalPath(Path.GetFullPath(path));
    }
}
