using System;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// IAM 2010-05-08: the OIDC-provider and role actions the module uses, over the state STS reads, so a role or
/// provider created here is what AssumeRoleWithWebIdentity checks. Every request must be SigV4-signed for
/// service iam in the partition's one signing region, by issued STS credentials or the admin key pair.
/// </summary>
internal sealed class IamEndpoints
{
    private readonly EmulatorState _state;

    public IamEndpoints(EmulatorState state) => _state = state;

    public async Task HandleAsync(HttpContext ctx, AwsQueryRequest req, string requestId)
    {
        var partition = AwsPartition.ForHost(ctx.Request.Host.Host);
        // AWS authenticates before it looks at the action: an unsigned request never learns what exists.
        SigV4Verifier.Verify(ctx, req.RawBody, _state, "iam", AwsPartition.IamSigningRegion(partition));
        var action = req.Action;
        var v = new IamValidation(req);
        object?[]? result = action switch
        {
            "CreateOpenIDConnectProvider" => CreateOpenIdConnectProvider(v, partition),
            "GetOpenIDConnectProvider" => GetOpenIdConnectProvider(v),
            "ListOpenIDConnectProviders" => ListOpenIdConnectProviders(),
            "DeleteOpenIDConnectProvider" => DeleteOpenIdConnectProvider(v),
            "AddClientIDToOpenIDConnectProvider" => AddClientId(v),
            "RemoveClientIDFromOpenIDConnectProvider" => RemoveClientId(v),
            "UpdateOpenIDConnectProviderThumbprint" => UpdateThumbprint(v),
            "TagOpenIDConnectProvider" => TagOpenIdConnectProvider(v),
            "CreateRole" => CreateRole(v, partition),
            "GetRole" => GetRole(v),
            "ListRoles" => ListRoles(v),
            "UpdateAssumeRolePolicy" => UpdateAssumeRolePolicy(v),
            "UpdateRole" => UpdateRole(v),
            "AttachRolePolicy" => AttachRolePolicy(v),
            "ListAttachedRolePolicies" => ListAttachedRolePolicies(v),
            "GetAccountSummary" => GetAccountSummary(),
            null or "" => throw new AwsErrorException("MissingAction", "Missing Action"),
            _ => throw new AwsErrorException("InvalidAction", $"Could not find operation {action} for version 2010-05-08"),
        };
        await IamXml.WriteAsync(ctx, action!, requestId, result);
    }

    // ---- OIDC providers ----

    private object?[] CreateOpenIdConnectProvider(IamValidation v, string partition)
    {
        var url = v.String("Url", 1, 255);
        var clientIds = v.List("ClientIDList", 1, 255);
        // Optional since 2024: IAM trusts the JWKS host through its own CA library (docs/aws-names.md, "OIDC providers").
        var thumbprints = v.List("ThumbprintList", 40, 40);
        var tags = v.Tags();
        v.ThrowIfAny();
        IamValidation.ProviderUrl(url!);
        IamValidation.Thumbprints(thumbprints);
        if (thumbprints.Count == 0 && _state.RequireProviderThumbprints)
            throw new AwsErrorException("InvalidInput", "Thumbprint list must contain at least one entry.");
        if (clientIds.Distinct().Count() > EmulatorState.MaxClientIdsPerProvider)
            throw new AwsErrorException("LimitExceeded", $"Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: {EmulatorState.MaxClientIdsPerProvider}");
        var provider = _state.CreateProvider(url!, partition, clientIds, thumbprints, tags);
        return new object?[] { IamXml.E("OpenIDConnectProviderArn", provider.Arn), provider.Tags.Count == 0 ? null : IamXml.Tags(provider.Tags) };
    }

    private OidcProvider Provider(IamValidation v)
    {
        var arn = v.String("OpenIDConnectProviderArn", 20, 2048);
        v.ThrowIfAny();
        IamValidation.ProviderArn(arn!);
        return _state.GetProviderByArn(arn!);
    }

    private object?[] GetOpenIdConnectProvider(IamValidation v)
    {
        var p = Provider(v);
        return new object?[]
        {
            // IAM answers the URL without its scheme.
            IamXml.E("Url", p.HostAndPath),
            IamXml.Members("ClientIDList", p.ClientIds),
            IamXml.Members("ThumbprintList", p.Thumbprints),
            IamXml.E("CreateDate", AwsXml.Timestamp(p.CreateDate)),
            IamXml.Tags(p.Tags),
        };
    }

