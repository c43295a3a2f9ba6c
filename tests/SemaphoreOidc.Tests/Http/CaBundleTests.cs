using System;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Http;
using Xunit;

namespace SemaphoreOidc.Tests.Http
{
    public class CaBundleTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("cabundle-").FullName;

        public void Dispose() => Directory.Delete(_dir, true);

        private static X509Certificate2 CreateCa(string name, X509Certificate2 issuer = null)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            if (issuer == null) return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            using var cert = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), Guid.NewGuid().ToByteArray());
            return cert.CopyWithPrivateKey(key);
        }

        private static X509Certificate2 CreateLeaf(X509Certificate2 issuer, string host)
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(host);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            return request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(20), Guid.NewGuid().ToByteArray());
        }

        private string WritePem(params X509Certificate2[] certs)
        {
            string path = Path.Combine(_dir, Guid.NewGuid() + ".pem");
            File.WriteAllText(path, "# comment lines are ignored\n" + string.Concat(Array.ConvertAll(certs, c => c.ExportCertificatePem() + "\n")));
            return path;
        }

        [Fact]
        public void Trusts_a_chain_that_ends_at_a_bundle_root()
        {
            var root = CreateCa("Root");
            var intermediate = CreateCa("Intermediate", root);
            var leaf = CreateLeaf(intermediate, "my-org.semaphoreci.com");
            var bundle = CaBundle.Load(WritePem(root));

            using var presented = new X509Chain();
            presented.ChainPolicy.ExtraStore.Add(intermediate);
            presented.Build(leaf);
            Assert.False(CaBundle.Load(WritePem(CreateCa("Unrelated"))).Validate(leaf, presented, SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.True(bundle.Validate(leaf, presented, SslPolicyErrors.RemoteCertificateChainErrors));
        }

        [Fact]
        public void Refuses_another_root_and_name_mismatches()
        {
            var root = CreateCa("Root");
            var other = CreateCa("Other");
            var leaf = CreateLeaf(root, "my-org.semaphoreci.com");
            Assert.False(CaBundle.Load(WritePem(other)).Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.False(CaBundle.Load(WritePem(root)).Validate(leaf, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.True(CaBundle.Load(WritePem(other, root)).Validate(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
        }

        [Fact]
        public void Unreadable_or_empty_bundles_are_clear_errors()
        {
            Assert.Equal("CaBundleUnreadable", Assert.Throws<SemaphoreOidcException>(() => CaBundle.Load(Path.Combine(_dir, "missing.pem"))).ErrorId);
            string empty = Path.Combine(_dir, "empty.pem");
            File.WriteAllText(empty, "nothing here");
            Assert.Equal("CaBundleInvalid", Assert.Throws<SemaphoreOidcException>(() => CaBundle.Load(empty)).ErrorId);
        }
    }
}
