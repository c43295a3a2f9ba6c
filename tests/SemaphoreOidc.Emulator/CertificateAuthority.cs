using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// A throw-away CA chain (root -> intermediate -> leaf per host), so the emulator serves real HTTPS for real
/// host names and the served chain ends in an intermediate, as a public issuer's does: IAM's thumbprint is the
/// SHA-1 of that last served certificate, so tests can compute it exactly as against Semaphore.
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SslStreamCertificateContext>> _contexts =
        new(StringComparer.OrdinalIgnoreCase);

    public X509Certificate2 Root { get; }
    public X509Certificate2 Intermediate { get; }

    public CertificateAuthority()
    {
        var now = DateTimeOffset.UtcNow;
        // ECDSA P-256: fast to generate (a CA per emulator start and a leaf per host) and every TLS client takes it.
        using (var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var req = new CertificateRequest("CN=SemaphoreOidc Test Root CA, O=SemaphoreOidc Tests", rootKey, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            Root = req.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        }

        var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ireq = new CertificateRequest("CN=SemaphoreOidc Test Intermediate CA, O=SemaphoreOidc Tests", intermediateKey, HashAlgorithmName.SHA256);
        // pathlen 0: it may sign leaves only, like a real issuing CA.
        ireq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        ireq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        ireq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(ireq.PublicKey, false));
        ireq.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using (var signed = ireq.Create(Root, now.AddDays(-1), now.AddYears(4), NewSerial()))
        {
            Intermediate = signed.CopyWithPrivateKey(intermediateKey);
        }
    }

    /// <summary>The TLS context for an SNI name (null/empty = a client that connected by IP address).</summary>
    public SslStreamCertificateContext ContextFor(string? serverName)
    {
        var key = string.IsNullOrEmpty(serverName) ? "" : serverName.TrimEnd('.');
        return _contexts.GetOrAdd(key, k => new Lazy<SslStreamCertificateContext>(() => CreateContext(k))).Value;
    }

    private SslStreamCertificateContext CreateContext(string host)
    {
        var leaf = CreateLeaf(host);
        // offline: never try to fetch anything; the served chain is leaf + intermediate (the root is left out, as usual).
        return SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection { Intermediate }, offline: true);
    }

    private X509Certificate2 CreateLeaf(string host)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var cn = host.Length == 0 ? "localhost" : host;
        var req = new CertificateRequest($"CN={cn}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (host.Length == 0)
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
        }
        else if (IPAddress.TryParse(host, out var ip))
        {
            san.AddIpAddress(ip);
        }
        else
        {
            san.AddDnsName(host);
        }
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        using var cert = req.Create(Intermediate, now.AddHours(-1), now.AddDays(30), NewSerial());
        return cert.CopyWithPrivateKey(key);
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // no leading zero byte
        return serial;
    }

    public static string ToPem(X509Certificate2 cert) => cert.ExportCertificatePem() + "\n";

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
    }
}
