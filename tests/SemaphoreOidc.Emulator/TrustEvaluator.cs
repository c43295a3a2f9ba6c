using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// Decides whether a role's trust policy lets a federated principal take an action, the way IAM does for
/// AssumeRoleWithWebIdentity (docs/trust-policies.md, "How the decision is made"). Written apart from the module's own
/// evaluator (src/SemaphoreOidc/Policies) on purpose, and never to be replaced by it: the emulator plays AWS, and a
/// bug the two shared would pass every test.
/// </summary>
internal static class TrustEvaluator
{
    /// <param name="policyJson">The role's trust policy.</param>
    /// <param name="federatedPrincipal">The provider ARN the token came through.</param>
    /// <param name="action">e.g. sts:AssumeRoleWithWebIdentity, sts:TagSession.</param>
    /// <param name="context">Condition keys present in the request (e.g. "my-org.semaphoreci.com:sub"); names compared ignoring case.</param>
    public static bool IsAllowed(string policyJson, string federatedPrincipal, string action, IReadOnlyDictionary<string, string> context)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(policyJson); }
        catch (JsonException) { return false; }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !TryGet(doc.RootElement, "Statement", out var statements)) return false;
            var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<JsonElement> { statements };
            var ctx = new Dictionary<string, string>(context, StringComparer.OrdinalIgnoreCase);
            var allowed = false;
            foreach (var s in list)
            {
                if (s.ValueKind != JsonValueKind.Object) return false;
                if (!Applies(s, federatedPrincipal, action, ctx)) continue;
                var effect = TryGet(s, "Effect", out var e) ? e.GetString() : null;
                if (effect == "Deny") return false; // an explicit deny always wins
                if (effect == "Allow") allowed = true;
            }
            return allowed;
        }
    }

    private static bool Applies(JsonElement s, string principal, string action, Dictionary<string, string> ctx)
    {
        if (TryGet(s, "Principal", out var p))
        {
            if (!PrincipalMatches(p, principal)) return false;
        }
        else if (TryGet(s, "NotPrincipal", out var np))
        {
            if (PrincipalMatches(np, principal)) return false;
        }
        else return false;

        if (TryGet(s, "Action", out var a))
        {
            if (!Strings(a).Any(v => WildcardMatch(v, action, ignoreCase: true))) return false;
        }
        else if (TryGet(s, "NotAction", out var na))
        {
            if (Strings(na).Any(v => WildcardMatch(v, action, ignoreCase: true))) return false;
        }
        else return false;

        if (!TryGet(s, "Condition", out var condition)) return true;
        if (condition.ValueKind != JsonValueKind.Object) return false;
        foreach (var block in condition.EnumerateObject()) // several operators: AND
        {
            if (block.Value.ValueKind != JsonValueKind.Object) return false;
            foreach (var key in block.Value.EnumerateObject()) // several keys: AND
            {
                ctx.TryGetValue(key.Name, out var actual);
                if (!Evaluate(block.Name, actual, Strings(key.Value).ToList())) return false;
            }
        }
        return true;
    }

    private static bool PrincipalMatches(JsonElement p, string principal)
    {
        if (p.ValueKind == JsonValueKind.String) return p.GetString() == "*";
        if (p.ValueKind != JsonValueKind.Object) return false;
        foreach (var kind in p.EnumerateObject())
        {
            if (kind.Name == "Federated" && Strings(kind.Value).Any(v => v == principal)) return true;
            if (kind.Name == "AWS" && Strings(kind.Value).Any(v => v == "*")) return true;
        }
        return false;
    }

    /// <summary>One operator on one key. Several values: OR (for negated operators: matches none of them).</summary>
    internal static bool Evaluate(string op, string? actual, IReadOnlyList<string> values)
    {
        var name = op;
        if (name.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            if (actual is null) return false;
            name = name["ForAnyValue:".Length..];
        }
        else if (name.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            if (actual is null) return true; // IAM: true when the key is missing; the reason never to Allow with it
            name = name["ForAllValues:".Length..];
        }

        if (name == "Null")
        {
            // "Null": "true" means the key must be absent.
            return values.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) == (actual is null));
        }

        var ifExists = name.EndsWith("IfExists", StringComparison.Ordinal);
        if (ifExists) name = name[..^"IfExists".Length];
        if (actual is null)
        {
            if (ifExists) return true;
            return name is "StringNotEquals" or "StringNotLike" or "StringNotEqualsIgnoreCase";
        }

        return name switch
        {
            "StringEquals" => values.Any(v => v == actual),
            "StringNotEquals" => values.All(v => v != actual),
            "StringEqualsIgnoreCase" => values.Any(v => v.Equals(actual, StringComparison.OrdinalIgnoreCase)),
            "StringNotEqualsIgnoreCase" => values.All(v => !v.Equals(actual, StringComparison.OrdinalIgnoreCase)),
            "StringLike" => values.Any(v => WildcardMatch(v, actual, ignoreCase: false)),
            "StringNotLike" => values.All(v => !WildcardMatch(v, actual, ignoreCase: false)),
            _ => false, // an operator this emulator does not know can never grant access
        };
    }

    /// <summary>IAM wildcard match: * any run, ? one character; ${*} ${?} ${$} are literal * ? $.</summary>
    internal static bool WildcardMatch(string pattern, string value, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '$' && i + 3 < pattern.Length
                && pattern[i + 1] == '{' && pattern[i + 3] == '}' && (pattern[i + 2] is '*' or '?' or '$'))
            {
                regex.Append(Regex.Escape(pattern[i + 2].ToString()));
                i += 3;
            }
            else if (pattern[i] == '*') regex.Append(".*");
            else if (pattern[i] == '?') regex.Append('.');
            else regex.Append(Regex.Escape(pattern[i].ToString()));
        }
        regex.Append('$');
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : 0);
        return Regex.IsMatch(value, regex.ToString(), options, TimeSpan.FromSeconds(1));
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => new[] { e.GetString()! },
        JsonValueKind.Array => e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()),
        JsonValueKind.True => new[] { "true" },
        JsonValueKind.False => new[] { "false" },
        JsonValueKind.Number => new[] { e.GetRawText() },
        _ => Array.Empty<string>(),
    };

    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        // Policy element names are case-sensitive in IAM.
        return obj.TryGetProperty(name, out value);
    }
}
