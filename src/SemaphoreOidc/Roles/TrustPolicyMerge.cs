using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Roles
{
    /// <summary>
    /// What applying a trust policy to a role changes. By default a merge: statements for the OIDC providers
    /// the new policy names are replaced by the new statements, and every other statement (an EC2 service
    /// principal, a Deny, another provider's) is kept exactly as it was.
    /// </summary>
    public sealed class TrustPolicyMerge
    {
        private TrustPolicyMerge(TrustPolicy result, IReadOnlyList<PolicyStatement> removed, IReadOnlyList<PolicyStatement> added, IReadOnlyList<PolicyStatement> kept)
        {
            Result = result;
            Removed = removed;
            Added = added;
            Kept = kept;
        }

        public TrustPolicy Result { get; }
        public IReadOnlyList<PolicyStatement> Removed { get; }
        public IReadOnlyList<PolicyStatement> Added { get; }
        public IReadOnlyList<PolicyStatement> Kept { get; }

        /// <summary>True when the result means the same as what the role has (nothing to write).</summary>
        public bool ChangesNothing { get; private set; }

        public static TrustPolicyMerge Compute(TrustPolicy existing, TrustPolicy incoming, bool replace)
        {
            if (incoming == null) throw new ArgumentNullException(nameof(incoming));
            if (existing == null || replace)
            {
                var all = existing?.Statements ?? Array.Empty<PolicyStatement>();
                return new TrustPolicyMerge(incoming, all, incoming.Statements, Array.Empty<PolicyStatement>())
                {
                    ChangesNothing = existing != null && existing.SemanticallyEquals(incoming),
                };
            }

            var providers = new HashSet<string>(incoming.Statements.SelectMany(FederatedOf), StringComparer.OrdinalIgnoreCase);
            var kept = new List<PolicyStatement>();
            var removed = new List<PolicyStatement>();
            foreach (var statement in existing.Statements)
            {
                if (IsReplacedBy(statement, providers)) removed.Add(statement);
                else kept.Add(statement);
            }

            // Kept statements first, in their order, so a reviewer sees the role's other trust unchanged at the top;
            // TrustPolicy.Merge leaves out a new statement that is already there among them.
            var result = existing.Merge(incoming.Statements, statement => IsReplacedBy(statement, providers));
            var added = result.Statements.Skip(kept.Count).ToList();
            return new TrustPolicyMerge(result, removed, added, kept)
            {
                ChangesNothing = existing.SemanticallyEquals(result),
            };
        }

        /// <summary>A summary for -WhatIf and confirmation: how many statements go, come and stay, and which.</summary>
        public string Describe() =>
            $"remove {Removed.Count} statement(s){List(Removed)}, add {Added.Count}{List(Added)}, keep {Kept.Count}{List(Kept)}; " +
            $"result {Result.Size} characters as IAM counts them";

        // Only a statement whose federated principals are all among the new policy's providers, and that has no
        // other kind of principal, belongs to "the same provider": anything else also admits someone else.
        private static bool IsReplacedBy(PolicyStatement statement, HashSet<string> providers)
        {
            var federated = FederatedOf(statement).ToArray();
            if (federated.Length == 0 || statement.HasNotPrincipal || statement.Principal == null || statement.Principal.IsWildcard) return false;
            if (statement.Principal.ByType.Keys.Any(type => !string.Equals(type, "Federated", StringComparison.Ordinal))) return false;
            return federated.All(providers.Contains);
        }

        private static IEnumerable<string> FederatedOf(PolicyStatement statement) =>
            statement.Principal?.Federated ?? Enumerable.Empty<string>();

        private static string List(IReadOnlyList<PolicyStatement> statements) =>
            statements.Count == 0 ? string.Empty : " (" + string.Join("; ", statements.Select(Label)) + ")";

        private static string Label(PolicyStatement statement)
        {
            string who = statement.Principal == null ? "no principal"
                : statement.Principal.IsWildcard ? "*"
                : string.Join(", ", statement.Principal.ByType.SelectMany(p => p.Value.Select(v => p.Key + " " + v)));
            return $"{statement.Effect}{(statement.Sid != null ? " " + statement.Sid : string.Empty)} {who}";
        }
    }
}