    private object?[] ListOpenIdConnectProviders() => new object?[]
    {
        IamXml.E("OpenIDConnectProviderList", _state.Providers.Select(p => IamXml.E("member", IamXml.E("Arn", p.Arn))).ToArray<object?>()),
    };

    private object?[]? DeleteOpenIdConnectProvider(IamValidation v)
    {
        _state.DeleteProvider(Provider(v).Arn);
        return null;
    }

    private object?[]? AddClientId(IamValidation v)
    {
        var clientId = v.String("ClientID", 1, 255);
        var arn = Provider(v).Arn;
        // Adding an ID that is already there succeeds and changes nothing, as in IAM.
        _state.UpdateProvider(arn, p =>
        {
            if (p.ClientIds.Contains(clientId!, StringComparer.Ordinal)) return p;
            if (p.ClientIds.Count >= EmulatorState.MaxClientIdsPerProvider)
                throw new AwsErrorException("LimitExceeded", $"Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: {EmulatorState.MaxClientIdsPerProvider}");
            return p with { ClientIds = p.ClientIds.Append(clientId!).ToArray() };
        });
        return null;
    }

    private object?[]? RemoveClientId(IamValidation v)
    {
        var clientId = v.String("ClientID", 1, 255);
        var arn = Provider(v).Arn;
        // Idempotent: removing an absent ID is not an error (IAM API reference).
        _state.UpdateProvider(arn, p => p with { ClientIds = p.ClientIds.Where(c => c != clientId).ToArray() });
        return null;
    }

    private object?[]? UpdateThumbprint(IamValidation v)
    {
        var thumbprints = v.List("ThumbprintList", 40, 40);
        var arn = Provider(v).Arn;
        IamValidation.Thumbprints(thumbprints);
        _state.UpdateProvider(arn, p => p with { Thumbprints = thumbprints.Select(t => t.ToLowerInvariant()).Distinct().ToArray() });
        return null;
    }

    private object?[]? TagOpenIdConnectProvider(IamValidation v)
    {
        var tags = v.Tags();
        var arn = Provider(v).Arn;
        _state.UpdateProvider(arn, p => p with { Tags = EmulatorState.MergeTags(p.Tags, tags, "TagsPerOpenIdConnectProvider") });
        return null;
    }

    // ---- roles ----

    private string RoleName(IamValidation v) => v.String("RoleName", 1, 64, pattern: IamValidation.RoleName, patternText: @"[\w+=,.@-]+")!;

    private object?[] CreateRole(IamValidation v, string partition)
    {
        var name = RoleName(v);
        var document = v.String("AssumeRolePolicyDocument", 1, 131072);
        var path = v.String("Path", 1, 512, required: false, IamValidation.Path, @"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)") ?? "/";
        var description = v.String("Description", 0, 1000, required: false);
        var max = v.Int("MaxSessionDuration", 3600, 43200) ?? 3600;
        v.String("PermissionsBoundary", 20, 2048, required: false);
        var tags = v.Tags();
        v.ThrowIfAny();
        IamValidation.TrustPolicy(document!, _state.AssumeRolePolicySizeQuota);
        var role = _state.CreateRole(name, path, partition, document!, description, max, tags);
        return new object?[] { IamXml.Role(role) };
    }

    private object?[] GetRole(IamValidation v)
    {
        var name = RoleName(v);
        v.ThrowIfAny();
        return new object?[] { IamXml.Role(_state.GetRole(name)) };
    }

