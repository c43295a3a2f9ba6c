namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// Three-valued result of matching one part of a statement. <see cref="Unknown"/> is for what cannot be
    /// decided offline (an unsupported operator, a policy variable, a global key such as aws:SourceIp): the
    /// simulator reports it instead of guessing.
    /// </summary>
    public enum MatchOutcome
    {
        Match,
        NoMatch,
        Unknown,
    }

    internal static class MatchLogic
    {
        /// <summary>AND as IAM combines keys and blocks: one definite failure decides; otherwise any unknown leaves it open.</summary>
        public static MatchOutcome And(MatchOutcome a, MatchOutcome b) =>
            a == MatchOutcome.NoMatch || b == MatchOutcome.NoMatch ? MatchOutcome.NoMatch
            : a == MatchOutcome.Unknown || b == MatchOutcome.Unknown ? MatchOutcome.Unknown
            : MatchOutcome.Match;

        public static MatchOutcome FromBool(bool value) => value ? MatchOutcome.Match : MatchOutcome.NoMatch;

        public static MatchOutcome Not(MatchOutcome value) =>
            value == MatchOutcome.Match ? MatchOutcome.NoMatch : value == MatchOutcome.NoMatch ? MatchOutcome.Match : MatchOutcome.Unknown;
    }
}
