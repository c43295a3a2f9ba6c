using System.Collections.Generic;

namespace SemaphoreOidc.Policies
{
    public enum PolicyDecisionKind
    {
        /// <summary>An Allow statement matches every required action and no Deny matches.</summary>
        Allowed,

        /// <summary>A Deny statement matches: explicit deny wins over any Allow.</summary>
        Denied,

        /// <summary>No Allow statement matches (IAM's default deny).</summary>
        ImplicitDeny,

        /// <summary>The outcome depends on something not simulated offline; see <see cref="PolicyDecision.Reason"/>.</summary>
        Unknown,
    }

    /// <summary>What IAM would decide for one AssumeRoleWithWebIdentity request, and why, per statement and condition.</summary>
    public sealed class PolicyDecision
    {
        internal PolicyDecision(PolicyDecisionKind decision, string reason, StatementEvaluation deciding,
            IReadOnlyList<StatementEvaluation> statements, RequestContext request)
        {
            Decision = decision;
            Reason = reason;
            DecidingStatement = deciding;
            Statements = statements;
            Issuer = request.Issuer;
            Audience = string.Join(", ", request.Audiences);
            Subject = request.Subject;
            RequiredActions = request.RequiredActions;
        }

        public PolicyDecisionKind Decision { get; }

        /// <summary>True or false when decided; null when <see cref="PolicyDecisionKind.Unknown"/>.</summary>
        public bool? Allowed => Decision == PolicyDecisionKind.Unknown ? (bool?)null : Decision == PolicyDecisionKind.Allowed;

        public string Reason { get; }

        /// <summary>The statement that decided (the matching Deny, or the Allow), or null for an implicit deny.</summary>
        public StatementEvaluation DecidingStatement { get; }

        public IReadOnlyList<StatementEvaluation> Statements { get; }

        public string Issuer { get; }
        public string Audience { get; }
        public string Subject { get; }
        public string[] RequiredActions { get; }

        public override string ToString() => $"{Decision}: {Reason}";
    }

    /// <summary>One statement's part in a decision.</summary>
    public sealed class StatementEvaluation
    {
        internal StatementEvaluation(PolicyStatement statement, MatchOutcome outcome, MatchOutcome principal, string principalReason,
            string[] coveredActions, string actionReason, IReadOnlyList<ConditionEvaluation> conditions, string reason)
        {
            Index = statement.Index;
            Sid = statement.Sid;
            Effect = statement.Effect;
            Outcome = outcome;
            Principal = principal;
            PrincipalReason = principalReason;
            CoveredActions = coveredActions;
            ActionReason = actionReason;
            Conditions = conditions;
            Reason = reason;
            Statement = statement;
        }

        public int Index { get; }
        public string Sid { get; }
        public PolicyEffect Effect { get; }

        /// <summary>Whether the statement applies to the request's sts:AssumeRoleWithWebIdentity action.</summary>
        public MatchOutcome Outcome { get; }

        public MatchOutcome Principal { get; }
        public string PrincipalReason { get; }

        /// <summary>Which of the request's required actions the statement's Action/NotAction covers.</summary>
        public string[] CoveredActions { get; }

        public string ActionReason { get; }
        public IReadOnlyList<ConditionEvaluation> Conditions { get; }
        public string Reason { get; }
        public PolicyStatement Statement { get; }

        public override string ToString() => $"[{Index}]{(Sid != null ? " " + Sid : string.Empty)} {Effect}: {Outcome} - {Reason}";
    }

    /// <summary>One operator/key pair's part in a decision.</summary>
    public sealed class ConditionEvaluation
    {
        internal ConditionEvaluation(PolicyCondition condition, MatchOutcome outcome, string reason)
        {
            Operator = condition.Operator.Name;
            Key = condition.Key.Name;
            Values = condition.Values;
            Outcome = outcome;
            Reason = reason;
        }

        public string Operator { get; }
        public string Key { get; }
        public string[] Values { get; }
        public MatchOutcome Outcome { get; }
        public string Reason { get; }

        public override string ToString() => $"{Operator} {Key}: {Outcome} - {Reason}";
    }
}
