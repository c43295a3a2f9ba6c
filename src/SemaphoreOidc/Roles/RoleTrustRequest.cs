using System.Collections.Generic;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Roles
{
    /// <summary>What Set-SemaphoreRoleTrust was asked to do.</summary>
    public sealed class RoleTrustRequest
    {
        public string RoleName { get; set; }
        public TrustPolicy Policy { get; set; }

        /// <summary>Replace the whole document instead of merging.</summary>
        public bool Replace { get; set; }

        /// <summary>Apply even when the findings call the result too broad.</summary>
        public bool Force { get; set; }

        /// <summary>Create the role when it does not exist.</summary>
        public bool Create { get; set; }

        public string Description { get; set; }
        public int? MaxSessionDuration { get; set; }
        public IReadOnlyList<string> PermissionPolicyArns { get; set; } = new string[0];
        public IReadOnlyList<KeyValuePair<string, string>> Tags { get; set; } = new KeyValuePair<string, string>[0];
    }
}
