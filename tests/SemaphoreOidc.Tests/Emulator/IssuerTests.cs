using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

public sealed class IssuerTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;

    public IssuerTests(EmulatorFixture f) => _f = f;

    [Fact]
    public async Task Discovery_document_names_the_org_issuer_and_its_jwks()
    {
        var json = await _f.Http.GetStringAsync("https://acme.semaphoreci.com/.well-known/openid-configuration");
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("https://acme.semaphoreci.com", root.GetProperty("issuer").GetString());
        Assert.Equal("https://acme.semaphoreci.com/.well-known/jwks.json", root.GetProperty("jwks_uri").GetString());
        Assert.Equal(new[] { "RS256" }, root.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        var claims = root.GetProperty("claims_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("sub", claims);
        Assert.Contains("sub127", claims);
        Assert.True(root.TryGetProperty("response_types_supported", out _));
        Assert.True(root.TryGetProperty("subject_types_supported", out _));
    }

    [Theory]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/.well-known/jwks")]
    public async Task Jwks_publishes_the_key_that_verifies_minted_tokens(string path)
    {
        var json = await _f.Http.GetStringAsync($"https://my-org.semaphoreci.com{path}");
        using var doc = JsonDocument.Parse(json);
        var key = Assert.Single(doc.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());

        var token = _f.Server.MintToken(new TokenRequest());
        var parts = token.Split('.');
        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0]));
        Assert.Equal(key.GetProperty("kid").GetString(), header.RootElement.GetProperty("kid").GetString());

        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64UrlEncoder.DecodeBytes(key.GetProperty("n").GetString()),
            Exponent = Base64UrlEncoder.DecodeBytes(key.GetProperty("e").GetString()),
        });
        Assert.True(rsa.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Base64UrlEncoder.DecodeBytes(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Served_chain_is_leaf_then_intermediate_for_the_requested_host()
    {
        // Own client so the chain captured belongs to this handshake only.
        System.Collections.Generic.IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> served = null;
        using var http = new System.Net.Http.HttpClient(EmulatorFixture.CreateHandler(_f.Server, c => served = c));
        await http.GetStringAsync("https://chain-test.semaphoreci.com/.well-known/jwks.json");

        Assert.NotNull(served);
        Assert.Equal(2, served.Count);
        Assert.Contains("chain-test.semaphoreci.com", served[0].GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.DnsName, false));
        // IAM's thumbprint is the SHA-1 of the last certificate served: it must be the intermediate.
        Assert.Equal(_f.Server.IntermediateCertificate.Thumbprint, served[^1].Thumbprint);
        Assert.Equal("CN=SemaphoreOidc Test Intermediate CA, O=SemaphoreOidc Tests", served[^1].Subject);
        Assert.Equal(_f.Server.RootCertificate.Subject, served[^1].Issuer);
    }

    [Fact]
    public async Task Registered_self_hosted_issuer_is_served_and_unregistered_one_is_refused()
    {
        await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(
            () => _f.Http.GetStringAsync("https://semaphore.selfhosted.example/.well-known/openid-configuration"));

        var url = _f.Server.RegisterIssuerHost("semaphore.selfhosted.example");
        Assert.Equal("https://semaphore.selfhosted.example", url);
        var json = await _f.Http.GetStringAsync("https://semaphore.selfhosted.example/.well-known/openid-configuration");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(url, doc.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task An_issuer_with_keys_of_its_own_publishes_and_signs_with_them()
    {
        var url = _f.Server.RegisterIssuerHost("oidc.own-keys.example", ownKeys: true);
        using var own = JsonDocument.Parse(await _f.Http.GetStringAsync(url + "/.well-known/jwks.json"));
        using var semaphore = JsonDocument.Parse(await _f.Http.GetStringAsync("https://my-org.semaphoreci.com/.well-known/jwks.json"));
        var keys = own.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(new[] { "RSA", "EC" }, keys.Select(k => k.GetProperty("kty").GetString()));
        var semaphoreKid = Assert.Single(semaphore.RootElement.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString();
        Assert.DoesNotContain(semaphoreKid, keys.Select(k => k.GetProperty("kid").GetString()));

        foreach (var (alg, kid) in new[] { ("RS256", keys[0].GetProperty("kid").GetString()), ("ES256", keys[1].GetProperty("kid").GetString()) })
        {
            var token = _f.Server.MintToken(new TokenRequest { Organization = "victim", IssuerHost = "oidc.own-keys.example", Algorithm = alg });
            using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]));
            Assert.Equal(alg, header.RootElement.GetProperty("alg").GetString());
            Assert.Equal(kid, header.RootElement.GetProperty("kid").GetString());
            using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
            Assert.Equal(url, payload.RootElement.GetProperty("iss").GetString());
            Assert.StartsWith("org:victim:project:", payload.RootElement.GetProperty("sub").GetString());

            var untagged = _f.Server.MintToken(new TokenRequest { Organization = "victim", IssuerHost = "oidc.own-keys.example", Algorithm = alg, OmitKeyId = true });
            using var bare = JsonDocument.Parse(Base64UrlEncoder.Decode(untagged.Split('.')[0]));
            Assert.False(bare.RootElement.TryGetProperty("kid", out _));
        }

        // Semaphore itself signs RS256 only, and only a registered own-key issuer can sign for another.
        Assert.Throws<ArgumentException>(() => _f.Server.MintToken(new TokenRequest { Algorithm = "ES256" }));
        Assert.Throws<ArgumentException>(() => _f.Server.MintToken(new TokenRequest { SigningIssuerHost = "my-org.semaphoreci.com" }));
    }

    [Fact]
    public async Task Unknown_path_is_404()
    {
        using var response = await _f.Http.GetAsync("https://my-org.semaphoreci.com/nothing-here");
        Assert.Equal(404, (int)response.StatusCode);
    }
}
