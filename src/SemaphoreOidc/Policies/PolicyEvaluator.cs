using System;
using System.Collections.Generic;
using System.Linq;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// Decides, as IAM does, whether a trust policy lets a web-identity request assume the role (IAM User Guide,
    /// policy evaluation logic): a statement applies when its principal, action and every condition match
    /// (operator blocks and keys AND, values OR); an applying Deny wins; otherwise an applying Allow admits;
    /// otherwise the default is deny. Each required action (AssumeRoleWithWebIdentity, and TagSession when the
    /// token carries session tags) must be allowed on its own, possibly by different statements.
    /// Anything not decidable offline makes the result Unknown rather than a guess.
    /// </summary>
    public sealed class PolicyEvaluator
    {
        private readonly PolicyStatement[] _statements;

        // Statements written by one tool repeat the same principal and the same aud condition; the fast path
        // decides each distinct principal and condition once per request (ids index a per-request memo).
        private readonly int[] _principalIds;
        private readonly int[][] _conditionIds;
        private readonly int _distinctPrincipals;
        private readonly int _distinctConditions;

        public PolicyEvaluator(TrustPolicy policy)
        {
            Policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _statements = policy.Statements.ToArray();

            var principals = new Dictionary<string, int>(StringComparer.Ordinal);
            var conditions = new Dictionary<string, int>(StringComparer.Ordinal);
            _principalIds = new int[_statements.Length];
            _conditionIds = new int[_statements.Length][];
            for (int i = 0; i < _statements.Length; i++)
            {
                PolicyStatement statement = _statements[i];
                string principal = statement.Principal == null ? "\0none" : PolicyJsonCanonicalizer.Canonicalize(statement.Element.GetProperty("Principal"));
                _principalIds[i] = IdOf(principals, principal);
                _conditionIds[i] = statement.Conditions
                    .Select(c => IdOf(conditions, c.Operator.Name + "\0" + c.Key.Prefix + ":" + c.Key.Suffix + "\0" + string.Join("\0", c.Values)))
                    .ToArray();
            }

            _distinctPrincipals = principals.Count;
            _distinctConditions = conditions.Count;
        }

        private static int IdOf(Dictionary<string, int> ids, string key)
        {
            if (!ids.TryGetValue(key, out int id)) ids[key] = id = ids.Count;
            return id;
        }

        public TrustPolicy Policy { get; }

        /// <summary>The decision with its explanation.</summary>
        public PolicyDecision Evaluate(RequestContext request)
        {
            var evaluations = new List<StatementEvaluation>(_statements.Length);
            var outcomes = new MatchOutcome[_statements.Length];
            for (int i = 0; i < _statements.Length; i++)
            {
                evaluations.Add(Explain(_statements[i], request, out outcomes[i]));
            }

            PolicyDecisionKind decision = Combine(request, outcomes, out int deciding, out string reason);
            return new PolicyDecision(decision, reason, deciding >= 0 ? evaluations[deciding] : null, evaluations, request);
        }

        /// <summary>The decision alone, without explanations: the fast path for bulk checks.</summary>
        public PolicyDecisionKind Decide(RequestContext request) => Decide(request, new Scratch(this));

        private PolicyDecisionKind Decide(RequestContext request, Scratch scratch)
        {
            Array.Clear(scratch.Principals, 0, scratch.Principals.Length);
            Array.Clear(scratch.Conditions, 0, scratch.Conditions.Length);
            for (int i = 0; i < _statements.Length; i++) scratch.Outcomes[i] = Applies(i, request, scratch);
            return Combine(request, scratch.Outcomes, out _, out _, explain: false);
        }

        /// <summary>Decisions for many requests in one call (no per-request work in the caller, e.g. a PowerShell loop).</summary>
        public PolicyDecisionKind[] EvaluateMany(IEnumerable<RequestContext> requests)
        {
            var list = requests as IList<RequestContext> ?? requests.ToList();
            var result = new PolicyDecisionKind[list.Count];
            var scratch = new Scratch(this); // one set of buffers for the whole batch: no garbage per request
            for (int i = 0; i < result.Length; i++) result[i] = Decide(list[i], scratch);
            return result;
        }

        /// <summary>How many of the requests are allowed (benchmarks).</summary>
        public int CountAllowed(IEnumerable<RequestContext> requests) => EvaluateMany(requests).Count(d => d == PolicyDecisionKind.Allowed);

        /// <summary>Principal and conditions, without action: the action part is per required action.</summary>
        private MatchOutcome Applies(int index, RequestContext request, Scratch scratch)
        {
            PolicyStatement statement = _statements[index];
            if (statement.Principal == null) return MatchOutcome.Unknown;

            // Memo cells hold outcome + 1, so 0 means "not decided yet for this request".
            int principalId = _principalIds[index];
            if (scratch.Principals[principalId] == 0) scratch.Principals[principalId] = (byte)(statement.Principal.Match(request, out _, false) + 1);
            MatchOutcome outcome = (MatchOutcome)(scratch.Principals[principalId] - 1);
            if (outcome == MatchOutcome.NoMatch) return outcome;

            var conditions = statement.Conditions;
            int[] ids = _conditionIds[index];
            for (int i = 0; i < conditions.Count; i++)
            {
                int id = ids[i];
                if (scratch.Conditions[id] == 0) scratch.Conditions[id] = (byte)(conditions[i].Evaluate(request, out _, false) + 1);
                outcome = MatchLogic.And(outcome, (MatchOutcome)(scratch.Conditions[id] - 1));
                if (outcome == MatchOutcome.NoMatch) return outcome;
            }

            return outcome;
        }

        private sealed class Scratch
        {
            public readonly MatchOutcome[] Outcomes;
            public readonly byte[] Principals;
            public readonly byte[] Conditions;

            public Scratch(PolicyEvaluator evaluator)
            {
                Outcomes = new MatchOutcome[evaluator._statements.Length];
                Principals = new byte[evaluator._distinctPrincipals];
                Conditions = new byte[evaluator._distinctConditions];
            }
        }

        private static StatementEvaluation Explain(PolicyStatement statement, RequestContext request, out MatchOutcome outcome)
        {
            MatchOutcome principal;
            string principalReason;
            if (statement.Principal == null)
            {
                principal = MatchOutcome.Unknown;
                principalReason = "NotPrincipal is not supported in role trust policies and is not simulated.";
            }
            else
            {
                principal = statement.Principal.Match(request, out principalReason, true);
            }

            string[] covered = request.RequiredActions.Where(statement.Covers).ToArray();
            string actionReason = $"{statement.Actions} covers {(covered.Length == 0 ? "none" : string.Join(" and ", covered))} of {string.Join(", ", request.RequiredActions)}.";

            var conditions = new List<ConditionEvaluation>(statement.Conditions.Count);
            MatchOutcome all = MatchOutcome.Match;
            foreach (PolicyCondition condition in statement.Conditions)
            {
                MatchOutcome c = condition.Evaluate(request, out string why, true);
                conditions.Add(new ConditionEvaluation(condition, c, why));
                all = MatchLogic.And(all, c);
            }

            outcome = MatchLogic.And(principal, all);
            MatchOutcome forAssume = statement.CoversAssumeRole ? outcome : MatchOutcome.NoMatch;
            string reason;
            if (!statement.CoversAssumeRole && covered.Length == 0) reason = actionReason;
            else if (principal == MatchOutcome.NoMatch) reason = principalReason;
            else if (all == MatchOutcome.NoMatch) reason = "Condition not met: " + string.Join(" ", conditions.Where(c => c.Outcome == MatchOutcome.NoMatch).Select(c => c.Reason));
            else if (outcome == MatchOutcome.Unknown) reason = "Undecidable offline: " + string.Join(" ", conditions.Where(c => c.Outcome == MatchOutcome.Unknown).Select(c => c.Reason).DefaultIfEmpty(principalReason));
            else reason = $"Principal, action and {(conditions.Count == 0 ? "(no) conditions" : "every condition")} match.";

            return new StatementEvaluation(statement, forAssume, principal, principalReason, covered, actionReason, conditions, reason);
        }

        /// <summary>Explicit deny, then allow, per required action; the request needs every action allowed.</summary>
        private PolicyDecisionKind Combine(RequestContext request, MatchOutcome[] applies, out int deciding, out string reason, bool explain = true)
        {
            deciding = -1;
            reason = null;
            PolicyDecisionKind overall = PolicyDecisionKind.Allowed;
            string[] actions = request.HasSessionTags
                ? new[] { RequestContext.AssumeRoleAction, RequestContext.TagSessionAction }
                : SingleAction;

            foreach (string action in actions)
            {
                int deny = -1, unknownDeny = -1, allow = -1, unknownAllow = -1;
                for (int i = 0; i < _statements.Length; i++)
                {
                    PolicyStatement s = _statements[i];
                    if (applies[i] == MatchOutcome.NoMatch || !s.Covers(action)) continue;
                    if (s.Effect == PolicyEffect.Deny)
                    {
                        if (applies[i] == MatchOutcome.Match) { deny = i; break; }
                        if (unknownDeny < 0) unknownDeny = i;
                    }
                    else if (applies[i] == MatchOutcome.Match) { if (allow < 0) allow = i; }
                    else if (unknownAllow < 0) unknownAllow = i;
                }

                PolicyDecisionKind kind;
                int at;
                string why = null;
                if (deny >= 0)
                {
                    kind = PolicyDecisionKind.Denied;
                    at = deny;
                    if (explain) why = $"Statement {Name(deny)} explicitly denies {action}, and an explicit deny overrides every Allow.";
                }
                else if (unknownDeny >= 0 && (allow >= 0 || unknownAllow >= 0))
                {
                    kind = PolicyDecisionKind.Unknown;
                    at = unknownDeny;
                    if (explain) why = $"Deny statement {Name(unknownDeny)} may apply to {action}, but it cannot be decided offline.";
                }
                else if (allow >= 0)
                {
                    kind = PolicyDecisionKind.Allowed;
                    at = allow;
                    if (explain) why = $"Statement {Name(allow)} allows {action}.";
                }
                else if (unknownAllow >= 0)
                {
                    kind = PolicyDecisionKind.Unknown;
                    at = unknownAllow;
                    if (explain) why = $"Only statement {Name(unknownAllow)} might allow {action}, and it cannot be decided offline.";
                }
                else
                {
                    kind = PolicyDecisionKind.ImplicitDeny;
                    at = -1;
                    if (explain)
                    {
                        why = action == RequestContext.TagSessionAction
                            ? "The token carries session tags, so STS also needs sts:TagSession, and no Allow statement that matches this request grants it."
                            : $"No Allow statement matches this request for {action} (IAM denies by default).";
                    }
                }

                // Denied beats ImplicitDeny beats Unknown beats Allowed: one refused action refuses the request.
                if (Rank(kind) > Rank(overall))
                {
                    overall = kind;
                    deciding = at;
                    reason = why;
                }
                else if (overall == PolicyDecisionKind.Allowed && kind == PolicyDecisionKind.Allowed)
                {
                    if (deciding < 0) deciding = at;
                    reason = reason == null ? why : reason + " " + why;
                }
            }

            return overall;
        }

        private static readonly string[] SingleAction = { RequestContext.AssumeRoleAction };

        private static int Rank(PolicyDecisionKind kind) =>
            kind == PolicyDecisionKind.Denied ? 3 : kind == PolicyDecisionKind.ImplicitDeny ? 2 : kind == PolicyDecisionKind.Unknown ? 1 : 0;

        private string Name(int index) => _statements[index].Sid != null ? $"{index} ({_statements[index].Sid})" : index.ToString();
    }
}
