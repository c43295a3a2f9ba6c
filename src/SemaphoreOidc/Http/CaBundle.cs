using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Http
{
    /// <summary>
    /// Extra trust anchors from a PEM bundle, as the AWS CLI and SDKs read <c>AWS_CA_BUNDLE</c>: a corporate
    /// TLS-inspecting proxy, a self-hosted Semaphore with a private CA, or the local emulator.
    /// </summary>
    public sealed class CaBundle
    {
        private readonly X509Certificate2[] _roots;
        private readonly HashSet<string> _rootThumbprints;

        private CaBundle(string path, X509Certificate2[] roots)
        {
            Path = path;
            _roots = roots;
            _rootThumbprints = new HashSet<string>(roots.Select(r => r.Thumbprint), StringComparer.OrdinalIgnoreCase);
        }

        public string Path { get; }

        public IReadOnlyList<X509Certificate2> Certificates => _roots;

        public static CaBundle Load(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new SemaphoreOidcException(HttpErrorIds.CaBundleUnreadable, ErrorKind.ReadError,
                    $"Cannot read the CA bundle '{path}' (from AWS_CA_BUNDLE): {ex.Message}", path, ex);
            }

            var certs = ParsePem(text).ToArray();
            if (certs.Length == 0)
            {
                throw new SemaphoreOidcException(HttpErrorIds.CaBundleInvalid, ErrorKind.InvalidData,
                    $"The CA bundle '{path}' (from AWS_CA_BUNDLE) holds no PEM certificate ('-----BEGIN CERTIFICATE-----' blocks).", path);
            }

            return new CaBundle(path, certs);
        }

        private static IEnumerable<X509Certificate2> ParsePem(string text)
        {
            const string begin = "-----BEGIN CERTIFICATE-----";
            const string end = "-----END CERTIFICATE-----";
            int at = 0;
            while ((at = text.IndexOf(begin, at, StringComparison.Ordinal)) >= 0)
            {
                int stop = text.IndexOf(end, at, StringComparison.Ordinal);
                if (stop < 0) yield break;
                string body = text.Substring(at + begin.Length, stop - at - begin.Length);
                at = stop + end.Length;
                byte[] der;
                try
                {
                    der = Convert.FromBase64String(new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray()));
                }
                catch (FormatException)
                {
                    continue;
                }

                yield return new X509Certificate2(der);
            }
        }

        /// <summary>
        /// Accepts a server certificate that the system already trusts, or whose chain ends at one of the
        /// bundle's certificates. A host-name mismatch is never accepted.
        /// </summary>
        public bool Validate(X509Certificate2 certificate, X509Chain presentedChain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None) return true;
            if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
            if (certificate == null) return false;

            using (var chain = new X509Chain())
            {
                // netstandard2.0 has no CustomTrustStore: build with the bundle as extra certificates, allow an
                // unknown root, then insist that the root reached is one of ours and nothing else is wrong.
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                chain.ChainPolicy.ExtraStore.AddRange(_roots);
                if (presentedChain != null)
                {
                    // The intermediates the server sent arrive either as built elements or in the extra store.
                    foreach (var element in presentedChain.ChainElements)
                    {
                        if (!element.Certificate.Equals(certificate)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }

                    chain.ChainPolicy.ExtraStore.AddRange(presentedChain.ChainPolicy.ExtraStore);
                }

                chain.Build(certificate);
                var elements = chain.ChainElements;
                if (elements.Count == 0) return false;
                var top = elements[elements.Count - 1].Certificate;
                if (!_rootThumbprints.Contains(top.Thumbprint)) return false;

                foreach (X509ChainElement element in elements)
                {
                    foreach (var status in element.ChainElementStatus)
                    {
                        if (status.Status != X509ChainStatusFlags.UntrustedRoot &&
                            status.Status != X509ChainStatusFlags.NoError &&
                            status.Status != X509ChainStatusFlags.RevocationStatusUnknown &&
                            status.Status != X509ChainStatusFlags.OfflineRevocation)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
        }
    }
}
