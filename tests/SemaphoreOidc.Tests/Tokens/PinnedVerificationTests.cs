using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tests.Emulator;
using SemaphoreOidc.Tokens;
using Xunit;
using Xunit.Abstractions;

namespace SemaphoreOidc.Tests.Tokens
{
    /// <summary>
    /// Verification against the emulator over real HTTPS through its CONNECT proxy: the genuine issuer, an
    /// attacker's issuer with keys of its own that mints tokens carrying a victim's claims, a hanging issuer and
    /// an issuer with an oversized key set.
    /// </summary>
    public sealed class PinnedVerificationTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _f;
        private readonly ITestOutputHelper _output;
        // One victim organisation per test: the metadata cache is process-wide and other emulators have other keys.
        private readonly string _victim = "victim-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        private readonly string _attackerHost = "oidc-" + Guid.NewGuid().ToString("N").Substring(0, 12) + ".attacker.example";

        public PinnedVerificationTests(EmulatorFixture f, ITestOutputHelper output)
        {
            _f = f;
            _output = output;
            _f.Server.RegisterIssuerHost(_attackerHost, ownKeys: true);
        }

        private string VictimIssuer => $"https://{_victim}.semaphoreci.com";

        private HttpClient Client()
        {
            var handler = EmulatorFixture.CreateHandler(_f.Server);
            // As the module's shared clients: no redirects followed, no client timeout (the limits end requests).
            handler.AllowAutoRedirect = false;
            return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        }

        private IssuerPin Pin(string how) => how switch
        {
            "Organization" => IssuerPin.ForOrganization(_victim),
            "IssuerUrl" => IssuerPin.ForIssuerUrl(VictimIssuer),
            _ => IssuerPin.FromEnvironment(name => name == "SEMAPHORE_ORGANIZATION_URL" ? VictimIssuer : null),
        };

        private async Task<SemaphoreToken> Verify(string token, IssuerPin pin, string audience = null, IssuerFetchLimits limits = null)
        {
            using HttpClient http = Client();
            var options = new TokenVerificationOptions { Issuer = pin, ExpectedAudience = audience, FetchLimits = limits };
            return await TokenVerifier.VerifyAsync(token, http, options, CancellationToken.None);
        }

        private async Task<SemaphoreOidcException> Refused(string token, IssuerPin pin, string audience = null, IssuerFetchLimits limits = null)
        {
            var ex = await Assert.ThrowsAsync<SemaphoreOidcException>(() => Verify(token, pin, audience, limits));
            Assert.DoesNotContain(token, ex.Message);
            Assert.DoesNotContain(token.Split('.')[2], ex.Message);
            Assert.DoesNotContain(token.Split('.')[2], ex.Target?.ToString() ?? "");
            return ex;
        }

        private int RequestsTo(string host) => _f.Server.Requests.Count(r => r.Host == host);

        /// <summary>A token from the attacker's issuer, with the victim's organisation, project and subject.</summary>
        private string Forged(string algorithm, bool withKeyId, string audience = null) => _f.Server.MintToken(new TokenRequest
        {
            Organization = _victim,
            IssuerHost = _attackerHost,
            Audience = audience,
            Algorithm = algorithm,
            OmitKeyId = !withKeyId,
        });

        [Theory]
        [InlineData("Organization")]
        [InlineData("IssuerUrl")]
        [InlineData("SEMAPHORE_ORGANIZATION_URL")]
        public async Task The_genuine_token_verifies_against_the_pinned_issuer(string how)
        {
            string token = _f.Server.MintToken(new TokenRequest { Organization = _victim });
            SemaphoreToken verified = await Verify(token, Pin(how));
            Assert.Equal(VictimIssuer, verified.Issuer);
            Assert.Equal(2, RequestsTo($"{_victim}.semaphoreci.com"));
        }

        [Theory]
        [InlineData("RS256", true, "Organization")]
        [InlineData("RS256", false, "Organization")]
        [InlineData("ES256", true, "Organization")]
        [InlineData("ES256", false, "Organization")]
        [InlineData("RS256", true, "IssuerUrl")]
        [InlineData("RS256", false, "IssuerUrl")]
        [InlineData("ES256", true, "IssuerUrl")]
        [InlineData("ES256", false, "IssuerUrl")]
        [InlineData("RS256", true, "SEMAPHORE_ORGANIZATION_URL")]
        [InlineData("RS256", false, "SEMAPHORE_ORGANIZATION_URL")]
        [InlineData("ES256", true, "SEMAPHORE_ORGANIZATION_URL")]
        [InlineData("ES256", false, "SEMAPHORE_ORGANIZATION_URL")]
        public async Task An_attackers_token_with_the_victims_claims_is_refused(string algorithm, bool withKeyId, string how)
        {
            string forged = Forged(algorithm, withKeyId);
            SemaphoreToken decoded = TokenReader.Read(forged);
            Assert.Equal($"https://{_attackerHost}", decoded.Issuer);
            Assert.Equal(_victim, decoded.Organization);
            Assert.StartsWith($"org:{_victim}:project:", decoded.Subject);
            Assert.Equal(withKeyId, decoded.KeyId != null);
            // Pinned to the attacker's own issuer the forgery verifies: it is a real issuer with real keys.
            await Verify(forged, IssuerPin.ForIssuerUrl($"https://{_attackerHost}"));
            int attackerRequests = RequestsTo(_attackerHost);

            var ex = await Refused(forged, Pin(how));
            Assert.Equal(TokenErrorIds.TokenIssuerMismatch, ex.ErrorId);
            Assert.Contains("pinned by " + (how == "Organization" ? "organisation " + _victim : how == "IssuerUrl" ? "the issuer URL given" : how), ex.Message);
            Assert.Equal(attackerRequests, RequestsTo(_attackerHost));
            Assert.Equal(0, RequestsTo($"{_victim}.semaphoreci.com"));
        }

