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

        public PolicyEvaluator(TrustPolicy policy)
        {
            Policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _statements = policy.Statements.ToArray();
        }

        public TrustPolicy Policy { get; }

        /// <summary>The decision with its explanation: the one path every command and the bench use.</summary>
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
        private PolicyDecisionKind Combine(RequestContext request, MatchOutcome[] applies, out int deciding, out string reason)
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
                    why = $"Statement {Name(deny)} explicitly denies {action}, and an explicit deny overrides every Allow.";
                }
                else if (unknownDeny >= 0 && (allow >= 0 || unknownAllow >= 0))
                {
                    kind = PolicyDecisionKind.Unknown;
                    at = unknownDeny;
                    why = $"Deny statement {Name(unknownDeny)} may apply to {action}, but it cannot be decided offline.";
                }
                else if (allow >= 0)
                {
                    kind = PolicyDecisionKind.Allowed;
                    at = allow;
                    why = $"Statement {Name(allow)} allows {action}.";
                }
                else if (unknownAllow >= 0)
                {
                    kind = PolicyDecisionKind.Unknown;
                    at = unknownAllow;
                    why = $"Only statement {Name(unknownAllow)} might allow {action}, and it cannot be decided offline.";
                }
                else
                {
                    kind = PolicyDecisionKind.ImplicitDeny;
                    at = -1;
                    why = action == RequestContext.TagSessionAction
                        ? "The token carries session tags, so STS also needs sts:TagSession, and no Allow statement that matches this request grants it."
                        : $"No Allow statement matches this request for {action} (IAM denies by default).";
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
