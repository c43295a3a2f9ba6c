using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>The emulator's IAM role actions and GetAccountSummary: shapes, limits, AWS's error codes and statuses.</summary>
public sealed class IamRoleTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;

    public IamRoleTests(EmulatorFixture f) => _f = f;

    private static string NewName() => "role-" + Guid.NewGuid().ToString("N")[..12];

    private string Policy(string org = "my-org", string subject = "org:my-org:*") => _f.Server.TrustPolicyFor(org, subject);

    private Task<IamResponse> Create(string name, string policy, params (string, string)[] extra) =>
        IamWire.SendAsync(_f, "CreateRole", new[] { ("RoleName", name), ("AssumeRolePolicyDocument", policy) }.Concat(extra).ToArray());

    private Task<IamResponse> Get(string name) => IamWire.SendAsync(_f, "GetRole", ("RoleName", name));

    /// <summary>A policy of exactly <paramref name="size"/> non-white-space characters (IAM's way of counting).</summary>
    private static string PolicyOfSize(int size)
    {
        const string head = "{\"Version\":\"2012-10-17\",\"Statement\":[],\"Sid\":\"";
        const string tail = "\"}";
        return head + new string('x', size - head.Length - tail.Length) + tail;
    }

    [Fact]
    public async Task CreateRole_and_GetRole_describe_the_role_with_the_policy_url_encoded()
    {
        var name = NewName();
        var policy = Policy();
        var created = await Create(name, policy, ("Path", "/ci/"), ("Description", "Semaphore deploys"), ("MaxSessionDuration", "7200"),
            ("Tags.member.1.Key", "owner"), ("Tags.member.1.Value", "platform"));
        created.AssertSuccess("CreateRole");

        var got = await Get(name);
        got.AssertSuccess("GetRole");
        foreach (var (r, action) in new[] { (created, "CreateRole"), (got, "GetRole") })
        {
            Assert.Equal(name, r.Value(action, "Role", "RoleName"));
            Assert.Equal("/ci/", r.Value(action, "Role", "Path"));
            Assert.Equal($"arn:aws:iam::{_f.Server.AccountId}:role/ci/{name}", r.Value(action, "Role", "Arn"));
            Assert.Matches("^AROA[A-Z0-9]{17}$", r.Value(action, "Role", "RoleId"));
            Assert.Equal("7200", r.Value(action, "Role", "MaxSessionDuration"));
            Assert.Equal("Semaphore deploys", r.Value(action, "Role", "Description"));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", r.Value(action, "Role", "CreateDate"));
            Assert.Equal("owner", r.Result(action).Element(IamResponse.Ns + "Role")!.Element(IamResponse.Ns + "Tags")!
                .Element(IamResponse.Ns + "member")!.Element(IamResponse.Ns + "Key")!.Value);
            // On the wire the document is percent-encoded (RFC 3986), as IAM sends it; decoded it is what was sent.
            var wire = r.Value(action, "Role", "AssumeRolePolicyDocument");
            Assert.StartsWith("%7B%22Version%22%3A%222012-10-17%22", wire);
            Assert.DoesNotContain("{", wire);
            Assert.Equal(policy, Uri.UnescapeDataString(wire));
        }
        Assert.Equal(created.Value("CreateRole", "Role", "RoleId"), got.Value("GetRole", "Role", "RoleId"));
    }

    [Fact]
    public async Task A_duplicate_name_is_EntityAlreadyExists_409_whatever_its_case()
    {
        var name = NewName();
        (await Create(name, Policy())).AssertSuccess("CreateRole");
        (await Create(name.ToUpperInvariant(), Policy())).AssertError(409, "EntityAlreadyExists", "already exists");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/no")]
    public async Task A_name_outside_the_pattern_is_ValidationError(string name)
    {
        (await Create(name, Policy())).AssertError(400, "ValidationError", @"at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+");
    }

    [Fact]
    public async Task Model_limits_are_ValidationError_400()
    {
        (await Create(new string('r', 65), Policy())).AssertError(400, "ValidationError", "less than or equal to 64");
        (await Create(NewName(), Policy(), ("Description", new string('d', 1001)))).AssertError(400, "ValidationError", "at 'description'");
        (await Create(NewName(), Policy(), ("MaxSessionDuration", "3599"))).AssertError(400, "ValidationError", "greater than or equal to 3600");
        (await Create(NewName(), Policy(), ("MaxSessionDuration", "43201"))).AssertError(400, "ValidationError", "less than or equal to 43200");
        (await Create(NewName(), Policy(), ("Path", "no-slashes"))).AssertError(400, "ValidationError", "at 'path'");
        (await IamWire.SendAsync(_f, "CreateRole", ("RoleName", NewName()))).AssertError(400, "ValidationError", "Value null at 'assumeRolePolicyDocument'");
    }

    [Theory]
    [InlineData("{not json", "This policy contains invalid Json")]
    [InlineData("[1,2]", "Syntax errors in policy.")]
    [InlineData("{\"Version\":\"2012-10-17\"}", "Syntax errors in policy.")]
    public async Task A_bad_policy_is_MalformedPolicyDocument_400(string policy, string message)
    {
        var name = NewName();
        (await Create(name, policy)).AssertError(400, "MalformedPolicyDocument", message);
        (await Get(name)).AssertError(404, "NoSuchEntity");
    }

    [Fact]
    public async Task Policy_size_counts_non_white_space_against_the_quota()
    {
        (await Create(NewName(), PolicyOfSize(2049))).AssertError(409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
        (await Create(NewName(), PolicyOfSize(2048))).AssertSuccess("CreateRole");
        // 2048 counted characters plus 500 spaces: IAM does not count white space.
        var padded = PolicyOfSize(2048).Replace("\"Statement\":", "\"Statement\":" + new string(' ', 500));
        (await Create(NewName(), padded)).AssertSuccess("CreateRole");
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_replaces_the_document_and_checks_it()
    {
        var name = NewName();
        (await Create(name, Policy())).AssertSuccess("CreateRole");
        var newer = Policy(subject: "org:my-org:project:*");
        var updated = await IamWire.SendAsync(_f, "UpdateAssumeRolePolicy", ("RoleName", name), ("PolicyDocument", newer));
        updated.AssertSuccess("UpdateAssumeRolePolicy");
        Assert.Null(updated.Result("UpdateAssumeRolePolicy"));
        Assert.Equal(newer, Uri.UnescapeDataString((await Get(name)).Value("GetRole", "Role", "AssumeRolePolicyDocument")));

        (await IamWire.SendAsync(_f, "UpdateAssumeRolePolicy", ("RoleName", NewName()), ("PolicyDocument", newer))).AssertError(404, "NoSuchEntity", "cannot be found");
        (await IamWire.SendAsync(_f, "UpdateAssumeRolePolicy", ("RoleName", name), ("PolicyDocument", "{"))).AssertError(400, "MalformedPolicyDocument");
        (await IamWire.SendAsync(_f, "UpdateAssumeRolePolicy", ("RoleName", name), ("PolicyDocument", PolicyOfSize(2049)))).AssertError(409, "LimitExceeded", "ACLSizePerRole: 2048");
        // The failed updates changed nothing.
        Assert.Equal(newer, Uri.UnescapeDataString((await Get(name)).Value("GetRole", "Role", "AssumeRolePolicyDocument")));
    }

    [Fact]
    public async Task A_writer_behind_the_clients_back_is_seen_by_the_next_GetRole()
    {
        var name = NewName();
        (await Create(name, Policy())).AssertSuccess("CreateRole");
        var theirs = Policy(subject: "org:my-org:project:theirs:*");
        _f.Server.SetRoleTrustPolicy(name, theirs);
        Assert.Equal(theirs, Uri.UnescapeDataString((await Get(name)).Value("GetRole", "Role", "AssumeRolePolicyDocument")));
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => _f.Server.SetRoleTrustPolicy(NewName(), theirs));
    }

    private static string Document(IamResponse r) => Uri.UnescapeDataString(r.Value("GetRole", "Role", "AssumeRolePolicyDocument"));

    [Fact]
    public async Task A_fault_rules_concurrent_writer_acts_right_after_the_answer_it_rides_on()
    {
        var name = NewName();
        var ours = Policy();
        (await Create(name, ours)).AssertSuccess("CreateRole");

        var theirs = Policy(subject: "org:my-org:project:theirs:*");
        _f.Server.AddFault(new FaultRule { Service = "iam", Action = "GetRole", Kind = FaultKind.RealAnswer, OverwriteRole = name, OverwriteTrustPolicy = theirs });
        // The read the rule rides on was answered from the state before the change; the next read sees the change.
        Assert.Equal(ours, Document(await Get(name)));
        Assert.Equal(theirs, Document(await Get(name)));
        Assert.Equal(new[] { "RealAnswer", null }, _f.Server.Requests.Where(e => e.Action == "GetRole").TakeLast(2).Select(e => e.Fault));

        // With an error: the write is refused and what is there is the other writer's document, as IAM's ConcurrentModification means.
        var third = Policy(subject: "org:my-org:project:third:*");
        _f.Server.AddFault(new FaultRule
        {
            Service = "iam", Action = "UpdateAssumeRolePolicy", Kind = FaultKind.AwsError, ErrorCode = "ConcurrentModification",
            OverwriteRole = name, OverwriteTrustPolicy = third,
        });
        (await IamWire.SendAsync(_f, "UpdateAssumeRolePolicy", ("RoleName", name), ("PolicyDocument", ours))).AssertError(409, "ConcurrentModification");
        Assert.Equal(third, Document(await Get(name)));
    }

    [Fact]
    public void A_concurrent_writer_needs_an_existing_role_and_a_policy()
    {
        Assert.Throws<KeyNotFoundException>(() => _f.Server.AddFault(new FaultRule
        {
            Service = "iam", Kind = FaultKind.RealAnswer, OverwriteRole = NewName(), OverwriteTrustPolicy = Policy(),
        }));
        Assert.Throws<ArgumentException>(() => _f.Server.AddFault(new FaultRule { Service = "iam", Kind = FaultKind.RealAnswer, OverwriteTrustPolicy = Policy() }));
    }

    [Fact]
    public async Task AttachRolePolicy_is_remembered_and_listed()
    {
        var name = NewName();
        (await Create(name, Policy())).AssertSuccess("CreateRole");
        const string arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        var attached = await IamWire.SendAsync(_f, "AttachRolePolicy", ("RoleName", name), ("PolicyArn", arn));
        attached.AssertSuccess("AttachRolePolicy");
        Assert.Null(attached.Result("AttachRolePolicy"));
        (await IamWire.SendAsync(_f, "AttachRolePolicy", ("RoleName", name), ("PolicyArn", arn))).AssertSuccess("AttachRolePolicy");

        var list = await IamWire.SendAsync(_f, "ListAttachedRolePolicies", ("RoleName", name));
        list.AssertSuccess("ListAttachedRolePolicies");
        var member = Assert.Single(list.Result("ListAttachedRolePolicies").Element(IamResponse.Ns + "AttachedPolicies")!.Elements(IamResponse.Ns + "member"));
        Assert.Equal(arn, member.Element(IamResponse.Ns + "PolicyArn")!.Value);
        Assert.Equal("ReadOnlyAccess", member.Element(IamResponse.Ns + "PolicyName")!.Value);
        Assert.Equal("false", list.Value("ListAttachedRolePolicies", "IsTruncated"));
        Assert.Equal(new[] { arn }, _f.Server.AttachedPolicies(name));

        (await IamWire.SendAsync(_f, "AttachRolePolicy", ("RoleName", NewName()), ("PolicyArn", arn))).AssertError(404, "NoSuchEntity");
        (await IamWire.SendAsync(_f, "AttachRolePolicy", ("RoleName", name), ("PolicyArn", "not-an-arn-at-all-xx"))).AssertError(400, "InvalidInput");
    }

    [Fact]
    public async Task UpdateRole_changes_MaxSessionDuration()
    {
        var name = NewName();
        (await Create(name, Policy())).AssertSuccess("CreateRole");
        var updated = await IamWire.SendAsync(_f, "UpdateRole", ("RoleName", name), ("MaxSessionDuration", "43200"));
        updated.AssertSuccess("UpdateRole");
        Assert.Equal("43200", (await Get(name)).Value("GetRole", "Role", "MaxSessionDuration"));
        (await IamWire.SendAsync(_f, "UpdateRole", ("RoleName", name), ("MaxSessionDuration", "60"))).AssertError(400, "ValidationError");
        (await IamWire.SendAsync(_f, "UpdateRole", ("RoleName", NewName()), ("MaxSessionDuration", "7200"))).AssertError(404, "NoSuchEntity");
    }

    [Fact]
    public async Task GetAccountSummary_reports_counts_and_the_settable_quota()
    {
        var before = await IamWire.SendAsync(_f, "GetAccountSummary");
        before.AssertSuccess("GetAccountSummary");
        int Entry(IamResponse r, string key) => int.Parse(r.Result("GetAccountSummary").Element(IamResponse.Ns + "SummaryMap")!
            .Elements(IamResponse.Ns + "entry").Single(e => e.Element(IamResponse.Ns + "key")!.Value == key).Element(IamResponse.Ns + "value")!.Value);
        Assert.Equal(_f.Server.AssumeRolePolicySizeQuota, Entry(before, "AssumeRolePolicySizeQuota"));
        Assert.Equal(1000, Entry(before, "RolesQuota"));
        var roles = Entry(before, "Roles");
        var providers = Entry(before, "OpenIDConnectProviders");
        _ = Entry(before, "Providers");

        (await Create(NewName(), Policy())).AssertSuccess("CreateRole");
        Assert.Equal(roles + 1, Entry(await IamWire.SendAsync(_f, "GetAccountSummary"), "Roles"));
        _f.Server.RegisterProvider($"https://sum-{Guid.NewGuid():N}.semaphoreci.com");
        Assert.Equal(providers + 1, Entry(await IamWire.SendAsync(_f, "GetAccountSummary"), "OpenIDConnectProviders"));
    }
}

/// <summary>A raised or lowered quota is enforced: its own emulator, since the quota is account-wide.</summary>
public sealed class IamQuotaTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;

    public IamQuotaTests(EmulatorFixture f) => _f = f;

    [Fact]
    public async Task The_admin_quota_is_reported_and_enforced_and_Reset_restores_it()
    {
        _f.Server.AssumeRolePolicySizeQuota = 4096;
        var policy = JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = Array.Empty<object>(), Sid = new string('x', 3000) });
        (await IamWire.SendAsync(_f, "CreateRole", ("RoleName", "big"), ("AssumeRolePolicyDocument", policy))).AssertSuccess("CreateRole");
        var summary = await IamWire.SendAsync(_f, "GetAccountSummary");
        Assert.Contains("<entry><key>AssumeRolePolicySizeQuota</key><value>4096</value></entry>", summary.Body);

        _f.Server.AssumeRolePolicySizeQuota = 100;
        (await IamWire.SendAsync(_f, "UpdateAssumeRolePolicy", ("RoleName", "big"), ("PolicyDocument", policy)))
            .AssertError(409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 100");

        _f.Server.Reset();
        Assert.Equal(2048, _f.Server.AssumeRolePolicySizeQuota);
    }
}
