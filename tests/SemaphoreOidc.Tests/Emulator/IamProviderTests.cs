using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>The emulator's IAM OIDC-provider actions: success shapes, AWS's error codes and statuses.</summary>
public sealed class IamProviderTests : IClassFixture<EmulatorFixture>
{
    private const string Thumb = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private readonly EmulatorFixture _f;

    public IamProviderTests(EmulatorFixture f) => _f = f;

    /// <summary>Each test its own issuer, so parallel-free tests in one class never see each other's providers.</summary>
    private static string NewUrl() => $"https://org-{Guid.NewGuid().ToString("N")[..10]}.semaphoreci.com";

    private Task<IamResponse> Create(string url, params (string, string)[] extra) =>
        IamWire.SendAsync(_f, "CreateOpenIDConnectProvider", new[] { ("Url", url), ("ClientIDList.member.1", url) }.Concat(extra).ToArray());

    private Task<IamResponse> Get(string arn) => IamWire.SendAsync(_f, "GetOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn));

    [Fact]
    public async Task Create_then_get_and_list_in_IAM_wire_format()
    {
        var url = NewUrl();
        var created = await Create(url, ("ClientIDList.member.2", "sts.amazonaws.com"), ("ThumbprintList.member.1", Thumb.ToUpperInvariant()),
            ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "platform"));
        created.AssertSuccess("CreateOpenIDConnectProvider");
        var arn = created.Value("CreateOpenIDConnectProvider", "OpenIDConnectProviderArn");
        Assert.Equal($"arn:aws:iam::{_f.Server.AccountId}:oidc-provider/{url["https://".Length..]}", arn);

        var got = await Get(arn);
        got.AssertSuccess("GetOpenIDConnectProvider");
        // IAM answers the URL without https://.
        Assert.Equal(url["https://".Length..], got.Value("GetOpenIDConnectProvider", "Url"));
        Assert.Equal(new[] { url, "sts.amazonaws.com" }, got.Members("GetOpenIDConnectProvider", "ClientIDList"));
        Assert.Equal(new[] { Thumb }, got.Members("GetOpenIDConnectProvider", "ThumbprintList"));
        var createDate = got.Value("GetOpenIDConnectProvider", "CreateDate");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", createDate);
        Assert.InRange((DateTimeOffset.UtcNow - DateTimeOffset.Parse(createDate, CultureInfo.InvariantCulture)).TotalMinutes, -1, 1);
        var tag = got.Result("GetOpenIDConnectProvider").Element(IamResponse.Ns + "Tags")!.Element(IamResponse.Ns + "member")!;
        Assert.Equal("team", tag.Element(IamResponse.Ns + "Key")!.Value);
        Assert.Equal("platform", tag.Element(IamResponse.Ns + "Value")!.Value);

        var list = await IamWire.SendAsync(_f, "ListOpenIDConnectProviders");
        list.AssertSuccess("ListOpenIDConnectProviders");
        var arns = list.Result("ListOpenIDConnectProviders").Element(IamResponse.Ns + "OpenIDConnectProviderList")!
            .Elements(IamResponse.Ns + "member").Select(m => m.Element(IamResponse.Ns + "Arn")!.Value);
        Assert.Contains(arn, arns);
    }

    [Fact]
    public async Task Thumbprints_are_optional()
    {
        var created = await Create(NewUrl());
        created.AssertSuccess("CreateOpenIDConnectProvider");
        var got = await Get(created.Value("CreateOpenIDConnectProvider", "OpenIDConnectProviderArn"));
        Assert.Empty(got.Members("GetOpenIDConnectProvider", "ThumbprintList"));
    }

    [Fact]
    public async Task A_second_provider_for_the_same_url_is_EntityAlreadyExists_409()
    {
        var url = NewUrl();
        (await Create(url)).AssertSuccess("CreateOpenIDConnectProvider");
        (await Create(url)).AssertError(409, "EntityAlreadyExists", $"Provider with url {url} already exists.");
    }

    [Theory]
    [InlineData("http://plain.semaphoreci.com")]
    [InlineData("https://port.semaphoreci.com:8443")]
    [InlineData("https://query.semaphoreci.com?x=1")]
    [InlineData("https://fragment.semaphoreci.com#f")]
    [InlineData("https://user@userinfo.semaphoreci.com")]
    public async Task Urls_IAM_refuses_are_InvalidInput_400_and_create_nothing(string url)
    {
        (await Create(url)).AssertError(400, "InvalidInput", "URL");
        var list = await IamWire.SendAsync(_f, "ListOpenIDConnectProviders");
        Assert.DoesNotContain(url.Split("//")[1].Split(':', '?', '#')[0], list.Body);
    }

    [Fact]
    public async Task Length_limits_are_ValidationError_400_naming_each_member()
    {
        var r = await IamWire.SendAsync(_f, "CreateOpenIDConnectProvider",
            ("Url", "https://" + new string('a', 250) + ".com"), ("ClientIDList.member.1", new string('c', 256)), ("ThumbprintList.member.1", "abc"));
        r.AssertError(400, "ValidationError", "3 validation errors detected");
        Assert.Contains("at 'url' failed to satisfy constraint: Member must have length less than or equal to 255", r.ErrorMessage);
        Assert.Contains("at 'clientIDList'", r.ErrorMessage);
        Assert.Contains("at 'thumbprintList'", r.ErrorMessage);

        (await IamWire.SendAsync(_f, "CreateOpenIDConnectProvider")).AssertError(400, "ValidationError", "Value null at 'url'");
    }

    [Fact]
    public async Task Six_thumbprints_or_a_non_hex_one_are_InvalidInput()
    {
        var six = Enumerable.Range(1, 6).Select(n => ($"ThumbprintList.member.{n}", new string((char)('a' + n - 1), 40))).ToArray();
        (await Create(NewUrl(), six)).AssertError(400, "InvalidInput", "fewer than 5");
        (await Create(NewUrl(), ("ThumbprintList.member.1", new string('z', 40)))).AssertError(400, "InvalidInput", "zzzz");
    }

    [Fact]
    public async Task Client_id_and_tag_quotas()
    {
        var ids = Enumerable.Range(1, 101).Select(n => ($"ClientIDList.member.{n}", $"aud-{n}")).ToArray();
        (await IamWire.SendAsync(_f, "CreateOpenIDConnectProvider", new[] { ("Url", NewUrl()) }.Concat(ids).ToArray()))
            .AssertError(409, "LimitExceeded", "ClientIdsPerOpenIdConnectProvider: 100");

        var tags = Enumerable.Range(1, 51).SelectMany(n => new[] { ($"Tags.member.{n}.Key", $"k{n}"), ($"Tags.member.{n}.Value", "v") }).ToArray();
        (await Create(NewUrl(), tags)).AssertError(400, "ValidationError", "Member must have length less than or equal to 50");
        (await Create(NewUrl(), ("Tags.member.1.Key", "aws:reserved"), ("Tags.member.1.Value", "x"))).AssertError(400, "InvalidInput", "aws:");
    }

    [Fact]
    public async Task Client_ids_thumbprints_and_tags_change_in_place()
    {
        var url = NewUrl();
        var arn = (await Create(url, ("ThumbprintList.member.1", Thumb))).Value("CreateOpenIDConnectProvider", "OpenIDConnectProviderArn");

        var add = await IamWire.SendAsync(_f, "AddClientIDToOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn), ("ClientID", "sts.amazonaws.com"));
        add.AssertSuccess("AddClientIDToOpenIDConnectProvider");
        // Actions without an output shape answer only ResponseMetadata, as IAM does.
        Assert.Null(add.Result("AddClientIDToOpenIDConnectProvider"));
        // Adding again is not an error and adds no duplicate.
        (await IamWire.SendAsync(_f, "AddClientIDToOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn), ("ClientID", "sts.amazonaws.com")))
            .AssertSuccess("AddClientIDToOpenIDConnectProvider");
        Assert.Equal(new[] { url, "sts.amazonaws.com" }, (await Get(arn)).Members("GetOpenIDConnectProvider", "ClientIDList"));

        (await IamWire.SendAsync(_f, "RemoveClientIDFromOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn), ("ClientID", url)))
            .AssertSuccess("RemoveClientIDFromOpenIDConnectProvider");
        (await IamWire.SendAsync(_f, "RemoveClientIDFromOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn), ("ClientID", "absent")))
            .AssertSuccess("RemoveClientIDFromOpenIDConnectProvider");
        Assert.Equal(new[] { "sts.amazonaws.com" }, (await Get(arn)).Members("GetOpenIDConnectProvider", "ClientIDList"));

        var other = new string('b', 40);
        (await IamWire.SendAsync(_f, "UpdateOpenIDConnectProviderThumbprint", ("OpenIDConnectProviderArn", arn), ("ThumbprintList.member.1", other)))
            .AssertSuccess("UpdateOpenIDConnectProviderThumbprint");
        Assert.Equal(new[] { other }, (await Get(arn)).Members("GetOpenIDConnectProvider", "ThumbprintList"));

        (await IamWire.SendAsync(_f, "TagOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn),
            ("Tags.member.1.Key", "a"), ("Tags.member.1.Value", "1"), ("Tags.member.2.Key", "b"), ("Tags.member.2.Value", "2"))).AssertSuccess("TagOpenIDConnectProvider");
        (await IamWire.SendAsync(_f, "TagOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn), ("Tags.member.1.Key", "a"), ("Tags.member.1.Value", "3")))
            .AssertSuccess("TagOpenIDConnectProvider");
        var tags = (await Get(arn)).Result("GetOpenIDConnectProvider").Element(IamResponse.Ns + "Tags")!.Elements(IamResponse.Ns + "member")
            .Select(m => m.Element(IamResponse.Ns + "Key")!.Value + "=" + m.Element(IamResponse.Ns + "Value")!.Value);
        Assert.Equal(new[] { "a=3", "b=2" }, tags);
    }

    [Fact]
    public async Task Delete_then_every_action_on_the_arn_is_NoSuchEntity_404()
    {
        var arn = (await Create(NewUrl())).Value("CreateOpenIDConnectProvider", "OpenIDConnectProviderArn");
        var deleted = await IamWire.SendAsync(_f, "DeleteOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn));
        deleted.AssertSuccess("DeleteOpenIDConnectProvider");
        Assert.Null(deleted.Result("DeleteOpenIDConnectProvider"));

        (await Get(arn)).AssertError(404, "NoSuchEntity", arn);
        (await IamWire.SendAsync(_f, "DeleteOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn))).AssertError(404, "NoSuchEntity");
        (await IamWire.SendAsync(_f, "AddClientIDToOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn), ("ClientID", "x"))).AssertError(404, "NoSuchEntity");
        (await IamWire.SendAsync(_f, "TagOpenIDConnectProvider", ("OpenIDConnectProviderArn", arn), ("Tags.member.1.Key", "a"), ("Tags.member.1.Value", "1")))
            .AssertError(404, "NoSuchEntity");
    }

    [Fact]
    public async Task A_malformed_arn_is_InvalidInput()
    {
        (await Get("arn:aws:iam::123456789012:role/not-a-provider")).AssertError(400, "InvalidInput", "is not valid");
    }

    [Fact]
    public async Task Unknown_action_is_InvalidAction_in_the_IAM_namespace()
    {
        (await IamWire.SendAsync(_f, "ListUsersPlease")).AssertError(400, "InvalidAction", "ListUsersPlease");
    }

    [Fact]
    public async Task Injected_ConcurrentModification_is_409_in_IAM_format_then_the_action_succeeds()
    {
        var url = NewUrl();
        _f.Server.AddFault(new FaultRule { Service = "iam", Action = "CreateOpenIDConnectProvider", Kind = FaultKind.AwsError, ErrorCode = "ConcurrentModification" });
        (await Create(url)).AssertError(409, "ConcurrentModification");
        (await Create(url)).AssertSuccess("CreateOpenIDConnectProvider");
    }

    [Fact]
    public async Task A_provider_registered_through_the_admin_API_is_seen_by_IAM()
    {
        var url = NewUrl();
        var arn = _f.Server.RegisterProvider(url);
        var got = await Get(arn);
        got.AssertSuccess("GetOpenIDConnectProvider");
        Assert.Equal(new[] { url }, got.Members("GetOpenIDConnectProvider", "ClientIDList"));
    }
}
