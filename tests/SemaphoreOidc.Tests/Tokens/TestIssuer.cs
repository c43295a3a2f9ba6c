using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;

namespace SemaphoreOidc.Tests.Tokens
{
    /// <summary>
    /// A Semaphore-like issuer for tests that run offline: its discovery document and JWKS served through an
    /// HttpMessageHandler, so the verifier does real HTTP-shaped work, and tokens minted by the emulator's
    /// <see cref="TokenMinter"/> at a fixed time (<see cref="Now"/>). Each instance has a unique issuer URL so the
    /// verifier's static cache never mixes tests.
    /// </summary>
    internal sealed class TestIssuer : HttpMessageHandler
    {
        private readonly List<JwtSigningKey> _published = new List<JwtSigningKey>();

        /// <param name="issuer">https://&lt;host&gt; with no path; default a unique host.</param>
        public TestIssuer(string issuer = null)
        {
            Issuer = issuer ?? $"https://org-{Guid.NewGuid():N}.semaphoreci.test";
            if (new Uri(Issuer).GetLeftPart(UriPartial.Authority) != Issuer) throw new ArgumentException("An issuer URL here is https://<host>, no path.", nameof(issuer));
            JwksUri = Issuer + "/.well-known/jwks.json";
            Key = JwtSigningKey.CreateRsa("key-1");
            _published.Add(Key);
            DiscoveryIssuer = Issuer;
        }

        public string Issuer { get; }
        public string JwksUri { get; set; }
        public string DiscoveryIssuer { get; set; }
        public JwtSigningKey Key { get; }

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

        public void Publish(JwtSigningKey key) { lock (_published) _published.Add(key); }
        public void Unpublish(JwtSigningKey key) { lock (_published) _published.Remove(key); }

        public static DateTime Now { get; } = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

        /// <summary>Claims as Semaphore issues them for a push to main of acme/web-app, issued at <see cref="Now"/> for 24 hours.</summary>
        public Dictionary<string, object> Claims(DateTime? now = null) => TokenMinter.BuildClaims(new TokenRequest
        {
            IssuerHost = new Uri(Issuer).Host,
            Organization = "acme",
            OrganizationId = "9a8b7c6d-0000-4000-8000-000000000001",
            ProjectId = "3f2a3c4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b",
            ProjectName = "web-app",
            Repository = "web-app",
            JobId = "job-1",
            WorkflowId = "wf-1",
            PipelineId = "ppl-1",
            IssuedAt = new DateTimeOffset(now ?? Now),
        });

        /// <summary>A token of <paramref name="claims"/> (default <see cref="Claims"/>) signed by <paramref name="key"/> (default <see cref="Key"/>)
        /// for <paramref name="alg"/> (default the key's), naming <paramref name="kid"/> (default the key's; null: no kid).</summary>
        public string Token(Dictionary<string, object> claims = null, JwtSigningKey key = null, string alg = null, string kid = "")
        {
            key = key ?? Key;
            return TokenMinter.Sign(claims ?? Claims(), key, alg ?? key.Algorithm, kid == "" ? key.KeyId : kid);
        }

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
                return Json(JwksJson());
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("not found") };
        }

        /// <summary>The JWKS this issuer publishes, as JSON text.</summary>
        public string JwksJson()
        {
            List<Dictionary<string, string>> keys;
            lock (_published) keys = _published.ConvertAll(k => k.PublicJwk());
            return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = keys });
        }

        private static HttpResponseMessage Json(string body) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
