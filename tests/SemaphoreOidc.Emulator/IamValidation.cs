using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// IAM's input checks. Model constraints (lengths, patterns, ranges from botocore's iam service-2.json) are
/// collected and answered together as one ValidationError, as AWS does ("2 validation errors detected: ...");
/// semantic checks (URL shape, thumbprint hex, policy JSON) throw their own code at once.
/// </summary>
internal sealed partial class IamValidation
{
    private readonly List<string> _errors = new();
    private readonly AwsQueryRequest _req;

    public IamValidation(AwsQueryRequest req) => _req = req;

    /// <summary>A string parameter with AWS's length limits; null when absent and not required.</summary>
    public string? String(string name, int min, int max, bool required = true, Regex? pattern = null, string? patternText = null)
    {
        var value = _req.Get(name);
        var member = Member(name);
        if (value is null)
        {
            if (required) _errors.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
            return null;
        }
        if (value.Length < min) _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        else if (value.Length > max) _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        else if (pattern is not null && !pattern.IsMatch(value))
            _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {patternText}");
        return value;
    }

    public int? Int(string name, int min, int max)
    {
        var text = _req.Get(name);
        if (text is null) return null;
        var member = Member(name);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            _errors.Add($"Value '{text}' at '{member}' failed to satisfy constraint: Member must be a number");
            return null;
        }
        if (value < min) _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value greater than or equal to {min}");
        else if (value > max) _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value less than or equal to {max}");
        return value;
    }

    /// <summary><c>Name.member.N</c> values in N order (the Query protocol's list encoding), each 1..maxLength.</summary>
    public IReadOnlyList<string> List(string name, int minLength, int maxLength, int? maxCount = null)
    {
        var prefix = name + ".member.";
        var values = _req.Parameters
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(kv.Key[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(kv => int.Parse(kv.Key[prefix.Length..], CultureInfo.InvariantCulture))
            .Select(kv => kv.Value).ToList();
        var member = Member(name);
        if (maxCount is { } most && values.Count > most)
            _errors.Add($"Value '[{string.Join(", ", values)}]' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {most}");
        foreach (var v in values.Where(v => v.Length < minLength || v.Length > maxLength))
            _errors.Add($"Value '{v}' at '{member}' failed to satisfy constraint: Member must have length {(v.Length < minLength ? $"greater than or equal to {minLength}" : $"less than or equal to {maxLength}")}");
        return values;
    }

    /// <summary><c>Tags.member.N.Key</c>/<c>.Value</c>: keys 1-128, values 0-256, at most 50, no aws: prefix.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags()
    {
        var tags = new List<KeyValuePair<string, string>>();
        for (var n = 1; _req.Get($"Tags.member.{n}.Key") is { } key; n++)
        {
            var value = _req.Get($"Tags.member.{n}.Value") ?? "";
            if (key.Length is < 1 or > 128) _errors.Add($"Value '{key}' at 'tags.{n}.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
            if (value.Length > 256) _errors.Add($"Value '{value}' at 'tags.{n}.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw new AwsErrorException("InvalidInput", "User is not authorized to tag with the 'aws:' prefix.");
            tags.Add(new(key, value));
        }
        if (tags.Count > EmulatorState.MaxTags)
            _errors.Add($"Value '[...{tags.Count} tags]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to {EmulatorState.MaxTags}");
        return tags;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count == 0) return;
        var n = _errors.Count;
        throw new AwsErrorException("ValidationError", $"{n} validation error{(n == 1 ? "" : "s")} detected: {string.Join("; ", _errors)}");
    }

    /// <summary>AWS names members in camelCase in these messages (RoleName -> roleName, ClientIDList -> clientIDList).</summary>
    private static string Member(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    // ---- semantic checks ----

    /// <summary>IAM's provider URL rules (docs/aws-names.md, "OIDC providers"): https, a host, optional path; no port, query, fragment or user info.</summary>
    public static void ProviderUrl(string url)
    {
        if (!url.StartsWith("https://", StringComparison.Ordinal))
            throw new AwsErrorException("InvalidInput", "Invalid URL: the provider URL must begin with https://");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new AwsErrorException("InvalidInput", $"Invalid URL: {url}");
        var authority = url["https://".Length..].Split('/')[0];
        if (authority.Contains(':') || authority.Contains('@'))
            throw new AwsErrorException("InvalidInput", "Invalid URL: a port or user information is not allowed in the provider URL.");
        if (url.Contains('?') || url.Contains('#'))
            throw new AwsErrorException("InvalidInput", "Invalid URL: a query string or fragment is not allowed in the provider URL.");
    }

    public static void Thumbprints(IReadOnlyList<string> thumbprints)
    {
        if (thumbprints.Count > 5) throw new AwsErrorException("InvalidInput", "Thumbprint list must contain fewer than 5 entries.");
        foreach (var t in thumbprints.Where(t => t.Length == 40 && !HexThumbprint().IsMatch(t)))
            throw new AwsErrorException("InvalidInput", $"Thumbprint {t} is not a valid hexadecimal SHA-1 fingerprint.");
    }

    public static void ProviderArn(string arn)
    {
        if (!ProviderArnPattern().IsMatch(arn)) throw new AwsErrorException("InvalidInput", $"ARN {arn} is not valid.");
    }

    public static void PolicyArn(string arn)
    {
        if (!PolicyArnPattern().IsMatch(arn)) throw new AwsErrorException("InvalidInput", $"ARN {arn} is not valid.");
    }

    /// <summary>
    /// A trust policy: JSON object with a Statement (else MalformedPolicyDocument), at most <paramref name="quota"/>
    /// characters not counting white space, which is how IAM counts policy size (else LimitExceeded).
    /// </summary>
    public static void TrustPolicy(string document, int quota)
    {
        try
        {
            using var json = JsonDocument.Parse(document);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("Statement", out _))
                throw new AwsErrorException("MalformedPolicyDocument", "Syntax errors in policy.");
        }
        catch (JsonException)
        {
            throw new AwsErrorException("MalformedPolicyDocument", "This policy contains invalid Json");
        }
        if (PolicySize(document) > quota)
            throw new AwsErrorException("LimitExceeded", $"Cannot exceed quota for ACLSizePerRole: {quota}");
    }

    public static int PolicySize(string document) => document.Count(c => !char.IsWhiteSpace(c));

    public static readonly Regex RoleName = RoleNamePattern();
    public static readonly Regex Path = PathPattern();

    [GeneratedRegex(@"^[\w+=,.@-]+$")]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"^(/|/[\u0021-\u007E]+/)$")]
    private static partial Regex PathPattern();

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex HexThumbprint();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:oidc-provider/.+$")]
    private static partial Regex ProviderArnPattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::(aws|\d{12}):policy/.+$")]
    private static partial Regex PolicyArnPattern();
}
