using System;
using System.Collections.Generic;
using System.Linq;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The IAM half of the account: the same provider and role dictionaries STS reads, changed the way IAM changes
/// them (create fails on duplicates, updates replace one field). Each read-modify-write runs under one lock so
/// two clients racing on a role or provider see IAM's "last writer wins" and never a torn record.
/// Inputs arrive validated (IamValidation); here only state conditions are checked (exists, quota).
/// </summary>
internal sealed partial class EmulatorState
{
    public const int DefaultAssumeRolePolicySizeQuota = 2048;
    public const int MaxProviders = 100;
    public const int MaxClientIdsPerProvider = 100;
    public const int MaxTags = 50;
    public const int MaxAttachedPoliciesPerRole = 10;

    private readonly object _iamGate = new();

    /// <summary>GetAccountSummary's AssumeRolePolicySizeQuota: 2048 unless raised (Service Quotas allows up to 4096).</summary>
    public int AssumeRolePolicySizeQuota { get; set; } = DefaultAssumeRolePolicySizeQuota;

    /// <summary>
    /// When set, CreateOpenIDConnectProvider refuses an empty ThumbprintList, as IAM does for a JWKS host whose
    /// chain does not lead to a root in its CA library (and as every partition did before 2024).
    /// </summary>
    public bool RequireProviderThumbprints { get; set; }

    public IReadOnlyList<OidcProvider> Providers => _providers.Values.OrderBy(p => p.Arn, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<Role> Roles => _roles.Values.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToArray();

    public OidcProvider CreateProvider(string url, string partition, IReadOnlyList<string> clientIds, IReadOnlyList<string> thumbprints,
        IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        lock (_iamGate)
        {
            if (_providers.ContainsKey(url))
                throw new AwsErrorException("EntityAlreadyExists", $"Provider with url {url} already exists.");
            if (_providers.Count >= MaxProviders)
                throw new AwsErrorException("LimitExceeded", $"Cannot exceed quota for OpenIdConnectProvidersPerAccount: {MaxProviders}");
            var provider = new OidcProvider(url, $"arn:{partition}:iam::{AccountId}:oidc-provider/{url["https://".Length..]}", clientIds.Distinct(StringComparer.Ordinal).ToArray())
            {
                Thumbprints = thumbprints.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray(),
                Tags = MergeTags(Array.Empty<KeyValuePair<string, string>>(), tags, "TagsPerOpenIdConnectProvider"),
            };
            _providers[url] = provider;
            return provider;
        }
    }

    public OidcProvider GetProviderByArn(string arn) =>
        _providers.Values.FirstOrDefault(p => p.Arn == arn)
        ?? throw new AwsErrorException("NoSuchEntity", $"OpenIDConnect provider not found for arn {arn}");

    public void DeleteProvider(string arn)
    {
        lock (_iamGate) _providers.TryRemove(GetProviderByArn(arn).Url, out _);
    }

    /// <summary>Replaces the provider found by ARN with <paramref name="change"/> applied, atomically.</summary>
    public OidcProvider UpdateProvider(string arn, Func<OidcProvider, OidcProvider> change)
    {
        lock (_iamGate)
        {
            var updated = change(GetProviderByArn(arn));
            _providers[updated.Url] = updated;
            return updated;
        }
    }

    public Role CreateRole(string name, string path, string partition, string trustPolicyJson, string? description, int maxSessionDuration,
        IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        lock (_iamGate)
        {
            if (_roles.ContainsKey(name)) throw new AwsErrorException("EntityAlreadyExists", $"Role with name {name} already exists.");
            var role = new Role(name, $"arn:{partition}:iam::{AccountId}:role{path}{name}", "AROA" + AwsIds.Upper(17), trustPolicyJson, maxSessionDuration)
            {
                Path = path,
                Description = description,
                Tags = MergeTags(Array.Empty<KeyValuePair<string, string>>(), tags, "TagsPerRole"),
            };
            _roles[name] = role;
            return role;
        }
    }

    public Role GetRole(string name) =>
        FindRole(name) ?? throw new AwsErrorException("NoSuchEntity", $"The role with name {name} cannot be found.");

    public Role UpdateRole(string name, Func<Role, Role> change)
    {
        lock (_iamGate)
        {
            var updated = change(GetRole(name));
            _roles[updated.Name] = updated;
            return updated;
        }
    }

    /// <summary>Admin API: overwrite a trust policy behind the client's back (a concurrent writer), no validation.</summary>
    public Role OverwriteTrustPolicy(string name, string trustPolicyJson) =>
        UpdateRole(name, r => r with { TrustPolicyJson = trustPolicyJson });

    /// <summary>Existing tags with new ones merged in (same key: new value), refused past IAM's 50.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> MergeTags(IReadOnlyList<KeyValuePair<string, string>> existing,
        IReadOnlyList<KeyValuePair<string, string>> added, string quotaName)
    {
        var merged = existing.ToList();
        foreach (var tag in added)
        {
            var at = merged.FindIndex(t => t.Key == tag.Key);
            if (at >= 0) merged[at] = tag;
            else merged.Add(tag);
        }
        if (merged.Count > MaxTags) throw new AwsErrorException("LimitExceeded", $"Cannot exceed quota for {quotaName}: {MaxTags}");
        return merged;
    }
}
