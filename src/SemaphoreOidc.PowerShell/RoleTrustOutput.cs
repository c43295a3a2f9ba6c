using System.Management.Automation;
using SemaphoreOidc.Iam;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// A role's trust policy goes out as the TrustPolicy itself (so it pipes into -Policy) carrying the role's
    /// RoleName, RoleArn and MaxSessionDuration (so it pipes into -RoleName too).
    /// </summary>
    internal static class RoleTrustOutput
    {
        public static PSObject Wrap(TrustPolicy policy, RoleDescription role)
        {
            var output = PSObject.AsPSObject(policy);
            output.Properties.Add(new PSNoteProperty("RoleName", role.RoleName));
            output.Properties.Add(new PSNoteProperty("RoleArn", role.Arn));
            output.Properties.Add(new PSNoteProperty("MaxSessionDuration", role.MaxSessionDuration));
            return output;
        }
    }
}
