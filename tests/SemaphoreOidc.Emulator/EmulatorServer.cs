using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The local stand-in for Semaphore's OIDC issuer, AWS STS and IAM. Three listeners on 127.0.0.1: an HTTPS
/// port that answers for the real host names (chosen by SNI and Host), a CONNECT proxy that lets clients use
/// those names unchanged (HTTPS_PROXY), and a plain-HTTP admin API. Product code runs exactly as in production;
/// only the proxy and the trusted CA differ.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly CertificateAuthority _ca;
    private readonly SigningKeys _keys = new();
    private readonly EmulatorState _state;
    private readonly FaultInjector _faults = new();
    private readonly TokenMinter _minter;
    private readonly bool _ownsStateDirectory;
    private readonly string _stateDirectory;
    private WebApplication? _app;
    private ConnectProxy? _proxy;

    private EmulatorServer(EmulatorOptions options)
    {
        _ca = new CertificateAuthority();
        _state = new EmulatorState(options.AccountId);
        _minter = new TokenMinter(_keys);
        _ownsStateDirectory = options.StateDirectory is null;
        _stateDirectory = options.StateDirectory ?? Path.Combine(Path.GetTempPath(), "semaphoreoidc-emulator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_stateDirectory);
        CaBundlePath = Path.Combine(_stateDirectory, "test-root-ca.pem");
        IntermediateCertificatePath = Path.Combine(_stateDirectory, "test-intermediate-ca.pem");
        File.WriteAllText(CaBundlePath, CertificateAuthority.ToPem(_ca.Root));
        File.WriteAllText(IntermediateCertificatePath, CertificateAuthority.ToPem(_ca.Intermediate));
    }

    public Uri ProxyUri { get; private set; } = null!;
    public Uri HttpsEndpoint { get; private set; } = null!;
    public Uri AdminUri { get; private set; } = null!;
    public string CaBundlePath { get; }
    public string IntermediateCertificatePath { get; }
    public X509Certificate2 RootCertificate => _ca.Root;
    public X509Certificate2 IntermediateCertificate => _ca.Intermediate;
    public string AccountId => _state.AccountId;

    /// <summary>A long-term IAM key pair, new per instance, that IAM (and GetCallerIdentity) accept: the administrator's.</summary>
    public string AdminAccessKeyId => _state.Admin.AccessKeyId;
    public string AdminSecretAccessKey => _state.Admin.SecretAccessKey;

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        var server = new EmulatorServer(options ?? new EmulatorOptions());
        try
        {
            await server.StartCoreAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        // stdout belongs to Program's one JSON line; warnings and errors go to stderr only.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        // The host must not grab Ctrl+C/SIGTERM: inside xunit that is the test runner's; Program handles its own.
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => new ValueTask<SslServerAuthenticationOptions>(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = _ca.ContextFor(CertificateHostFor(context.ClientHelloInfo.ServerName)),
                }),
            }));
            k.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        _app = app;
        var router = new RequestRouter(_state, _faults, new IssuerEndpoints(_keys, _state), new StsEndpoints(_state, _keys), new IamEndpoints(_state));
        var admin = new AdminApi(this);
        // The plain-HTTP listener is the admin API, and also STS/IAM at the bare loopback endpoint
        // (http://127.0.0.1:<port>/ with -EndpointUrl / --endpoint-url), for measuring an exchange without TLS.
        app.Run(ctx => ctx.Request.IsHttps || !ctx.Request.Path.StartsWithSegments("/admin") ? router.HandleAsync(ctx) : admin.HandleAsync(ctx));
        await app.StartAsync(ct);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).ToList();
        HttpsEndpoint = new Uri($"https://127.0.0.1:{addresses.Single(a => a.Scheme == "https").Port}");
        AdminUri = new Uri($"http://127.0.0.1:{addresses.Single(a => a.Scheme == "http").Port}");

        _proxy = new ConnectProxy(HttpsEndpoint.Port, _state.IsTunnelHost);
        _proxy.Start();
        ProxyUri = new Uri($"http://127.0.0.1:{_proxy.Port}");
    }

    /// <summary>Leaf certificates only for names the emulator plays (bounded cache); anything else gets the loopback one.</summary>
    private string? CertificateHostFor(string? sni) =>
        sni is not null && (_state.IsTunnelHost(sni.ToLowerInvariant()) || sni.Equals("localhost", StringComparison.OrdinalIgnoreCase)) ? sni.ToLowerInvariant() : null;

    public string IssuerUrl(string org) => $"https://{org.ToLowerInvariant()}.semaphoreci.com";

    /// <summary>
    /// A signed token. Signed with the emulated Semaphore's key, unless the signing issuer (<see cref="TokenRequest.SigningIssuerHost"/>,
    /// default the token's issuer) was registered with keys of its own.
    /// </summary>
    public string MintToken(TokenRequest request)
    {
        var issuerHost = (request.IssuerHost ?? $"{request.Organization}.semaphoreci.com").ToLowerInvariant();
        var signingHost = request.SigningIssuerHost?.Trim().TrimEnd('.').ToLowerInvariant() ?? issuerHost;
        var own = _state.HasOwnKeys(signingHost) ? _keys.OwnKeysFor(signingHost) : null;
        if (request.SigningIssuerHost is not null && own is null)
            throw new ArgumentException($"{signingHost} is not an issuer registered with its own keys (RegisterIssuerHost(host, ownKeys: true)).");
        return _minter.Mint(request, own);
    }

    public string RegisterProvider(string issuerUrl, IEnumerable<string>? clientIds = null) =>
        _state.RegisterProvider(issuerUrl, clientIds).Arn;

    public string RegisterRole(string roleName, string trustPolicyJson, int maxSessionDurationSeconds = 3600) =>
        _state.RegisterRole(roleName, trustPolicyJson, maxSessionDurationSeconds).Arn;

    /// <summary>
    /// Makes the emulator answer (and tunnel, with a test-CA certificate) an issuer at https://&lt;host&gt;. With
    /// <paramref name="ownKeys"/> the issuer publishes and signs with keys of its own, RS256 and ES256: an attacker's
    /// issuer that can mint tokens naming itself with any organisation's claims.
    /// </summary>
    public string RegisterIssuerHost(string host, bool ownKeys = false)
    {
        var h = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (h.Length == 0 || h.Contains('/') || h.Contains(':')) throw new ArgumentException("Give a bare host name.", nameof(host));
        _state.RegisterIssuerHost(h, ownKeys);
        return $"https://{h}";
    }

    /// <summary>Overwrites a role's trust policy without IAM's checks: a concurrent writer behind a client's back.</summary>
    public string SetRoleTrustPolicy(string roleName, string trustPolicyJson)
    {
        if (_state.FindRole(roleName) is null) throw new KeyNotFoundException($"No role named {roleName}.");
        return _state.OverwriteTrustPolicy(roleName, trustPolicyJson).Arn;
    }

    /// <summary>GetAccountSummary's AssumeRolePolicySizeQuota, which CreateRole and UpdateAssumeRolePolicy enforce.</summary>
    public int AssumeRolePolicySizeQuota
    {
        get => _state.AssumeRolePolicySizeQuota;
        set => _state.AssumeRolePolicySizeQuota = value is >= 1 and <= 10240 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The quota is 1-10240 characters.");
    }

    /// <summary>Makes CreateOpenIDConnectProvider refuse an empty ThumbprintList (InvalidInput), until Reset.</summary>
    public bool RequireProviderThumbprints
    {
        get => _state.RequireProviderThumbprints;
        set => _state.RequireProviderThumbprints = value;
    }

    /// <summary>The policy ARNs AttachRolePolicy attached to a role.</summary>
    public IReadOnlyList<string> AttachedPolicies(string roleName) => _state.FindRole(roleName)?.AttachedPolicyArns ?? Array.Empty<string>();

    public void AddFault(FaultRule rule)
    {
        if (rule.OverwriteRole is not null && _state.FindRole(rule.OverwriteRole) is null)
            throw new KeyNotFoundException($"No role named {rule.OverwriteRole} to overwrite.");
        _faults.Add(rule);
    }

    public IReadOnlyList<RequestLogEntry> Requests => _state.Requests;

    /// <summary>Every provider and role as IAM holds them now (GET /admin/iam): tests compare snapshots to show a refused or failed command changed nothing.</summary>
    public IamSnapshot IamState() => IamSnapshot.Of(_state);

    /// <summary>Forgets providers, roles, registered issuer hosts, issued credentials, faults and the request log.
    /// Keys, certificates and ports stay, so tokens minted earlier still verify.</summary>
    public void Reset()
    {
        _state.Reset();
        _faults.Clear();
    }

    /// <summary>A standard Semaphore trust policy: aud = issuer, sub exact (StringEquals) or a pattern (StringLike).</summary>
    public string TrustPolicyFor(string org, string subjectPattern)
    {
        var issuer = IssuerUrl(org);
        var host = issuer["https://".Length..];
        var subOperator = subjectPattern.IndexOfAny(new[] { '*', '?' }) >= 0 ? "StringLike" : "StringEquals";
        var conditions = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, string> { [$"{host}:aud"] = issuer },
        };
        if (subOperator == "StringEquals") ((Dictionary<string, string>)conditions["StringEquals"])[$"{host}:sub"] = subjectPattern;
        else conditions["StringLike"] = new Dictionary<string, string> { [$"{host}:sub"] = subjectPattern };
        var policy = new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new Dictionary<string, string> { ["Federated"] = $"arn:aws:iam::{AccountId}:oidc-provider/{host}" },
                    ["Action"] = "sts:AssumeRoleWithWebIdentity",
                    ["Condition"] = conditions,
                },
            },
        };
        return JsonSerializer.Serialize(policy);
    }

    /// <summary>The addresses and files a client needs (also Program's stdout line and GET /admin/info).</summary>
    public Dictionary<string, string> Info() => new()
    {
        ["proxy"] = ProxyUri.ToString().TrimEnd('/'),
        ["https"] = HttpsEndpoint.ToString().TrimEnd('/'),
        ["admin"] = AdminUri.ToString().TrimEnd('/'),
        ["caBundlePath"] = CaBundlePath,
        ["intermediateCertificatePath"] = IntermediateCertificatePath,
        ["accountId"] = AccountId,
        // Test credentials of this one emulator instance, for IAM clients (not a real secret; printed on purpose).
        ["adminAccessKeyId"] = AdminAccessKeyId,
        ["adminSecretAccessKey"] = AdminSecretAccessKey,
    };

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null) await _proxy.DisposeAsync();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
            await _app.DisposeAsync();
        }
        _keys.Dispose();
        _ca.Dispose();
        if (_ownsStateDirectory)
        {
            try { Directory.Delete(_stateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed class NoopHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
