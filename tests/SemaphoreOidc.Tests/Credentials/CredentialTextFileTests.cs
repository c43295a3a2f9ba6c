using System;
using System.IO;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tests.Files;
using Xunit;

namespace SemaphoreOidc.Tests.Credentials
{
    public sealed class CredentialTextFileTests : IDisposable
    {
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "semaphore-oidc-text-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void Writes_owner_only_and_replaces_a_loose_file()
        {
            string path = Path.Combine(_dir, ".env");
            File.WriteAllText(path, "OLD=1\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0x1A4); // 0644, as Set-Content leaves it
            CredentialTextFile.Write(path, "A=1\n");
            Assert.Equal("A=1\n", File.ReadAllText(path));
            SharedCredentialsProfileWriterTests.AssertOwnerOnly(path);
            Assert.Single(Directory.GetFiles(_dir));
        }

        [Fact]
        public void Refuses_a_fifo_and_a_missing_folder_without_creating_anything()
        {
            if (OperatingSystem.IsWindows()) return;
            string fifo = LocalPathTests.MakeFifo(Path.Combine(_dir, "pipe"));
            Assert.Equal("PathNotRegularFile", Assert.Throws<SemaphoreOidcException>(() => CredentialTextFile.Write(fifo, "A=1\n")).ErrorId);
            var ex = Assert.Throws<SemaphoreOidcException>(() => CredentialTextFile.Write(Path.Combine(_dir, "no", ".env"), "A=1\n"));
            Assert.Equal("OutputFileWriteFailed", ex.ErrorId);
            Assert.Single(Directory.GetFileSystemEntries(_dir));
        }
    }
}
