using System.Collections.Generic;
using System.Linq;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// IAM's providers and roles as they are at one moment (GET /admin/state), so a test can show that a failed
/// command created, changed and deleted nothing: two snapshots compare equal as JSON.
/// </summary>
public sealed record IamSnapshot(IReadOnlyList<IamSnapshot.Provider> Providers, IReadOnlyList<IamSnapshot.Role> Roles)
{
    public sealed record Provider(string Arn, string Url, IReadOnlyList<string> ClientIds, IReadOnlyList<string> Thumbprints, IReadOnlyList<string> Tags);

    public sealed record Role(string Name, string Arn, string TrustPolicy, int MaxSessionDuration, string? Description,
        IReadOnlyList<string> AttachedPolicyArns, IReadOnlyList<string> Tags);

    internal static IamSnapshot Of(EmulatorState state) => new(
        state.Providers.Select(p => new Provider(p.Arn, p.Url, p.ClientIds.ToArray(), p.Thumbprints.ToArray(),
            p.Tags.Select(t => t.Key + "=" + t.Value).ToArray())).ToArray(),
        state.Roles.Select(r => new Role(r.Name, r.Arn, r.TrustPolicyJson, r.MaxSessionDuration, r.Description,
            r.AttachedPolicyArns.ToArray(), r.Tags.Select(t => t.Key + "=" + t.Value).ToArray())).ToArray());
}
