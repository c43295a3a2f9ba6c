using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace SemaphoreOidc.Emulator;

internal sealed record OidcProvider(string Url, string Arn, IReadOnlyList<string> ClientIds)
{
    public IReadOnlyList<string> Thumbprints { get; init; } = Array.Empty<string>();
    /// <summary>In the order given: IAM answers tags in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    public DateTimeOffset CreateDate { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The condition-key prefix and ARN suffix: the URL without https://.</summary>
    public string HostAndPath => Url["https://".Length..];
}

internal sealed record Role(string Name, string Arn, string RoleId, string TrustPolicyJson, int MaxSessionDuration)
{
    public string Path { get; init; } = "/";
    public string? Description { get; init; }
    public DateTimeOffset CreateDate { get; init; } = DateTimeOffset.UtcNow;
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    public IReadOnlyList<string> AttachedPolicyArns { get; init; } = Array.Empty<string>();
}

internal sealed record IssuedCredentials(
    string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration,
    string AssumedRoleArn, string AssumedRoleId);

/// <summary>
/// Everything the emulated account knows. Concurrent collections only: xunit runs test classes in parallel,
/// and one emulator may serve several clients at once.
/// </summary>
internal sealed partial class EmulatorState
{
    private const int MaxLogEntries = 10_000;
    private readonly ConcurrentDictionary<string, OidcProvider> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Role> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _issuerHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IssuedCredentials> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RequestLogEntry> _log = new();

    public EmulatorState(string accountId)
    {
        AccountId = accountId;
        // Not an STS session: a long-term key pair (AKIA..., no session token) that survives Reset.
        Admin = new IssuedCredentials("AKIA" + AwsIds.Upper(16), AwsIds.Secret(), "", DateTimeOffset.MaxValue,
            $"arn:aws:iam::{accountId}:user/emulator-admin", "AIDA" + AwsIds.Upper(17));
    }

    /// <summary>The static administrator key pair IAM (and STS GetCallerIdentity) accept besides issued credentials.</summary>
    public IssuedCredentials Admin { get; }

    public string AccountId { get; }

    public OidcProvider RegisterProvider(string issuerUrl, IEnumerable<string>? clientIds)
    {
        var url = issuerUrl.TrimEnd('/');
        if (!url.StartsWith("https://", StringComparison.Ordinal) || url.Length == "https://".Length)
            throw new ArgumentException("The provider URL must start with https:// and name a host.", nameof(issuerUrl));
        var ids = (clientIds ?? new[] { url }).ToList();
        var provider = new OidcProvider(url, $"arn:aws:iam::{AccountId}:oidc-provider/{url["https://".Length..]}", ids);
        _providers[url] = provider;
        return provider;
    }

    public OidcProvider? FindProvider(string issuer) => _providers.TryGetValue(issuer, out var p) ? p : null;

    public Role RegisterRole(string roleName, string trustPolicyJson, int maxSessionDurationSeconds)
    {
        if (string.IsNullOrEmpty(roleName)) throw new ArgumentException("A role needs a name.", nameof(roleName));
        if (maxSessionDurationSeconds is < 3600 or > 43200)
            throw new ArgumentOutOfRangeException(nameof(maxSessionDurationSeconds), "MaxSessionDuration is 3600-43200.");
        var role = new Role(roleName, $"arn:aws:iam::{AccountId}:role/{roleName}", "AROA" + AwsIds.Upper(17),
            trustPolicyJson, maxSessionDurationSeconds);
        _roles[roleName] = role;
        return role;
    }

    public Role? FindRole(string name) => _roles.TryGetValue(name, out var r) ? r : null;

    /// <param name="ownKeys">The host signs with keys of its own (an attacker's issuer), not the emulated Semaphore's.</param>
    public void RegisterIssuerHost(string host, bool ownKeys = false) => _issuerHosts[host.TrimEnd('.').ToLowerInvariant()] = ownKeys ? (byte)1 : (byte)0;

    /// <summary>True for a registered issuer host that publishes and signs with keys of its own.</summary>
    public bool HasOwnKeys(string host) => _issuerHosts.TryGetValue(host.TrimEnd('.').ToLowerInvariant(), out var own) && own == 1;

    /// <summary>Hosts the emulator answers as a Semaphore issuer: one label under semaphoreci.com, or registered.</summary>
    public bool IsIssuerHost(string host)
    {
        const string suffix = ".semaphoreci.com";
        if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            var label = host[..^suffix.Length];
            if (label.Length > 0 && !label.Contains('.')) return true;
        }
        return _issuerHosts.ContainsKey(host);
    }

    /// <summary>What the CONNECT proxy may tunnel: AWS and Semaphore names plus registered issuers, nothing else.</summary>
    public bool IsTunnelHost(string host) =>
        host.EndsWith(".semaphoreci.com", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase)
        || _issuerHosts.ContainsKey(host);

    public void Remember(IssuedCredentials c) => _credentials[c.AccessKeyId] = c;

    public IssuedCredentials? FindCredentials(string accessKeyId) =>
        accessKeyId == Admin.AccessKeyId ? Admin : _credentials.TryGetValue(accessKeyId, out var c) ? c : null;

    private int _generation;
    private readonly object _logLock = new();

    /// <summary>Changes at every Reset; a request logs only if it arrived in the current one.</summary>
    public int Generation { get { lock (_logLock) return _generation; } }

    public void Log(RequestLogEntry entry, int arrivedInGeneration)
    {
        // A request still in flight from before a Reset (a client that gave up during a Delay fault) must
        // not show up in the next test's log.
        lock (_logLock)
        {
            if (arrivedInGeneration != _generation) return;
            _log.Enqueue(entry);
            while (_log.Count > MaxLogEntries && _log.TryDequeue(out _)) { }
        }
    }

    public IReadOnlyList<RequestLogEntry> Requests => _log.ToArray();

    public void Reset()
    {
        _providers.Clear();
        _roles.Clear();
        _issuerHosts.Clear();
        _credentials.Clear();
        lock (_logLock)
        {
            _generation++;
            _log.Clear();
        }
        AssumeRolePolicySizeQuota = DefaultAssumeRolePolicySizeQuota;
        RequireProviderThumbprints = false;
    }
}

/// <summary>AWS-shaped random identifiers.</summary>
internal static class AwsIds
{
    private const string UpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string SecretChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string Upper(int length) => RandomNumberGenerator.GetString(UpperAlnum, length);
    public static string Secret() => RandomNumberGenerator.GetString(SecretChars, 40);
    public static string RequestId() => Guid.NewGuid().ToString();
}
