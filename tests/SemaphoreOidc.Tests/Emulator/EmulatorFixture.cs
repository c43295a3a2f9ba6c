using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using System.Xml.Linq;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Http;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>
/// One emulator per test class (xunit runs classes in parallel; each class gets its own state), and two clients
/// that reach it by the real host names through its CONNECT proxy: <see cref="Http"/>, a plain client that trusts
/// only the test root, for the emulator's own tests; <see cref="EngineHttp"/>, set up as the module's would be for
/// a user behind HTTPS_PROXY with AWS_CA_BUNDLE, for the engine's tests.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; }
    public HttpClient Http { get; private set; }

    /// <summary>As SharedHttpClients builds it: no redirects followed, the CA bundle's roots trusted, no client-side timeout.</summary>
    public HttpClient EngineHttp { get; private set; }

    /// <summary>The certificates the last TLS handshake was served (leaf first).</summary>
    public IReadOnlyList<X509Certificate2> LastServedChain { get; private set; } = Array.Empty<X509Certificate2>();

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync();
        Http = new HttpClient(CreateHandler(Server, chain => LastServedChain = chain)) { Timeout = TimeSpan.FromSeconds(30) };
        var bundle = CaBundle.Load(Server.CaBundlePath);
        var engineHandler = new HttpClientHandler
        {
            // As SharedHttpClients: STS and IAM never redirect, so a redirect is an answer to report, not to follow.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            Proxy = new WebProxy(Server.ProxyUri, BypassOnLocal: true),
            UseProxy = true,
            ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => bundle.Validate(certificate, chain, errors),
        };
        EngineHttp = new HttpClient(engineHandler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        EngineHttp?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A handler as production code would configure it, except: proxy = emulator, trust = the test root only.</summary>
    public static SocketsHttpHandler CreateHandler(EmulatorServer server, Action<IReadOnlyList<X509Certificate2>> onChain = null, bool useProxy = true)
    {
        var root = server.RootCertificate;
        return new SocketsHttpHandler
        {
            Proxy = useProxy ? new WebProxy(server.ProxyUri) : null,
            UseProxy = useProxy,
            PooledConnectionLifetime = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    if (certificate is null) return false;
                    // SslStream puts the certificates the server sent, in wire order, into ExtraStore.
                    onChain?.Invoke(chain?.ChainPolicy.ExtraStore.Select(c => new X509Certificate2(c)).ToList()
                        ?? new List<X509Certificate2>());
                    if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                    using var custom = new X509Chain();
                    custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    custom.ChainPolicy.CustomTrustStore.Add(root);
                    custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    if (chain is not null)
                    {
                        custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
                    }
                    return custom.Build(new X509Certificate2(certificate));
                },
            },
        };
    }

    /// <summary>Registers provider + role for an org admitting the given subject pattern; returns the role ARN.</summary>
    public string SetUpRole(string org, string roleName, string subjectPattern = null, int maxSessionDuration = 3600)
    {
        Server.RegisterProvider(Server.IssuerUrl(org));
        return Server.RegisterRole(roleName, Server.TrustPolicyFor(org, subjectPattern ?? $"org:{org}:*"), maxSessionDuration);
    }

    public Task<StsResponse> AssumeAsync(string roleArn, string token, string sessionName = "session-1", int? duration = null,
        string host = "sts.us-east-1.amazonaws.com", IDictionary<string, string> extra = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Action"] = "AssumeRoleWithWebIdentity",
            ["Version"] = "2011-06-15",
        };
        if (roleArn is not null) form["RoleArn"] = roleArn;
        if (sessionName is not null) form["RoleSessionName"] = sessionName;
        if (token is not null) form["WebIdentityToken"] = token;
        if (duration is not null) form["DurationSeconds"] = duration.Value.ToString();
        if (extra is not null) foreach (var kv in extra) form[kv.Key] = kv.Value;
        return PostAsync($"https://{host}/", form);
    }

    public async Task<StsResponse> PostAsync(string url, Dictionary<string, string> form)
    {
        using var response = await Http.PostAsync(url, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        return new StsResponse((int)response.StatusCode, body,
            response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : null,
            response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>An STS answer with helpers to read AWS's XML.</summary>
public sealed record StsResponse(int Status, string Body, string RequestIdHeader, string ContentType)
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    public XDocument Xml => XDocument.Parse(Body);
    public string ErrorCode => Xml.Root?.Element(Ns + "Error")?.Element(Ns + "Code")?.Value;
    public string ErrorMessage => Xml.Root?.Element(Ns + "Error")?.Element(Ns + "Message")?.Value;
    public string ErrorType => Xml.Root?.Element(Ns + "Error")?.Element(Ns + "Type")?.Value;
    public XElement Result(string action) => Xml.Root?.Element(Ns + $"{action}Result");
    public string Value(string action, params string[] path)
    {
        XElement e = Result(action);
        foreach (var p in path) e = e?.Element(Ns + p);
        return e?.Value;
    }
}
