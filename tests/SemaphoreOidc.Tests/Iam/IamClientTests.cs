using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Iam;
using SemaphoreOidc.Sts;
using SemaphoreOidc.Tests.Emulator;
using Xunit;
using RetryPolicy = SemaphoreOidc.Aws.RetryPolicy;

namespace SemaphoreOidc.Tests.Iam
{
    /// <summary>
    /// The product's IAM client against the emulator over real HTTPS through its proxy to iam.amazonaws.com,
    /// signed with the emulator's admin key pair: encoding, parsing, typed errors and which failures are retried.
    /// </summary>
    public class IamClientTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _fixture;
        private readonly EmulatorServer _server;

        public IamClientTests(EmulatorFixture fixture)
        {
            _fixture = fixture;
            _server = fixture.Server;
        }

        private IamClient Client(ImmutableCredentials credentials = null) =>
            new IamClient(IamEndpoint.Resolve("us-east-1", null),
                () => Task.FromResult(credentials ?? new ImmutableCredentials(_server.AdminAccessKeyId, _server.AdminSecretAccessKey, null)),
                _fixture.EngineHttp, new RetryPolicy(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)));

        private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 10);

        private int Calls(string action) => _server.Requests.Count(r => r.Service == "iam" && r.Action == action);

        private static async Task<AwsServiceException> Refused(Task task) => await Assert.ThrowsAsync<AwsServiceException>(() => task);

        [Fact]
        public async Task A_provider_round_trips_lists_tags_and_the_scheme_less_url()
        {
            var iam = Client();
            string url = "https://" + Unique("client") + ".semaphoreci.com";
            string thumbprint = new string('a', 40);
            string arn = await iam.CreateOpenIdConnectProviderAsync(url, new[] { url, "sts.amazonaws.com" }, new[] { thumbprint },
                new[] { new KeyValuePair<string, string>("team", "platform"), new KeyValuePair<string, string>("cost center", "a&b=c") }, CancellationToken.None);
            Assert.Equal($"arn:aws:iam::{_server.AccountId}:oidc-provider/{url.Substring(8)}", arn);

            var provider = await iam.GetOpenIdConnectProviderAsync(arn, CancellationToken.None);
            // The list order and every tag survive Name.member.N encoding and the emulator's parsing.
            Assert.Equal(url.Substring(8), provider.Url);
            Assert.Equal(new[] { url, "sts.amazonaws.com" }, provider.ClientIds);
            Assert.Equal(new[] { thumbprint }, provider.Thumbprints);
            Assert.Equal("platform", provider.Tags["team"]);
            Assert.Equal("a&b=c", provider.Tags["cost center"]);
            Assert.Equal(DateTimeKind.Utc, provider.CreateDate.Value.Kind);
            Assert.Contains(arn, await iam.ListOpenIdConnectProvidersAsync(CancellationToken.None));

            await iam.AddClientIdToOpenIdConnectProviderAsync(arn, "extra", CancellationToken.None);
            await iam.RemoveClientIdFromOpenIdConnectProviderAsync(arn, "sts.amazonaws.com", CancellationToken.None);
            await iam.UpdateOpenIdConnectProviderThumbprintAsync(arn, new[] { new string('b', 40), new string('c', 40) }, CancellationToken.None);
            await iam.TagOpenIdConnectProviderAsync(arn, new[] { new KeyValuePair<string, string>("team", "security") }, CancellationToken.None);
            provider = await iam.GetOpenIdConnectProviderAsync(arn, CancellationToken.None);
            Assert.Equal(new[] { url, "extra" }, provider.ClientIds);
            Assert.Equal(new[] { new string('b', 40), new string('c', 40) }, provider.Thumbprints);
            Assert.Equal("security", provider.Tags["team"]);

            await iam.DeleteOpenIdConnectProviderAsync(arn, CancellationToken.None);
            Assert.DoesNotContain(arn, await iam.ListOpenIdConnectProvidersAsync(CancellationToken.None));
        }

        [Fact]
        public async Task An_empty_thumbprint_list_is_left_out_and_accepted()
        {
            string url = "https://" + Unique("nothumb") + ".semaphoreci.com";
            string arn = await Client().CreateOpenIdConnectProviderAsync(url, new[] { url }, Array.Empty<string>(), null, CancellationToken.None);
            Assert.Empty((await Client().GetOpenIdConnectProviderAsync(arn, CancellationToken.None)).Thumbprints);
        }

        [Fact]
        public async Task A_role_round_trips_with_its_policy_url_decoded_byte_for_byte()
        {
            var iam = Client();
            string name = Unique("role");
            // Characters form encoding and IAM's RFC 3986 encoding both touch: + space & = % / unicode.
            string policy = _server.TrustPolicyFor("my-org", "org:my-org:*").Replace("\"Version\"", "\"Id\":\"a+b c&d=e%f/ü\",\"Version\"");
            var created = await iam.CreateRoleAsync(name, policy, new CreateRoleOptions
            {
                Path = "/semaphore/", Description = "CI deploys", MaxSessionDuration = 7200,
                Tags = new Dictionary<string, string> { ["owner"] = "platform" },
            }, CancellationToken.None);
            Assert.Equal(policy, created.AssumeRolePolicyDocument);

            var role = await iam.GetRoleAsync(name, CancellationToken.None);
            Assert.Equal(name, role.RoleName);
            Assert.Equal($"arn:aws:iam::{_server.AccountId}:role/semaphore/{name}", role.Arn);
            Assert.Equal("/semaphore/", role.Path);
            Assert.Equal("CI deploys", role.Description);
            Assert.Equal(7200, role.MaxSessionDuration);
            Assert.StartsWith("AROA", role.RoleId);
            Assert.Equal("platform", role.Tags["owner"]);
            Assert.Equal(policy, role.AssumeRolePolicyDocument);

            string newer = _server.TrustPolicyFor("my-org", "org:my-org:project:*");
            await iam.UpdateAssumeRolePolicyAsync(name, newer, CancellationToken.None);
            await iam.UpdateRoleMaxSessionDurationAsync(name, 3600, CancellationToken.None);
            await iam.AttachRolePolicyAsync(name, "arn:aws:iam::aws:policy/ReadOnlyAccess", CancellationToken.None);
            role = await iam.GetRoleAsync(name, CancellationToken.None);
            Assert.Equal(newer, role.AssumeRolePolicyDocument);
            Assert.Equal(3600, role.MaxSessionDuration);
            Assert.Equal(new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess" }, _server.AttachedPolicies(name));
        }

        [Fact]
        public async Task The_account_summary_parses_into_a_map()
        {
            var summary = await Client().GetAccountSummaryAsync(CancellationToken.None);
            Assert.Equal(_server.AssumeRolePolicySizeQuota, summary["AssumeRolePolicySizeQuota"]);
            Assert.True(summary.ContainsKey("Roles"));
            Assert.True(summary.ContainsKey("OpenIDConnectProviders"));
        }

        [Fact]
        public async Task A_missing_role_is_a_typed_NoSuchEntity_tried_once()
        {
            string name = Unique("absent");
            int before = Calls("GetRole");
            var error = await Refused(Client().GetRoleAsync(name, CancellationToken.None));
            Assert.Equal("NoSuchEntity", error.Code);
            Assert.Equal(404, error.StatusCode);
            Assert.Equal("IamNoSuchEntity", error.ErrorId);
            Assert.Equal(SemaphoreOidc.Errors.ErrorKind.ObjectNotFound, error.Kind);
            Assert.Matches("^[0-9a-f-]{36}$", error.AwsRequestId);
            Assert.Contains(error.AwsRequestId, error.Message);
            Assert.Contains($"The role with name {name} cannot be found.", error.AwsMessage);
            Assert.Equal(1, Calls("GetRole") - before);
        }

        [Fact]
        public async Task Validation_and_policy_errors_keep_AWS_codes()
        {
            var iam = Client();
            var malformed = await Refused(iam.CreateRoleAsync(Unique("bad"), "{not json", null, CancellationToken.None));
            Assert.Equal("MalformedPolicyDocument", malformed.Code);
            Assert.Equal(400, malformed.StatusCode);

            string name = Unique("big");
            await iam.CreateRoleAsync(name, _server.TrustPolicyFor("my-org", "org:my-org:*"), null, CancellationToken.None);
            string huge = _server.TrustPolicyFor("my-org", "org:my-org:" + new string('x', 2100));
            var limit = await Refused(iam.UpdateAssumeRolePolicyAsync(name, huge, CancellationToken.None));
            Assert.Equal("LimitExceeded", limit.Code);
            Assert.Equal(409, limit.StatusCode);
            Assert.Contains("ACLSizePerRole: 2048", limit.AwsMessage);

            string url = "https://" + Unique("dup") + ".semaphoreci.com";
            await iam.CreateOpenIdConnectProviderAsync(url, new[] { url }, null, null, CancellationToken.None);
            var duplicate = await Refused(iam.CreateOpenIdConnectProviderAsync(url, new[] { url }, null, null, CancellationToken.None));
            Assert.Equal("EntityAlreadyExists", duplicate.Code);
            Assert.Equal("IamEntityAlreadyExists", duplicate.ErrorId);
        }

        [Fact]
        public async Task Wrong_credentials_are_an_authentication_error_not_retried()
        {
            int before = Calls("ListOpenIDConnectProviders");
            var error = await Refused(Client(new ImmutableCredentials(_server.AdminAccessKeyId, new string('x', 40), null))
                .ListOpenIdConnectProvidersAsync(CancellationToken.None));
            Assert.Equal("SignatureDoesNotMatch", error.Code);
            Assert.Equal(403, error.StatusCode);
            Assert.Equal(SemaphoreOidc.Errors.ErrorKind.AuthenticationError, error.Kind);
            Assert.Equal(1, Calls("ListOpenIDConnectProviders") - before);
        }

        [Theory]
        [InlineData(FaultKind.Throttling, null)]
        [InlineData(FaultKind.Http500, null)]
        [InlineData(FaultKind.AwsError, "ServiceFailure")]
        [InlineData(FaultKind.AwsError, "ConcurrentModification")]
        public async Task Reads_are_retried_through_transient_failures(FaultKind kind, string code)
        {
            string name = Unique("retry");
            await Client().CreateRoleAsync(name, _server.TrustPolicyFor("my-org", "org:my-org:*"), null, CancellationToken.None);
            _server.AddFault(new FaultRule { Service = "iam", Action = "GetRole", Count = 2, Kind = kind, ErrorCode = code });
            int before = Calls("GetRole");
            var role = await Client().GetRoleAsync(name, CancellationToken.None);
            Assert.Equal(name, role.RoleName);
            Assert.Equal(3, Calls("GetRole") - before);
        }

        [Fact]
        public async Task Retries_stop_at_MaxAttempts_with_the_last_error()
        {
            _server.AddFault(new FaultRule { Service = "iam", Action = "ListOpenIDConnectProviders", Count = 2, Kind = FaultKind.Throttling });
            var iam = Client();
            iam.MaxAttempts = 2;
            int before = Calls("ListOpenIDConnectProviders");
            var error = await Refused(iam.ListOpenIdConnectProvidersAsync(CancellationToken.None));
            Assert.Equal("Throttling", error.Code);
            Assert.Equal(2, Calls("ListOpenIDConnectProviders") - before);
        }

        [Fact]
        public async Task ConcurrentModification_on_UpdateAssumeRolePolicy_is_not_retried_and_changes_nothing()
        {
            var iam = Client();
            string name = Unique("rmw");
            string original = _server.TrustPolicyFor("my-org", "org:my-org:*");
            await iam.CreateRoleAsync(name, original, null, CancellationToken.None);
            _server.AddFault(new FaultRule { Service = "iam", Action = "UpdateAssumeRolePolicy", Count = 1, Kind = FaultKind.AwsError, ErrorCode = "ConcurrentModification" });
            int before = Calls("UpdateAssumeRolePolicy");

            var error = await Refused(iam.UpdateAssumeRolePolicyAsync(name, _server.TrustPolicyFor("my-org", "org:my-org:project:*"), CancellationToken.None));
            Assert.Equal("ConcurrentModification", error.Code);
            Assert.Equal(409, error.StatusCode);
            // The caller must re-read and merge again: a blind retry could overwrite the other writer's change.
            Assert.Equal(1, Calls("UpdateAssumeRolePolicy") - before);
            Assert.Equal(original, (await iam.GetRoleAsync(name, CancellationToken.None)).AssumeRolePolicyDocument);
        }

        [Fact]
        public async Task A_concurrent_writer_is_visible_to_the_next_read()
        {
            var iam = Client();
            string name = Unique("writer");
            await iam.CreateRoleAsync(name, _server.TrustPolicyFor("my-org", "org:my-org:*"), null, CancellationToken.None);
            var read = await iam.GetRoleAsync(name, CancellationToken.None);
            string theirs = _server.TrustPolicyFor("my-org", "org:my-org:project:theirs:*");
            _server.SetRoleTrustPolicy(name, theirs);
            Assert.NotEqual(theirs, read.AssumeRolePolicyDocument);
            Assert.Equal(theirs, (await iam.GetRoleAsync(name, CancellationToken.None)).AssumeRolePolicyDocument);
        }

        [Fact]
        public async Task Credentials_from_an_exchange_sign_IAM_calls_too()
        {
            string providerArn = _server.RegisterProvider(_server.IssuerUrl("my-org"));
            string roleArn = _server.RegisterRole(Unique("exchanger"), _server.TrustPolicyFor("my-org", "org:my-org:*"));
            var plan = ExchangePlanner.Plan(new AssumeRoleParameters { RoleArn = roleArn, Token = _server.MintToken(new TokenRequest()), Region = "us-east-1" }, _ => null, DateTime.UtcNow);
            var result = await new WebIdentityExchange(() => _fixture.EngineHttp).AssumeRoleAsync(plan, null, CancellationToken.None);
            var session = new ImmutableCredentials(result.AccessKeyId, result.SecretAccessKey, result.SessionToken);
            Assert.Contains(providerArn, await Client(session).ListOpenIdConnectProvidersAsync(CancellationToken.None));
        }
    }
}
