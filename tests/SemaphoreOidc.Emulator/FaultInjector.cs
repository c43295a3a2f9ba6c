using System;
using System.Collections.Generic;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// Queued failures. Each matching request consumes one use of the first matching rule, so "3 Throttling then
/// success" is one rule with Count = 3. Rules are matched in the order they were added.
/// </summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> _rules = new();

    public void Add(FaultRule rule)
    {
        if (rule.Count <= 0) throw new ArgumentOutOfRangeException(nameof(rule), "Count must be at least 1.");
        if (rule.Kind == FaultKind.AwsError && string.IsNullOrEmpty(rule.ErrorCode))
            throw new ArgumentException("An AwsError fault needs an ErrorCode.", nameof(rule));
        if ((rule.OverwriteRole is null) != (rule.OverwriteTrustPolicy is null))
            throw new ArgumentException("OverwriteRole and OverwriteTrustPolicy go together.", nameof(rule));
        var copy = new FaultRule
        {
            Service = (rule.Service ?? "any").ToLowerInvariant(), Action = rule.Action, Host = rule.Host?.Trim().TrimEnd('.').ToLowerInvariant(), Count = rule.Count, Kind = rule.Kind,
            ErrorCode = rule.ErrorCode, StatusCode = rule.StatusCode, DelayMilliseconds = rule.DelayMilliseconds, ContentType = rule.ContentType,
            BodyBytes = rule.BodyBytes, OmitContentLength = rule.OmitContentLength,
            OverwriteRole = rule.OverwriteRole, OverwriteTrustPolicy = rule.OverwriteTrustPolicy,
        };
        lock (_gate) _rules.Add((copy, rule.Count));
    }

    /// <summary>Takes one use of the first rule matching this request, or null.</summary>
    public FaultRule? Take(string service, string action, string host)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, remaining) = _rules[i];
                if (rule.Service != "any" && rule.Service != service) continue;
                if (rule.Action is not null && !rule.Action.Equals(action, StringComparison.OrdinalIgnoreCase)) continue;
                if (rule.Host is not null && rule.Host != host) continue;
                if (remaining <= 1) _rules.RemoveAt(i);
                else _rules[i] = (rule, remaining - 1);
                return rule;
            }
            return null;
        }
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }
}
