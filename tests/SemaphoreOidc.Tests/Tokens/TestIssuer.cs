using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Tests.Tokens
{
    /// <summary>
    /// A Semaphore-like issuer for tests: real RSA/EC keys, real signed JWTs, and its discovery document and
    /// JWKS served through an HttpMessageHandler so the verifier does real HTTP-shaped work offline.
    /// Each instance has a unique issuer URL so the verifier's static cache never mixes tests.
    /// </summary>
    internal sealed class TestIssuer : HttpMessageHandler
    {
        private readonly List<SigningKey> _published = new List<SigningKey>();

        public TestIssuer(string issuer = null)
        {
            Issuer = issuer ?? $"https://org-{Guid.NewGuid():N}.semaphoreci.test";
            JwksUri = Issuer + "/.well-known/jwks.json";
            Key = SigningKey.Rsa("key-1");
            _published.Add(Key);
            DiscoveryIssuer = Issuer;
        }

        public string Issuer { get; }
        public string JwksUri { get; set; }
        public string DiscoveryIssuer { get; set; }
        public SigningKey Key { get; }

        /// <summary>Requests seen, by URL.</summary>
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        /// <summary>Per-URL overrides: status code and body.</summary>
        public Dictionary<string, (HttpStatusCode Status, string Body)> Overrides { get; } = new Dictionary<string, (HttpStatusCode, string)>();

        /// <summary>Per-URL answers built by the test (redirects, content types, streamed bodies).</summary>
        public Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> Responses { get; } =
            new Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>>();

        public TimeSpan Delay { get; set; }

        public HttpClient Client(TimeSpan? timeout = null) =>
            new HttpClient(this, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };

        public void Publish(SigningKey key) { lock (_published) _published.Add(key); }
        public void Unpublish(SigningKey key) { lock (_published) _published.Remove(key); }

        public static DateTime Now { get; } = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

        /// <summary>Claims as Semaphore issues them for a branch build.</summary>
        public Dictionary<string, object> Claims(DateTime? now = null)
        {
            long t = new DateTimeOffset(now ?? Now).ToUnixTimeSeconds();
            return new Dictionary<string, object>
            {
                ["iss"] = Issuer,
                ["aud"] = Issuer,
                ["sub"] = "org:acme:project:3f2a3c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b:repo:web-app:ref_type:branch:ref:refs/heads/main",
                ["iat"] = t,
                ["nbf"] = t,
                ["exp"] = t + 24 * 3600,
                ["jti"] = Guid.NewGuid().ToString(),
                ["org"] = "acme",
                ["org_id"] = "9a8b7c6d-0000-4000-8000-000000000001",
                ["prj"] = "web-app",
                ["prj_id"] = "3f2a3c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b",
                ["repo"] = "web-app",
                ["repo_slug"] = "acme/web-app",
                ["ref_type"] = "branch",
                ["ref"] = "refs/heads/main",
                ["branch"] = "main",
                ["pr"] = "",
                ["pr_branch"] = "",
                ["tag"] = "",
                ["wf_id"] = "wf-1",
                ["ppl_id"] = "ppl-1",
                ["job_id"] = "job-1",
                ["job_type"] = "pipeline_job",
                ["trg"] = "push",
            };
        }

        public string Token(Dictionary<string, object> claims = null, SigningKey key = null, string alg = null, string kid = "")
        {
            key = key ?? Key;
            return Sign(claims ?? Claims(), key, alg ?? key.Algorithm, kid == "" ? key.Kid : kid);
        }

        public static string Sign(Dictionary<string, object> claims, SigningKey key, string alg, string kid)
        {
            var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT" };
            if (kid != null) header["kid"] = kid;
            string signingInput = B64(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + B64(JsonSerializer.SerializeToUtf8Bytes(claims));
            byte[] signature = alg == "none" ? new byte[0] : key.SignData(Encoding.ASCII.GetBytes(signingInput), alg);
            return signingInput + "." + B64(signature);
        }

        public static string B64(byte[] bytes) => Base64UrlEncoder.Encode(bytes);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string url = request.RequestUri.ToString();
            Requests.Enqueue(url);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);

            if (Responses.TryGetValue(url, out var respond))
            {
                HttpResponseMessage answer = respond(request);
                answer.RequestMessage = answer.RequestMessage ?? request;
                return answer;
            }
            if (Overrides.TryGetValue(url, out var o))
            {
                return new HttpResponseMessage(o.Status) { Content = new StringContent(o.Body ?? "") };
            }
            if (url == Issuer + "/.well-known/openid-configuration")
            {
                string doc = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = DiscoveryIssuer,
                    ["jwks_uri"] = JwksUri,
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["response_types_supported"] = new[] { "id_token" },
                    ["subject_types_supported"] = new[] { "public" },
                });
                return Json(doc);
            }
            if (url == JwksUri)
            {
                List<object> keys;
                lock (_published) keys = _published.ConvertAll(k => k.Jwk());
                return Json(JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = keys }));
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("not found") };
        }

        /// <summary>The JWKS this issuer publishes, as JSON text.</summary>
        public string JwksJson()
        {
            List<object> keys;
            lock (_published) keys = _published.ConvertAll(k => k.Jwk());
            return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = keys });
        }

        private static HttpResponseMessage Json(string body) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    /// <summary>An asymmetric key with a kid, able to sign JWS input and to describe itself as a JWK.</summary>
    internal sealed class SigningKey
    {
        private readonly RSA _rsa;
        private readonly ECDsa _ec;

        private SigningKey(string kid, RSA rsa, ECDsa ec, string alg)
        {
            Kid = kid; _rsa = rsa; _ec = ec; Algorithm = alg;
        }

        public string Kid { get; }
        public string Algorithm { get; }

        public static SigningKey Rsa(string kid) => new SigningKey(kid, RSA.Create(2048), null, "RS256");
        public static SigningKey EcP256(string kid) => new SigningKey(kid, null, ECDsa.Create(ECCurve.NamedCurves.nistP256), "ES256");

        public byte[] SignData(byte[] data, string alg)
        {
            if (alg.StartsWith("HS", StringComparison.Ordinal))
            {
                // Algorithm confusion: an attacker "signs" with the public key bytes as an HMAC secret.
                using var hmac = new HMACSHA256(Encoding.ASCII.GetBytes(JsonSerializer.Serialize(Jwk())));
                return hmac.ComputeHash(data);
            }
            if (_ec != null) return _ec.SignData(data, HashAlgorithmName.SHA256);
            HashAlgorithmName hash = alg.EndsWith("384") ? HashAlgorithmName.SHA384 : alg.EndsWith("512") ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
            RSASignaturePadding padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            return _rsa.SignData(data, hash, padding);
        }

        public object Jwk()
        {
            if (_ec != null)
            {
                ECParameters p = _ec.ExportParameters(false);
                return new Dictionary<string, string>
                {
                    ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = Kid, ["use"] = "sig",
                    ["x"] = TestIssuer.B64(p.Q.X), ["y"] = TestIssuer.B64(p.Q.Y),
                };
            }
            RSAParameters r = _rsa.ExportParameters(false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA", ["kid"] = Kid, ["use"] = "sig",
                ["n"] = TestIssuer.B64(r.Modulus), ["e"] = TestIssuer.B64(r.Exponent),
            };
        }
    }
}
