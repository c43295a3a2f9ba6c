using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// One statement of a trust policy. It keeps the JSON element it was read from, so writing the policy back
    /// reproduces members this module does not model (Resource, a service principal, unknown keys) unchanged.
    /// The parts the simulator needs (effect, principal, actions, conditions) are compiled once here.
    /// </summary>
    public sealed class PolicyStatement
    {
        private PolicyStatement(JsonElement element, int index, string sid, PolicyEffect effect, PolicyPrincipal principal,
            bool hasNotPrincipal, PolicyActions actions, IReadOnlyList<PolicyCondition> conditions)
        {
            Element = element;
            Index = index;
            Sid = sid;
            Effect = effect;
            Principal = principal;
            HasNotPrincipal = hasNotPrincipal;
            Actions = actions;
            Conditions = conditions;
            CoversAssumeRole = actions.Covers(RequestContext.AssumeRoleAction);
            CoversTagSession = actions.Covers(RequestContext.TagSessionAction);
        }

        /// <summary>Position in the policy's Statement list (0-based).</summary>
        public int Index { get; }

        public string Sid { get; }

        public PolicyEffect Effect { get; }

        /// <summary>The Principal element, or null when the statement uses NotPrincipal.</summary>
        public PolicyPrincipal Principal { get; }

        public bool HasNotPrincipal { get; }

        public PolicyActions Actions { get; }

        /// <summary>Every operator/key pair of the Condition element, in document order.</summary>
        public IReadOnlyList<PolicyCondition> Conditions { get; }

        public bool CoversAssumeRole { get; }

        public bool CoversTagSession { get; }

        /// <summary>The statement's JSON exactly as read (or as the builder wrote it).</summary>
        public JsonElement Element { get; }

        /// <summary>The statement as compact JSON.</summary>
        public string Json => Element.GetRawText();

        /// <summary>True when the statement's principal names the IAM OIDC provider for this host[/path] (issuer without https://).</summary>
        public bool TrustsProvider(string hostAndPath) =>
            Principal != null && Principal.ProviderHosts.Any(h => string.Equals(h, hostAndPath, StringComparison.Ordinal));

        internal bool Covers(string action) =>
            action == RequestContext.AssumeRoleAction ? CoversAssumeRole
            : action == RequestContext.TagSessionAction ? CoversTagSession
            : Actions.Covers(action);

        /// <summary>Reads one statement (a JSON object) on its own, e.g. to add it to a policy with <see cref="TrustPolicy.Create"/>.</summary>
        public static PolicyStatement Parse(string json)
        {
            TrustPolicy wrapper = TrustPolicy.Parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + json + "]}");
            if (wrapper.Statements.Count != 1) throw PolicyErrors.Malformed("Give exactly one statement object.", null);
            return wrapper.Statements[0];
        }

        internal static PolicyStatement FromElement(JsonElement element, int index, bool policyVariables)
        {
            string where = $"Statement {index}";
            if (element.ValueKind != JsonValueKind.Object) throw PolicyErrors.Malformed($"{where} is a JSON {Describe(element)}, not an object.", index);

            string sid = null;
            if (element.TryGetProperty("Sid", out JsonElement sidElement))
            {
                if (sidElement.ValueKind != JsonValueKind.String) throw PolicyErrors.Malformed($"{where}: Sid must be a string.", index);
                sid = sidElement.GetString();
                where = $"Statement {index} ({sid})";
            }

            if (!element.TryGetProperty("Effect", out JsonElement effectElement) || effectElement.ValueKind != JsonValueKind.String)
            {
                throw PolicyErrors.Malformed($"{where} has no Effect string (\"Allow\" or \"Deny\").", index);
            }

            PolicyEffect effect;
            switch (effectElement.GetString())
            {
                case "Allow": effect = PolicyEffect.Allow; break;
                case "Deny": effect = PolicyEffect.Deny; break;
                default: throw PolicyErrors.Malformed($"{where}: Effect is '{effectElement.GetString()}'; IAM accepts exactly \"Allow\" or \"Deny\".", index);
            }

            bool hasPrincipal = element.TryGetProperty("Principal", out JsonElement principalElement);
            bool hasNotPrincipal = element.TryGetProperty("NotPrincipal", out _);
            if (hasPrincipal == hasNotPrincipal)
            {
                throw PolicyErrors.Malformed($"{where} needs exactly one of Principal and NotPrincipal (a trust policy names who may assume the role).", index);
            }

            PolicyPrincipal principal = hasPrincipal ? ReadPrincipal(principalElement, where, index) : null;

            bool hasAction = element.TryGetProperty("Action", out JsonElement actionElement);
            bool hasNotAction = element.TryGetProperty("NotAction", out JsonElement notActionElement);
            if (hasAction == hasNotAction) throw PolicyErrors.Malformed($"{where} needs exactly one of Action and NotAction.", index);
            var actions = new PolicyActions(ReadStrings(hasAction ? actionElement : notActionElement, where + (hasAction ? " Action" : " NotAction"), index), hasNotAction);

            var conditions = new List<PolicyCondition>();
            if (element.TryGetProperty("Condition", out JsonElement conditionElement))
            {
                if (conditionElement.ValueKind != JsonValueKind.Object) throw PolicyErrors.Malformed($"{where}: Condition must be an object of operators.", index);
                foreach (JsonProperty block in conditionElement.EnumerateObject())
                {
                    if (block.Value.ValueKind != JsonValueKind.Object)
                    {
                        throw PolicyErrors.Malformed($"{where}: Condition operator {block.Name} must map keys to values.", index);
                    }

                    var op = ConditionOperator.Parse(block.Name);
                    foreach (JsonProperty key in block.Value.EnumerateObject())
                    {
                        string[] values = ReadStrings(key.Value, $"{where} {block.Name} {key.Name}", index, allowScalars: true);
                        conditions.Add(new PolicyCondition(op, new ConditionKey(key.Name), values, policyVariables));
                    }
                }
            }

            return new PolicyStatement(element.Clone(), index, sid, effect, principal, hasNotPrincipal, actions, conditions);
        }

        private static PolicyPrincipal ReadPrincipal(JsonElement element, string where, int index)
        {
            var byType = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (element.ValueKind == JsonValueKind.String)
            {
                if (element.GetString() != "*") throw PolicyErrors.Malformed($"{where}: a string Principal can only be \"*\"; name principals as {{\"Federated\": \"arn:...\"}}.", index);
                return new PolicyPrincipal(true, byType);
            }

            if (element.ValueKind != JsonValueKind.Object) throw PolicyErrors.Malformed($"{where}: Principal must be \"*\" or an object.", index);
            foreach (JsonProperty type in element.EnumerateObject())
            {
                byType[type.Name] = ReadStrings(type.Value, $"{where} Principal {type.Name}", index);
            }

            return new PolicyPrincipal(false, byType);
        }

        /// <summary>A string or an array of strings (IAM treats a single value and a one-element array alike).</summary>
        private static string[] ReadStrings(JsonElement element, string where, int index, bool allowScalars = false)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return new[] { element.GetString() };
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    // Condition values may be written as JSON numbers or booleans; IAM compares their text.
                    if (allowScalars) return new[] { element.GetRawText() };
                    break;
                case JsonValueKind.Array:
                    var list = new List<string>();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString());
                        else if (allowScalars && (item.ValueKind == JsonValueKind.Number || item.ValueKind == JsonValueKind.True || item.ValueKind == JsonValueKind.False)) list.Add(item.GetRawText());
                        else throw PolicyErrors.Malformed($"{where}: every array item must be a string, not a JSON {Describe(item)}.", index);
                    }

                    if (list.Count == 0) throw PolicyErrors.Malformed($"{where} is an empty array.", index);
                    return list.ToArray();
            }

            throw PolicyErrors.Malformed($"{where} must be a string or an array of strings, not a JSON {Describe(element)}.", index);
        }

        private static string Describe(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

        public override string ToString() => $"[{Index}] {Effect}{(Sid != null ? " " + Sid : string.Empty)}: {Actions}";
    }
}
