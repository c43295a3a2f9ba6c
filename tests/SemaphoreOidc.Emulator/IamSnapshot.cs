using System;
using System.Collections.Generic;
using System.Linq;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// IAM's providers and roles as they are at one moment (GET /admin/iam), so a test can show that a refused or
/// failed command created, changed, recreated and deleted nothing: two snapshots compare equal as JSON.
/// </summary>
public sealed record IamSnapshot(IReadOnlyList<IamSnapshot.Provider> Providers, IReadOnlyList<IamSnapshot.Role> Roles)
{
    public sealed record Provider(string Arn, string Url, IReadOnlyList<string> ClientIds, IReadOnlyList<string> Thumbprints,
        IReadOnlyList<string> Tags, DateTimeOffset CreateDate);

    public sealed record Role(string Name, string Arn, string RoleId, string Path, string TrustPolicyJson, int MaxSessionDuration,
        string? Description, IReadOnlyList<string> AttachedPolicyArns, IReadOnlyList<string> Tags, DateTimeOffset CreateDate);

    internal static IamSnapshot Of(EmulatorState state) => new(
        state.Providers.Select(p => new Provider(p.Arn, p.Url, p.ClientIds.ToArray(),
            p.Thumbprints.ToArray(), p.Tags.Select(t => t.Key + "=" + t.Value).ToArray(), p.CreateDate)).ToArray(),
        state.Roles.Select(r => new Role(r.Name, r.Arn, r.RoleId, r.Path, r.TrustPolicyJson,
            r.MaxSessionDuration, r.Description, r.AttachedPolicyArns.ToArray(), r.Tags.Select(t => t.Key + "=" + t.Value).ToArray(),
            r.CreateDate)).ToArray());
}