        [Fact]
        public async Task The_helps_audience_example_with_an_attackers_token_is_refused()
        {
            // Get-SemaphoreOidcToken -Verify -Audience https://my-org.semaphoreci.com, on a token whose aud is that URL.
            string forged = Forged("RS256", withKeyId: true, audience: VictimIssuer);
            Assert.Equal(TokenErrorIds.TokenIssuerMismatch, (await Refused(forged, Pin("SEMAPHORE_ORGANIZATION_URL"), audience: VictimIssuer)).ErrorId);
            Assert.Equal(0, RequestsTo(_attackerHost));
        }

        [Theory]
        [InlineData("RS256", true, "TokenKeyNotFound")]
        [InlineData("RS256", false, "TokenSignatureInvalid")]
        [InlineData("ES256", true, "TokenKeyNotFound")]
        [InlineData("ES256", false, "TokenSignatureInvalid")]
        public async Task A_token_naming_the_victims_issuer_but_signed_by_the_attacker_fails(string algorithm, bool withKeyId, string id)
        {
            string forged = _f.Server.MintToken(new TokenRequest
            {
                Organization = _victim, SigningIssuerHost = _attackerHost, Algorithm = algorithm, OmitKeyId = !withKeyId,
            });
            Assert.Equal(VictimIssuer, TokenReader.Read(forged).Issuer);
            Assert.Equal(id, (await Refused(forged, Pin("Organization"))).ErrorId);
            Assert.Equal(0, RequestsTo(_attackerHost));
        }

        [Fact]
        public async Task A_hanging_issuer_ends_at_the_timeout()
        {
            _f.Server.AddFault(new FaultRule { Service = "issuer", Action = "/.well-known/openid-configuration", Kind = FaultKind.Hang });
            string token = _f.Server.MintToken(new TokenRequest { Organization = _victim });
            var watch = Stopwatch.StartNew();
            var ex = await Refused(token, Pin("Organization"), limits: new IssuerFetchLimits(requestTimeout: TimeSpan.FromSeconds(1)));
            watch.Stop();
            _output.WriteLine($"A hanging issuer ended after {watch.Elapsed.TotalSeconds:0.00} s (limit 1 s per request).");
            Assert.Equal(TokenErrorIds.IssuerDiscoveryTimedOut, ex.ErrorId);
            Assert.Equal($"{VictimIssuer}/.well-known/openid-configuration", ex.Target);
            Assert.Contains(_f.Server.Requests, r => r.Host == $"{_victim}.semaphoreci.com" && r.Fault == "Hang");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task An_oversized_key_set_is_refused(bool omitContentLength)
        {
            _f.Server.AddFault(new FaultRule { Service = "issuer", Action = "/.well-known/jwks.json", Kind = FaultKind.OversizedBody, BodyBytes = 4 * 1024 * 1024, OmitContentLength = omitContentLength });
            string token = _f.Server.MintToken(new TokenRequest { Organization = _victim });
            var ex = await Refused(token, Pin("IssuerUrl"));
            Assert.Equal(TokenErrorIds.IssuerResponseTooLarge, ex.ErrorId);
            Assert.Equal($"{VictimIssuer}/.well-known/jwks.json", ex.Target);
            Assert.Contains(omitContentLength ? "more than 1048576 bytes" : "4194304 bytes", ex.Message);
        }

        [Fact]
        public async Task An_issuer_error_page_is_refused()
        {
            _f.Server.AddFault(new FaultRule { Service = "issuer", Action = "/.well-known/openid-configuration", Kind = FaultKind.Http500, StatusCode = 503 });
            string token = _f.Server.MintToken(new TokenRequest { Organization = _victim });
            var ex = await Refused(token, Pin("Organization"));
            Assert.Equal(TokenErrorIds.IssuerDiscoveryFailed, ex.ErrorId);
            Assert.Equal(ErrorKind.ResourceUnavailable, ex.Kind);
            Assert.Contains("HTTP 503", ex.Message);
        }
    }
}
