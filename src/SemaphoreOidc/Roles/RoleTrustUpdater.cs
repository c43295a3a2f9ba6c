using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Roles
{
    /// <summary>
    /// Reads and writes a role's trust policy the way an administrator means it: merge by default, refuse a
    /// result that admits too much or does not fit the account's quota, and never write over a change made
    /// by someone else since it was read.
    /// </summary>
    public sealed class RoleTrustUpdater
    {
        /// <summary>How often a write is re-based on a fresh read when someone else changed the policy meanwhile.</summary>
        public const int MaxRebases = 3;

        public const int MinMaxSessionDuration = 3600;
        public const int MaxMaxSessionDuration = 43200;

        private readonly IamClient _iam;

        public RoleTrustUpdater(IamClient iam) => _iam = iam ?? throw new ArgumentNullException(nameof(iam));

        public async Task<(RoleDescription Role, TrustPolicy Policy)> GetAsync(string roleName, CancellationToken cancellation)
        {
            string name = RoleName.Validate(roleName);
            var role = await ReadRoleAsync(name, cancellation).ConfigureAwait(false)
                       ?? throw RoleNotFound(name);
            return (role, TrustPolicy.Parse(role.AssumeRolePolicyDocument));
        }

        public async Task<RoleTrustChange> PlanAsync(RoleTrustRequest request, CancellationToken cancellation)
        {
            Validate(request);
            var role = await ReadRoleAsync(request.RoleName, cancellation).ConfigureAwait(false);
            if (role == null && !request.Create) throw RoleNotFound(request.RoleName);
            int quota = await SizeQuotaAsync(cancellation).ConfigureAwait(false);
            return Plan(request, role, quota);
        }

        public async Task<RoleDescription> ApplyAsync(RoleTrustChange change, CancellationToken cancellation)
        {
            var request = change.Request;
            if (change.CreatesRole)
            {
                try
                {
                    await _iam.CreateRoleAsync(request.RoleName, change.Merge.Result.ToJson(indented: false), new CreateRoleOptions
                    {
                        Description = request.Description,
                        MaxSessionDuration = request.MaxSessionDuration,
                        Tags = request.Tags.ToDictionary(t => t.Key, t => t.Value),
                    }, cancellation).ConfigureAwait(false);
                }
                catch (AwsServiceException error) when (error.Code == "EntityAlreadyExists")
                {
                    // Created by someone else since we looked: merge into theirs instead of failing or overwriting.
                    var role = await ReadRoleAsync(request.RoleName, cancellation).ConfigureAwait(false);
                    return await ApplyAsync(Plan(request, role, change.SizeQuota), cancellation).ConfigureAwait(false);
                }
            }
            else
            {
                await WriteTrustAsync(change, cancellation).ConfigureAwait(false);
                if (change.ChangesMaxSessionDuration)
                {
                    await _iam.UpdateRoleMaxSessionDurationAsync(request.RoleName, request.MaxSessionDuration.Value, cancellation).ConfigureAwait(false);
                }
            }

            foreach (string arn in request.PermissionPolicyArns)
            {
                await _iam.AttachRolePolicyAsync(request.RoleName, arn, cancellation).ConfigureAwait(false);
            }

            return await ReadRoleAsync(request.RoleName, cancellation).ConfigureAwait(false);
        }

        // Read-modify-write without losing a concurrent change: IAM has no conditional write, so re-read right
        // before writing and, when the document moved, merge into what is there now (and check it again).
        private async Task WriteTrustAsync(RoleTrustChange change, CancellationToken cancellation)
        {
            for (int rebase = 0; ; rebase++)
            {
                var current = await ReadRoleAsync(change.Request.RoleName, cancellation).ConfigureAwait(false)
                              ?? throw RoleNotFound(change.Request.RoleName);
                if (!TrustPolicy.SemanticallyEquals(current.AssumeRolePolicyDocument, change.ExistingPolicy.Json))
                {
                    if (rebase >= MaxRebases) throw ChangedMeanwhile(change.Request.RoleName);
                    change = Plan(change.Request, current, change.SizeQuota);
                    continue;
                }

                if (change.Merge.ChangesNothing) return;
                try
                {
                    await _iam.UpdateAssumeRolePolicyAsync(change.Request.RoleName, change.Merge.Result.ToJson(indented: false), cancellation).ConfigureAwait(false);
                    return;
                }
                catch (AwsServiceException error) when (error.Code == "ConcurrentModification" && rebase < MaxRebases)
                {
                    // Someone else is writing: read again and merge into their result.
                }
            }
        }

        private static RoleTrustChange Plan(RoleTrustRequest request, RoleDescription role, int quota)
        {
            var existing = role == null ? null : TrustPolicy.Parse(role.AssumeRolePolicyDocument);
            var merge = TrustPolicyMerge.Compute(existing, request.Policy, request.Replace);
            var change = new RoleTrustChange
            {
                Request = request,
                Existing = role,
                ExistingPolicy = existing,
                Merge = merge,
                SizeQuota = quota,
                Findings = FindingsAnalyzer.Analyze(merge.Result, quota),
            };

            var broad = change.TooBroad.ToList();
            if (broad.Count > 0 && !request.Force)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyTooBroad, ErrorKind.SecurityError,
                    $"The trust policy that role {request.RoleName} would get admits too much: " +
                    string.Join(" ", broad.Select(f => $"[{f.Id}{(f.StatementIndex != null ? $", statement {f.StatementIndex}" : string.Empty)}] {f.Message} Fix: {f.Fix}")),
                    request.RoleName);
            }

            int size = merge.Result.Size;
            if (size > quota)
            {
                throw new SemaphoreOidcException(PolicyErrorIds.TrustPolicyTooLarge, ErrorKind.LimitsExceeded,
                    $"The trust policy for role {request.RoleName} would be {size} characters as IAM counts them (whitespace excluded); " +
                    $"this account allows {quota} (AssumeRolePolicySizeQuota). Use wildcards to combine subjects, or replace the existing statements instead of merging into them.",
                    request.RoleName);
            }

            return change;
        }

        private async Task<int> SizeQuotaAsync(CancellationToken cancellation)
        {
            try
            {
                var summary = await _iam.GetAccountSummaryAsync(cancellation).ConfigureAwait(false);
                return summary.TryGetValue("AssumeRolePolicySizeQuota", out int quota) && quota > 0 ? quota : TrustPolicy.DefaultSizeQuota;
            }
            catch (AwsServiceException error) when (error.Kind == ErrorKind.PermissionDenied)
            {
                // Without iam:GetAccountSummary, assume IAM's default quota (docs/trust-policies.md, "Size").
                return TrustPolicy.DefaultSizeQuota;
            }
        }

        private async Task<RoleDescription> ReadRoleAsync(string roleName, CancellationToken cancellation)
        {
            try
            {
                return await _iam.GetRoleAsync(roleName, cancellation).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (error.Code == "NoSuchEntity")
            {
                return null;
            }
        }

        private static void Validate(RoleTrustRequest request)
        {
            request.RoleName = RoleName.Validate(request.RoleName);
            if (request.Policy == null)
            {
                throw new SemaphoreOidcException(RoleErrorIds.TrustPolicyMissing, ErrorKind.InvalidArgument, "A trust policy to apply is needed.", request.RoleName);
            }

            if (request.MaxSessionDuration.HasValue &&
                (request.MaxSessionDuration < MinMaxSessionDuration || request.MaxSessionDuration > MaxMaxSessionDuration))
            {
                throw new SemaphoreOidcException(RoleErrorIds.MaxSessionDurationOutOfRange, ErrorKind.InvalidArgument,
                    $"MaxSessionDuration {request.MaxSessionDuration} must be {MinMaxSessionDuration}-{MaxMaxSessionDuration} seconds (1 to 12 hours).",
                    request.MaxSessionDuration);
            }

            if (request.Description != null && request.Description.Length > 1000)
            {
                throw new SemaphoreOidcException(RoleErrorIds.RoleDescriptionTooLong, ErrorKind.InvalidArgument,
                    $"The role description is {request.Description.Length} characters; IAM allows 1000.", request.RoleName);
            }

            request.PermissionPolicyArns = (request.PermissionPolicyArns ?? new string[0]).Select(a => ManagedPolicyArn.Parse(a).Value).ToArray();
            request.Tags = IamTags.Validate(request.Tags);
        }

        private static SemaphoreOidcException RoleNotFound(string roleName) =>
            new SemaphoreOidcException(RoleErrorIds.RoleNotFound, ErrorKind.ObjectNotFound, $"The account has no role named {roleName}.", roleName);

        private static SemaphoreOidcException ChangedMeanwhile(string roleName) =>
            new SemaphoreOidcException(RoleErrorIds.RoleTrustChangedMeanwhile, ErrorKind.ResourceUnavailable,
                $"The trust policy of role {roleName} kept changing while this command merged into it ({MaxRebases} times); nothing was written. Run it again.",
                roleName);
    }
}
