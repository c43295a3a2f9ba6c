using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;
using SemaphoreOidc.Providers;
using SemaphoreOidc.Tests.Emulator;
using Xunit;
using RetryPolicy = SemaphoreOidc.Aws.RetryPolicy;

namespace SemaphoreOidc.Tests.Providers
{
    /// <summary>
    /// The registry never takes an answer that only looks like success at its word: a deletion is read back, a
    /// list that cannot be read is not an empty account, and nothing is created after an unreadable list.
    /// </summary>
    public class OidcProviderRegistryTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture _fixture;
        private readonly EmulatorServer _server;

        public OidcProviderRegistryTests(EmulatorFixture fixture)
        {
            _fixture = fixture;
            _server = fixture.Server;
            _server.Reset();
        }

        private OidcProviderRegistry Registry(ImmutableCredentials credentials = null) => new OidcProviderRegistry(
            new IamClient(IamEndpoint.Resolve("us-east-1", null),
                () => Task.FromResult(credentials ?? new ImmutableCredentials(_server.AdminAccessKeyId, _server.AdminSecretAccessKey, null)),
                _fixture.EngineHttp, new RetryPolicy(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2))));

        private int Calls(string action) => _server.Requests.Count(r => r.Action == action);

        [Fact]
        public async Task A_deletion_is_confirmed_by_reading_it_back()
        {
            string arn = _server.RegisterProvider(_server.IssuerUrl("gone-org"));
            Assert.True(await Registry().RemoveAsync(OidcProviderArn.Parse(arn), CancellationToken.None));
            Assert.Empty(_server.IamState().Providers);
            Assert.Equal((1, 1), (Calls("DeleteOpenIDConnectProvider"), Calls("GetOpenIDConnectProvider")));
        }

        [Fact]
        public async Task A_deletion_answered_by_something_else_is_not_reported_as_done()
        {
            string arn = _server.RegisterProvider(_server.IssuerUrl("kept-org"));
            // A well-formed "DeleteOpenIDConnectProviderResponse" that deleted nothing.
            _server.AddFault(new FaultRule { Service = "iam", Action = "DeleteOpenIDConnectProvider", Kind = FaultKind.EmptyResult });

            var error = await Assert.ThrowsAsync<SemaphoreOidcException>(() => Registry().RemoveAsync(OidcProviderArn.Parse(arn), CancellationToken.None));

            Assert.Equal(IamErrorIds.ProviderDeleteUnconfirmed, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, error.Kind);
            Assert.Equal(arn, error.Target);
            Assert.Contains($"IAM answered that {arn} was deleted, but it still exists after {OidcProviderRegistry.DeleteChecks} checks", error.Message);
            Assert.Equal(arn, _server.IamState().Providers.Single().Arn);
            Assert.Equal(OidcProviderRegistry.DeleteChecks, Calls("GetOpenIDConnectProvider"));
        }

        [Fact]
        public async Task A_deletion_that_cannot_be_read_back_says_why()
        {
            string arn = _server.RegisterProvider(_server.IssuerUrl("unread-org"));
            _server.AddFault(new FaultRule { Service = "iam", Action = "GetOpenIDConnectProvider", Count = 10, Kind = FaultKind.HtmlPage });

            var error = await Assert.ThrowsAsync<SemaphoreOidcException>(() => Registry().RemoveAsync(OidcProviderArn.Parse(arn), CancellationToken.None));

            Assert.Equal(IamErrorIds.ProviderDeleteUnconfirmed, error.ErrorId);
            Assert.Contains("reading it back failed (IamUnexpectedResponse: ", error.Message);
            Assert.Equal(IamErrorIds.IamUnexpectedResponse, ((SemaphoreOidcException)error.InnerException).ErrorId);
        }

        [Fact]
        public async Task Credentials_that_may_not_read_providers_delete_without_a_confirmation()
        {
            string arn = _server.RegisterProvider(_server.IssuerUrl("denied-org"));
            _server.AddFault(new FaultRule { Service = "iam", Action = "GetOpenIDConnectProvider", Kind = FaultKind.AwsError, ErrorCode = "AccessDenied" });
            Assert.False(await Registry().RemoveAsync(OidcProviderArn.Parse(arn), CancellationToken.None));
            Assert.Empty(_server.IamState().Providers);
        }

        [Theory]
        [InlineData(FaultKind.HtmlPage)]
        [InlineData(FaultKind.EmptyResult)]
        [InlineData(FaultKind.EchoRequest)]
        [InlineData(FaultKind.WrongContentType)]
        public async Task An_unreadable_list_is_an_error_never_an_empty_account_and_nothing_is_created(FaultKind kind)
        {
            _server.RegisterProvider(_server.IssuerUrl("listed-org"));
            _server.AddFault(new FaultRule { Service = "iam", Action = "ListOpenIDConnectProviders", Count = 10, Kind = kind });
            var registry = Registry();

            var list = await Assert.ThrowsAsync<SemaphoreOidcException>(() => registry.ListAsync(CancellationToken.None));
            Assert.Equal(IamErrorIds.IamUnexpectedResponse, list.ErrorId);
            var plan = await Assert.ThrowsAsync<SemaphoreOidcException>(() =>
                registry.PlanAsync(IssuerUrl.ForOrganization("new-org"), null, null, false, null, CancellationToken.None));
            Assert.Equal(IamErrorIds.IamUnexpectedResponse, plan.ErrorId);

            Assert.Equal(0, Calls("CreateOpenIDConnectProvider"));
            Assert.Single(_server.IamState().Providers);
        }
    }
}
