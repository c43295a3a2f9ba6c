using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Tokens
{
    public class TokenVerifierTests
    {
        private readonly TestIssuer _issuer = new TestIssuer();

        private TokenVerificationOptions Options(DateTime? now = null) =>
            new TokenVerificationOptions { Issuer = IssuerPin.ForIssuerUrl(_issuer.Issuer), UtcNow = () => now ?? TestIssuer.Now.AddMinutes(5) };

        private Task<SemaphoreToken> Verify(string token, TokenVerificationOptions options = null, HttpClient http = null) =>
            TokenVerifier.VerifyAsync(token, http ?? _issuer.Client(), options ?? Options(), CancellationToken.None);

        private async Task<SemaphoreOidcException> Fails(string token, TokenVerificationOptions options = null, HttpClient http = null)
        {
            var ex = await Assert.ThrowsAsync<SemaphoreOidcException>(() => Verify(token, options, http));
            // Whatever failed, the secret never leaks into what the user sees.
            foreach (string part in token.Split('.').Where(p => p.Length > 8))
            {
                Assert.DoesNotContain(part, ex.Message);
                Assert.DoesNotContain(part, ex.Target?.ToString() ?? "");
            }
            return ex;
        }

        [Fact]
        public async Task Accepts_a_genuine_RS256_token()
        {
            string raw = _issuer.Token();
            SemaphoreToken t = await Verify(raw);
            Assert.Equal(_issuer.Issuer, t.Issuer);
            Assert.Equal(raw, t.RawToken);
            Assert.Equal(new[] { _issuer.Issuer + "/.well-known/openid-configuration", _issuer.JwksUri }, _issuer.Requests.ToArray());
        }

        [Theory]
        [InlineData("ES256")]
        [InlineData("PS256")]
        public async Task Accepts_ES256_and_PS256_by_checking_their_signatures(string alg)
        {
            JwtSigningKey Key(string kid) => alg == "ES256" ? JwtSigningKey.CreateEcP256(kid) : JwtSigningKey.CreateRsa(kid, alg);
            var key = Key("key-" + alg);
            _issuer.Publish(key);
            string raw = _issuer.Token(key: key);

            SemaphoreToken t = await Verify(raw);
            Assert.Equal(alg, t.Algorithm);
            Assert.Equal(key.KeyId, t.KeyId);
            Assert.Equal(_issuer.Issuer, t.Issuer);
            Assert.Equal("acme", t.Organization);
            Assert.Equal(raw, t.RawToken);

            // Accepted because the signature checked out: another key under the same kid, or another payload, is refused.
            Assert.Equal("TokenSignatureInvalid", (await Fails(_issuer.Token(key: Key(key.KeyId)))).ErrorId);
            var claims = _issuer.Claims();
            claims["sub"] = "org:acme:project:x:repo:web-app:ref_type:branch:ref:refs/heads/prod";
            string[] p = raw.Split('.');
            string otherPayload = TokenMinter.Sign(claims, key, alg, key.KeyId).Split('.')[1];
            Assert.Equal("TokenSignatureInvalid", (await Fails(p[0] + "." + otherPayload + "." + p[2])).ErrorId);
        }

        [Fact]
        public async Task Token_without_kid_is_checked_against_every_published_key()
        {
            _issuer.Publish(JwtSigningKey.CreateRsa("unrelated"));
            await Verify(_issuer.Token(kid: null));
            Assert.Equal("TokenSignatureInvalid", (await Fails(_issuer.Token(key: JwtSigningKey.CreateRsa("x"), kid: null))).ErrorId);
        }

        [Fact]
        public async Task Concurrent_verifications_share_the_cache()
        {
            var http = _issuer.Client();
            var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(() => Verify(_issuer.Token(), http: http))).ToArray();
            await Task.WhenAll(tasks);
            // Racing first misses may each fetch once; after that everything is served from the cache.
            await Verify(_issuer.Token(), http: http);
            int before = _issuer.Requests.Count;
            await Verify(_issuer.Token(), http: http);
            Assert.Equal(before, _issuer.Requests.Count);
        }

        [Fact]
        public async Task Caches_discovery_and_keys_for_fifteen_minutes()
        {
            await Verify(_issuer.Token());
            await Verify(_issuer.Token(), Options(TestIssuer.Now.AddMinutes(19)));
            Assert.Equal(2, _issuer.Requests.Count);
            await Verify(_issuer.Token(), Options(TestIssuer.Now.AddMinutes(21)));
            Assert.Equal(4, _issuer.Requests.Count);
        }

        [Fact]
        public async Task Refetches_keys_once_when_kid_is_unknown()
        {
            await Verify(_issuer.Token());
            var rotated = JwtSigningKey.CreateRsa("key-2");
            _issuer.Publish(rotated);
            await Verify(_issuer.Token(key: rotated));
            Assert.Equal(4, _issuer.Requests.Count);
        }

        [Fact]
        public async Task Unknown_kid_after_refetch_is_key_not_found()
        {
            var stranger = JwtSigningKey.CreateRsa("not-published");
            var ex = await Fails(_issuer.Token(key: stranger));
            Assert.Equal("TokenKeyNotFound", ex.ErrorId);
            Assert.Contains("not-published", ex.Message);
            Assert.Contains(_issuer.JwksUri, ex.Message);
            Assert.Equal(4, _issuer.Requests.Count);
        }

        [Fact]
        public async Task Signature_by_another_key_under_the_same_kid_is_rejected()
        {
            var impostor = JwtSigningKey.CreateRsa("key-1");
            var ex = await Fails(_issuer.Token(key: impostor));
            Assert.Equal("TokenSignatureInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.SecurityError, ex.Kind);
        }

        [Fact]
        public async Task Tampered_payload_is_rejected()
        {
            string[] p = _issuer.Token().Split('.');
            var claims = _issuer.Claims();
            claims["sub"] = "org:acme:project:x:repo:web-app:ref_type:branch:ref:refs/heads/prod";
            string forgedPayload = TokenMinter.Sign(claims, _issuer.Key, "RS256", "key-1").Split('.')[1];
            var ex = await Fails(p[0] + "." + forgedPayload + "." + p[2]);
            Assert.Equal("TokenSignatureInvalid", ex.ErrorId);
        }

        [Theory]
        [InlineData("none")]
        [InlineData("HS256")]
        [InlineData("RS1")]
        public async Task Unsafe_algorithms_are_refused_before_any_network_call(string alg)
        {
            var ex = await Fails(_issuer.Token(alg: alg));
            Assert.Equal("TokenAlgorithmNotAllowed", ex.ErrorId);
            Assert.Contains(alg, ex.Message);
            Assert.Empty(_issuer.Requests);
        }

        [Theory]
        [InlineData("http://acme.semaphoreci.com")]
        [InlineData("acme.semaphoreci.com")]
        [InlineData("https://acme.semaphoreci.com?x=1")]
        public async Task Issuer_must_be_HTTPS(string iss)
        {
            var claims = _issuer.Claims();
            claims["iss"] = iss;
            var ex = await Fails(_issuer.Token(claims));
            Assert.Equal("TokenIssuerNotHttps", ex.ErrorId);
            Assert.Empty(_issuer.Requests);
        }

        [Fact]
        public async Task Missing_issuer_is_not_HTTPS()
        {
            var claims = _issuer.Claims();
            claims.Remove("iss");
            Assert.Equal("TokenIssuerNotHttps", (await Fails(_issuer.Token(claims))).ErrorId);
        }

        [Fact]
        public async Task Expected_issuer_is_checked_before_fetching()
        {
            var options = Options();
            options.Issuer = IssuerPin.ForIssuerUrl("https://other.semaphoreci.com");
            var ex = await Fails(_issuer.Token(), options);
            Assert.Equal("TokenIssuerMismatch", ex.ErrorId);
            Assert.Contains("https://other.semaphoreci.com", ex.Message);
            Assert.Empty(_issuer.Requests);
        }

        [Fact]
        public async Task Without_a_pin_nothing_is_verified_or_fetched()
        {
            var options = Options();
            options.Issuer = null;
            var ex = await Fails(_issuer.Token(), options);
            Assert.Equal("TokenIssuerNotPinned", ex.ErrorId);
            Assert.Contains("Name the organisation", ex.Message);
            Assert.Contains("or the issuer URL", ex.Message);
            Assert.Contains("SEMAPHORE_ORGANIZATION_URL", ex.Message);
            Assert.Empty(_issuer.Requests);
        }

        /// <summary>An attacker's own issuer: its own keys (RSA and EC), its own discovery document and JWKS.</summary>
        private static TestIssuer Attacker(out JwtSigningKey ec)
        {
            var attacker = new TestIssuer($"https://oidc-{Guid.NewGuid():N}.attacker.example");
            ec = JwtSigningKey.CreateEcP256("attacker-ec");
            attacker.Publish(ec);
            return attacker;
        }

        /// <summary>The victim's claims (sub, org, project...) under the attacker's iss and aud.</summary>
        private Dictionary<string, object> VictimClaimsFrom(TestIssuer attacker, string audience = null)
        {
            var claims = _issuer.Claims();
            claims["iss"] = attacker.Issuer;
            claims["aud"] = audience ?? attacker.Issuer;
            return claims;
        }

        [Theory]
        [InlineData("RS256", true)]
        [InlineData("RS256", false)]
        [InlineData("ES256", true)]
        [InlineData("ES256", false)]
        public async Task A_token_from_an_attackers_own_issuer_is_refused_before_anything_is_fetched(string alg, bool withKid)
        {
            var attacker = Attacker(out JwtSigningKey ec);
            JwtSigningKey key = alg == "ES256" ? ec : attacker.Key;
            string forged = attacker.Token(VictimClaimsFrom(attacker), key, kid: withKid ? key.KeyId : null);
            // The forgery is genuine as far as the attacker's issuer goes: pinned to it, it verifies.
            var attackerPin = Options();
            attackerPin.Issuer = IssuerPin.ForIssuerUrl(attacker.Issuer);
            await TokenVerifier.VerifyAsync(forged, attacker.Client(), attackerPin, CancellationToken.None);
            int attackerRequests = attacker.Requests.Count;

            var ex = await Fails(forged, http: attacker.Client());
            Assert.Equal("TokenIssuerMismatch", ex.ErrorId);
            Assert.Equal(ErrorKind.SecurityError, ex.Kind);
            Assert.Contains(attacker.Issuer, ex.Message);
            Assert.Contains(_issuer.Issuer, ex.Message);
            Assert.Contains("pin the issuer the token should come from", ex.Message);
            Assert.Equal(attackerRequests, attacker.Requests.Count);
            Assert.Empty(_issuer.Requests);
        }

        [Fact]
        public async Task An_explicit_audience_naming_the_victim_does_not_unpin_the_issuer()
        {
            var attacker = Attacker(out _);
            string forged = attacker.Token(VictimClaimsFrom(attacker, audience: _issuer.Issuer));
            var options = Options();
            options.ExpectedAudience = _issuer.Issuer;
            Assert.Equal("TokenIssuerMismatch", (await Fails(forged, options, attacker.Client())).ErrorId);
            Assert.Empty(attacker.Requests);
        }

        [Theory]
        [InlineData("RS256", true, "TokenKeyNotFound")]
        [InlineData("RS256", false, "TokenSignatureInvalid")]
        [InlineData("ES256", true, "TokenKeyNotFound")]
        [InlineData("ES256", false, "TokenSignatureInvalid")]
        public async Task A_token_naming_the_victim_but_signed_by_the_attacker_fails_against_the_victims_keys(string alg, bool withKid, string id)
        {
            var attacker = Attacker(out JwtSigningKey ec);
            JwtSigningKey key = alg == "ES256" ? ec : attacker.Key;
            // Same kid as the victim's key is the sharper test for the with-kid case.
            string forged = attacker.Token(_issuer.Claims(), key, kid: withKid ? "attacker-only-kid" : null);
            Assert.Equal(id, (await Fails(forged)).ErrorId);
            Assert.Empty(attacker.Requests);
            Assert.StartsWith(_issuer.Issuer, _issuer.Requests.First());
        }

        [Fact]
        public async Task The_victims_key_id_on_the_attackers_signature_is_an_invalid_signature()
        {
            var attacker = Attacker(out _);
            Assert.Equal("TokenSignatureInvalid", (await Fails(attacker.Token(_issuer.Claims(), attacker.Key, kid: _issuer.Key.KeyId))).ErrorId);
        }

        [Fact]
        public async Task The_audience_defaults_to_the_pinned_issuer()
        {
            var claims = _issuer.Claims();
            claims["aud"] = "https://attacker.example";
            var ex = await Fails(_issuer.Token(claims));
            Assert.Equal("TokenAudienceMismatch", ex.ErrorId);
            Assert.Contains($"but '{_issuer.Issuer}' was expected", ex.Message);
        }

        [Fact]
        public async Task Discovery_document_must_name_the_same_issuer()
        {
            _issuer.DiscoveryIssuer = _issuer.Issuer + "/";
            var ex = await Fails(_issuer.Token());
            Assert.Equal("TokenIssuerMismatch", ex.ErrorId);
        }

        [Fact]
        public async Task JWKS_must_be_served_over_HTTPS()
        {
            _issuer.JwksUri = _issuer.Issuer.Replace("https://", "http://") + "/.well-known/jwks.json";
            var ex = await Fails(_issuer.Token());
            Assert.Equal("IssuerDiscoveryFailed", ex.ErrorId);
            Assert.Contains("jwks_uri", ex.Message);
        }

        [Theory]
        [InlineData(HttpStatusCode.NotFound, ErrorKind.ObjectNotFound)]
        [InlineData(HttpStatusCode.BadGateway, ErrorKind.ResourceUnavailable)]
        public async Task Discovery_HTTP_error_names_URL_and_status(HttpStatusCode status, ErrorKind kind)
        {
            string url = _issuer.Issuer + "/.well-known/openid-configuration";
            _issuer.Overrides[url] = (status, "oops");
            var ex = await Fails(_issuer.Token());
            Assert.Equal("IssuerDiscoveryFailed", ex.ErrorId);
            Assert.Equal(kind, ex.Kind);
            Assert.Contains(url, ex.Message);
            Assert.Contains(((int)status).ToString(), ex.Message);
            Assert.Equal(url, ex.Target);
        }

        [Fact]
        public async Task Bad_discovery_JSON_is_an_invalid_response()
        {
            _issuer.Overrides[_issuer.Issuer + "/.well-known/openid-configuration"] = (HttpStatusCode.OK, "<html>hi</html>");
            Assert.Equal("IssuerResponseInvalid", (await Fails(_issuer.Token())).ErrorId);
        }

        [Fact]
        public async Task Bad_JWKS_JSON_is_an_invalid_response()
        {
            _issuer.Overrides[_issuer.JwksUri] = (HttpStatusCode.OK, "{\"keys\": 5");
            var ex = await Fails(_issuer.Token());
            Assert.Equal("IssuerResponseInvalid", ex.ErrorId);
            Assert.Contains(_issuer.JwksUri, ex.Message);
        }

        [Fact]
        public async Task Client_timeout_is_a_timeout()
        {
            _issuer.Delay = TimeSpan.FromSeconds(5);
            var ex = await Fails(_issuer.Token(), http: _issuer.Client(TimeSpan.FromMilliseconds(200)));
            Assert.Equal("IssuerDiscoveryTimedOut", ex.ErrorId);
            Assert.Equal(ErrorKind.OperationTimeout, ex.Kind);
            Assert.Contains("timed out", ex.Message);
        }

        [Fact]
        public async Task Caller_cancellation_is_not_turned_into_an_error()
        {
            _issuer.Delay = TimeSpan.FromSeconds(5);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                TokenVerifier.VerifyAsync(_issuer.Token(), _issuer.Client(), Options(), cts.Token));
        }

        [Fact]
        public async Task Connection_failure_is_discovery_failure()
        {
            var client = new HttpClient(new ThrowingHandler());
            var ex = await Fails(_issuer.Token(), http: client);
            Assert.Equal("IssuerDiscoveryFailed", ex.ErrorId);
            Assert.Equal(ErrorKind.ConnectionError, ex.Kind);
        }

        [Fact]
        public async Task Audience_defaults_to_issuer_and_must_match()
        {
            var claims = _issuer.Claims();
            claims["aud"] = "sts.amazonaws.com";
            var ex = await Fails(_issuer.Token(claims));
            Assert.Equal("TokenAudienceMismatch", ex.ErrorId);
            Assert.Contains("sts.amazonaws.com", ex.Message);
            Assert.Contains(_issuer.Issuer, ex.Message);

            var options = Options();
            options.ExpectedAudience = "sts.amazonaws.com";
            await Verify(_issuer.Token(claims), options);
        }

        [Fact]
        public async Task Audience_with_trailing_slash_does_not_match()
        {
            var claims = _issuer.Claims();
            claims["aud"] = _issuer.Issuer + "/";
            Assert.Equal("TokenAudienceMismatch", (await Fails(_issuer.Token(claims))).ErrorId);
        }

        [Fact]
        public async Task Expired_token_is_reported_with_times()
        {
            var ex = await Fails(_issuer.Token(), Options(TestIssuer.Now.AddHours(30)));
            Assert.Equal("TokenExpired", ex.ErrorId);
            Assert.Contains("2026-11-29T12:00:00Z", ex.Message);
            Assert.Contains("2026-11-29T18:00:00Z", ex.Message);
        }

        [Fact]
        public async Task Future_token_is_not_yet_valid()
        {
            Assert.Equal("TokenNotYetValid", (await Fails(_issuer.Token(), Options(TestIssuer.Now.AddMinutes(-10)))).ErrorId);
        }

        [Fact]
        public async Task Token_without_expiry_is_rejected()
        {
            var claims = _issuer.Claims();
            claims.Remove("exp");
            Assert.Equal("TokenMalformed", (await Fails(_issuer.Token(claims))).ErrorId);
        }

        [Fact]
        public async Task Malformed_token_fails_before_network()
        {
            Assert.Equal("TokenMalformed", (await Fails("abc.def")).ErrorId);
            Assert.Empty(_issuer.Requests);
        }

        private sealed class ThrowingHandler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                throw new HttpRequestException("Connection refused (acme.semaphoreci.test:443)");
        }
    }
}
