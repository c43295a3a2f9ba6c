using System;
using System.Collections.Generic;
using System.Linq;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// One operator/key pair of a Condition block with its values, compiled at parse time. Evaluation follows the
    /// IAM User Guide: several values of one key OR; a missing key makes a positive operator false and a negated
    /// one true; IfExists makes a missing key true; ForAnyValue is false and ForAllValues true on a missing key;
    /// <c>Null: true</c> means "the key is absent".
    /// </summary>
    public sealed class PolicyCondition
    {
        private readonly ConditionValue[] _compiled;
        private readonly bool _anyVariable;

        internal PolicyCondition(ConditionOperator op, ConditionKey key, string[] values, bool policyVariables)
        {
            Operator = op;
            Key = key;
            Values = values;
            _compiled = values.Select(v => ConditionValue.Parse(v, policyVariables)).ToArray();
            _anyVariable = _compiled.Any(v => v.HasVariable);
        }

        public ConditionOperator Operator { get; }
        public ConditionKey Key { get; }

        /// <summary>The values as written (a single JSON string becomes a one-element array).</summary>
        public string[] Values { get; }

        public IReadOnlyList<ConditionValue> CompiledValues => _compiled;

        internal MatchOutcome Evaluate(RequestContext request, out string reason, bool explain)
        {
            reason = null;
            if (!Operator.IsSupported)
            {
                if (explain) reason = $"{Operator.Name} is not simulated offline (only the String operators and Null apply to {request.ProviderHost}:aud and :sub); the decision is Unknown.";
                return MatchOutcome.Unknown;
            }

            KeyPresence presence = request.Lookup(Key, out string[] actual);
            if (presence == KeyPresence.Unknown)
            {
                if (explain) reason = $"{Key.Name} is a global or STS key whose value is not known offline.";
                return MatchOutcome.Unknown;
            }

            if (Operator.Kind == ConditionOperatorKind.Null) return EvaluateNull(presence == KeyPresence.Absent, out reason, explain);

            if (presence == KeyPresence.Absent)
            {
                bool result = Operator.Qualifier == SetQualifier.ForAllValues
                    || Operator.IfExists
                    || (Operator.Qualifier == SetQualifier.None && Operator.IsNegated);
                if (explain)
                {
                    reason = Operator.Qualifier == SetQualifier.ForAllValues ? $"{Key.Name} is not in the request, and ForAllValues is true for a missing key."
                        : Operator.IfExists ? $"{Key.Name} is not in the request, and IfExists makes that true."
                        : result ? $"{Key.Name} is not in the request, and a negated operator is true for a missing key."
                        : $"{Key.Name} is not in the request, so {Operator.Name} is false.";
                }

                return MatchLogic.FromBool(result);
            }

            MatchOutcome outcome;
            switch (Operator.Qualifier)
            {
                case SetQualifier.ForAllValues:
                    outcome = MatchOutcome.Match;
                    foreach (string value in actual) outcome = MatchLogic.And(outcome, Satisfies(value));
                    break;
                case SetQualifier.ForAnyValue:
                    outcome = MatchOutcome.NoMatch;
                    foreach (string value in actual) outcome = Or(outcome, Satisfies(value));
                    break;
                default:
                    // Without a set operator a positive operator needs one request value to match and a
                    // negated one needs no request value to match any listed value.
                    if (Operator.IsNegated)
                    {
                        outcome = MatchOutcome.Match;
                        foreach (string value in actual) outcome = MatchLogic.And(outcome, Satisfies(value));
                    }
                    else
                    {
                        outcome = MatchOutcome.NoMatch;
                        foreach (string value in actual) outcome = Or(outcome, Satisfies(value));
                    }

                    break;
            }

            if (explain) reason = Explain(outcome, actual);
            return outcome;
        }

        /// <summary>Whether one request value satisfies the operator (for negated ones: matches none of the values).</summary>
        private MatchOutcome Satisfies(string actual)
        {
            MatchOutcome any = AnyValueMatches(actual);
            return Operator.IsNegated ? MatchLogic.Not(any) : any;
        }

        private MatchOutcome AnyValueMatches(string actual)
        {
            for (int i = 0; i < _compiled.Length; i++)
            {
                ConditionValue value = _compiled[i];
                if (value.HasVariable) continue;
                bool hit;
                switch (Operator.Kind)
                {
                    case ConditionOperatorKind.StringEquals:
                    case ConditionOperatorKind.StringNotEquals:
                        hit = string.Equals(value.Literal, actual, StringComparison.Ordinal);
                        break;
                    case ConditionOperatorKind.StringEqualsIgnoreCase:
                    case ConditionOperatorKind.StringNotEqualsIgnoreCase:
                        hit = string.Equals(value.Literal, actual, StringComparison.OrdinalIgnoreCase);
                        break;
                    default:
                        hit = value.Glob.IsMatch(actual);
                        break;
                }

                if (hit) return MatchOutcome.Match;
            }

            // A policy variable's value depends on the request; no listed value matched, so it might.
            return _anyVariable ? MatchOutcome.Unknown : MatchOutcome.NoMatch;
        }

        private MatchOutcome EvaluateNull(bool absent, out string reason, bool explain)
        {
            reason = null;
            MatchOutcome outcome = MatchOutcome.NoMatch;
            foreach (string value in Values)
            {
                bool expectAbsent;
                if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)) expectAbsent = true;
                else if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)) expectAbsent = false;
                else
                {
                    if (explain) reason = $"Null takes \"true\" or \"false\", not '{value}'.";
                    return MatchOutcome.Unknown;
                }

                if (expectAbsent == absent) outcome = MatchOutcome.Match;
            }

            if (explain) reason = $"{Key.Name} is {(absent ? "absent" : "present")}; Null {string.Join("/", Values)} is {(outcome == MatchOutcome.Match ? "true" : "false")}.";
            return outcome;
        }

        private string Explain(MatchOutcome outcome, string[] actual)
        {
            string shown = string.Join(", ", actual.Select(a => "'" + a + "'"));
            string listed = string.Join(", ", Values.Select(v => "'" + v + "'"));
            if (outcome == MatchOutcome.Unknown) return $"{Key.Name} = {shown}: a value uses a policy variable ({_compiled.First(v => v.HasVariable).Variable}) that cannot be resolved offline.";
            string verdict = outcome == MatchOutcome.Match ? "satisfies" : "does not satisfy";
            return $"{Key.Name} = {shown} {verdict} {Operator.Name} [{listed}].";
        }

        private static MatchOutcome Or(MatchOutcome a, MatchOutcome b) =>
            a == MatchOutcome.Match || b == MatchOutcome.Match ? MatchOutcome.Match
            : a == MatchOutcome.Unknown || b == MatchOutcome.Unknown ? MatchOutcome.Unknown
            : MatchOutcome.NoMatch;

        public override string ToString() => $"{Operator.Name} {Key.Name} [{string.Join(", ", Values)}]";
    }
}