    // ListRoles pages by MaxItems/Marker; the emulator's accounts are small, so one page answers (IsTruncated false).
    private object?[] ListRoles(IamValidation v)
    {
        var prefix = v.String("PathPrefix", 1, 512, required: false) ?? "/";
        v.Int("MaxItems", 1, 1000);
        v.ThrowIfAny();
        return new object?[]
        {
            IamXml.E("IsTruncated", "false"),
            IamXml.E("Roles", _state.Roles.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal))
                .Select(r => IamXml.Role(r)).Select(role => (object?)new System.Xml.Linq.XElement(role) { Name = role.Name.Namespace + "member" }).ToArray()),
        };
    }

    private object?[]? UpdateAssumeRolePolicy(IamValidation v)
    {
        var name = RoleName(v);
        // Note the name: PolicyDocument here, AssumeRolePolicyDocument in CreateRole.
        var document = v.String("PolicyDocument", 1, 131072);
        v.ThrowIfAny();
        _state.GetRole(name); // NoSuchEntity before MalformedPolicyDocument, as IAM orders them
        IamValidation.TrustPolicy(document!, _state.AssumeRolePolicySizeQuota);
        _state.UpdateRole(name, r => r with { TrustPolicyJson = document! });
        return null;
    }

    private object?[]? UpdateRole(IamValidation v)
    {
        var name = RoleName(v);
        var max = v.Int("MaxSessionDuration", 3600, 43200);
        var description = v.String("Description", 0, 1000, required: false);
        v.ThrowIfAny();
        _state.UpdateRole(name, r => r with { MaxSessionDuration = max ?? r.MaxSessionDuration, Description = description ?? r.Description });
        // UpdateRole has an (empty) output shape, so unlike UpdateAssumeRolePolicy it answers a Result element.
        return Array.Empty<object?>();
    }

    private object?[]? AttachRolePolicy(IamValidation v)
    {
        var name = RoleName(v);
        var policyArn = v.String("PolicyArn", 20, 2048);
        v.ThrowIfAny();
        IamValidation.PolicyArn(policyArn!);
        _state.UpdateRole(name, r =>
        {
            if (r.AttachedPolicyArns.Contains(policyArn!, StringComparer.Ordinal)) return r;
            if (r.AttachedPolicyArns.Count >= EmulatorState.MaxAttachedPoliciesPerRole)
                throw new AwsErrorException("LimitExceeded", $"Cannot exceed quota for PoliciesPerRole: {EmulatorState.MaxAttachedPoliciesPerRole}");
            return r with { AttachedPolicyArns = r.AttachedPolicyArns.Append(policyArn!).ToArray() };
        });
        return null;
    }

    private object?[] ListAttachedRolePolicies(IamValidation v)
    {
        var name = RoleName(v);
        v.ThrowIfAny();
        var role = _state.GetRole(name);
        return new object?[]
        {
            IamXml.E("IsTruncated", "false"),
            IamXml.E("AttachedPolicies", role.AttachedPolicyArns
                .Select(a => IamXml.E("member", IamXml.E("PolicyName", a[(a.LastIndexOf('/') + 1)..]), IamXml.E("PolicyArn", a)))
                .ToArray<object?>()),
        };
    }

    private object?[] GetAccountSummary()
    {
        var roles = _state.Roles;
        // The keys IAM returns that concern this emulator's account; quotas are IAM's defaults.
        var map = new (string Key, int Value)[]
        {
            ("Roles", roles.Count),
            ("RolesQuota", 1000),
            ("RolePolicySizeQuota", 10240),
            ("AssumeRolePolicySizeQuota", _state.AssumeRolePolicySizeQuota),
            ("AttachedPoliciesPerRoleQuota", EmulatorState.MaxAttachedPoliciesPerRole),
            ("OpenIDConnectProviders", _state.Providers.Count),
            ("Providers", _state.Providers.Count),
            ("Users", 1),
            ("UsersQuota", 5000),
            ("Groups", 0),
            ("GroupsQuota", 300),
            ("Policies", 0),
            ("PoliciesQuota", 1500),
            ("PolicySizeQuota", 6144),
            ("PolicyVersionsInUse", roles.Sum(r => r.AttachedPolicyArns.Count)),
            ("PolicyVersionsInUseQuota", 10000),
            ("VersionsPerPolicyQuota", 5),
            ("ServerCertificates", 0),
            ("ServerCertificatesQuota", 20),
            ("AccessKeysPerUserQuota", 2),
            ("MFADevices", 0),
            ("MFADevicesInUse", 0),
            ("AccountMFAEnabled", 0),
            ("InstanceProfiles", 0),
            ("InstanceProfilesQuota", 1000),
        };
        return new object?[]
        {
            IamXml.E("SummaryMap", map.Select(e => IamXml.E("entry", IamXml.E("key", e.Key), IamXml.E("value", e.Value))).ToArray<object?>()),
        };
    }
}
