using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Iam;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Roles
{
    /// <summary>A planned trust-policy change, checked and described before anything is written.</summary>
    public sealed class RoleTrustChange
    {
        public RoleTrustRequest Request { get; set; }

        /// <summary>The role as read; null when it will be created.</summary>
        public RoleDescription Existing { get; set; }

        /// <summary>The role's trust policy as read (null when the role will be created).</summary>
        public TrustPolicy ExistingPolicy { get; set; }

        public TrustPolicyMerge Merge { get; set; }
        public int SizeQuota { get; set; }
        public IReadOnlyList<PolicyFinding> Findings { get; set; } = new PolicyFinding[0];

        public bool CreatesRole => Existing == null;

        public bool ChangesMaxSessionDuration =>
            Request.MaxSessionDuration.HasValue && (Existing == null || Existing.MaxSessionDuration != Request.MaxSessionDuration.Value);

        public bool ChangesNothing => !CreatesRole && Merge.ChangesNothing && !ChangesMaxSessionDuration && Request.PermissionPolicyArns.Count == 0;

        public string Describe()
        {
            if (CreatesRole)
            {
                return $"Create role {Request.RoleName} with a trust policy of {Merge.Added.Count} statement(s) ({Merge.Result.Size} characters)" +
                       (Request.PermissionPolicyArns.Count > 0 ? $", attach {string.Join(", ", Request.PermissionPolicyArns)}" : string.Empty) +
                       (Request.MaxSessionDuration.HasValue ? $", MaxSessionDuration {Request.MaxSessionDuration}" : string.Empty);
            }

            var parts = new List<string>();
            if (!Merge.ChangesNothing) parts.Add((Request.Replace ? "Replace the trust policy: " : "Merge the trust policy: ") + Merge.Describe());
            if (ChangesMaxSessionDuration) parts.Add($"MaxSessionDuration {Existing.MaxSessionDuration} -> {Request.MaxSessionDuration}");
            if (Request.PermissionPolicyArns.Count > 0) parts.Add("attach " + string.Join(", ", Request.PermissionPolicyArns));
            return parts.Count == 0 ? $"Nothing to change on role {Request.RoleName}" : $"Role {Request.RoleName}: " + string.Join("; ", parts);
        }

        internal IEnumerable<PolicyFinding> TooBroad =>
            Findings.Where(f => f.Severity == FindingSeverity.High &&
                                f.Id != FindingIds.PolicySizeOverLimit && f.Id != FindingIds.PolicySizeNearLimit);
    }
}
