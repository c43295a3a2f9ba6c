using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Amazon.Runtime;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Http;
using RetryPolicy = SemaphoreOidc.Aws.RetryPolicy;

namespace SemaphoreOidc.Iam
{
    /// <summary>
    /// The IAM actions the module uses, over the Query protocol (AWSSDK.IdentityManagement is not available):
    /// SigV4 by AWSSDK.Core's signer, encoding and parsing as botocore's IAM model, each action run by the
    /// shared retry engine with one request per attempt (docs/aws-calls.md).
    /// </summary>
    public sealed class IamClient
    {
        public const string ApiVersion = "2010-05-08";
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(20);

        private readonly IamEndpoint _endpoint;
        private readonly Func<Task<ImmutableCredentials>> _credentials;
        private readonly HttpClient _http;
        private readonly AwsRetryEngine _engine;
        private ImmutableCredentials _resolved;

        public IamClient(IamEndpoint endpoint, Func<Task<ImmutableCredentials>> credentials, HttpClient http = null, RetryPolicy retry = null, IExchangeLog log = null)
        {
            _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _http = http ?? SharedHttpClients.ForEnvironment();
            _engine = new AwsRetryEngine(retry, log);
        }

        public int MaxAttempts { get; set; } = RetryPolicy.DefaultMaxAttempts;
        public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;
        public TimeSpan MaxElapsed { get; set; } = RetryPolicy.DefaultMaxElapsed;
        public IamEndpoint Endpoint => _endpoint;

        /// <summary>
        /// Sends one action and reads its <c>&lt;ActionResult&gt;</c> with <paramref name="read"/>, which may demand
        /// elements (<see cref="QueryResponse.Required"/>): an answer without them is an unexpected answer. Throws
        /// <see cref="AwsServiceException"/> for IAM's errors, <see cref="SemaphoreOidcException"/> for the rest.
        /// <paramref name="repeatable"/> is false for a write whose caller re-reads after a ConcurrentModification
        /// instead of sending it again.
        /// </summary>
        internal async Task<T> CallAsync<T>(QueryParameters parameters, Func<XElement, T> read, CancellationToken cancellation,
            bool repeatable = true, object target = null)
        {
            if (_resolved == null) _resolved = await _credentials().ConfigureAwait(false);
            var call = new AwsCall("IAM", parameters.Action, AwsEndpointName.Of(_endpoint.Endpoint), repeatable);
            var limits = new AwsCallLimits(MaxAttempts, AttemptTimeout, MaxElapsed);
            return await _engine.RunAsync(call, limits, async attemptCancellation =>
            {
                using (var request = QuerySigner.CreateSignedRequest(_endpoint.Url, "iam", _endpoint.SigningRegion, parameters, _resolved))
                {
                    var answer = await AwsWire.SendAsync(_http, request, attemptCancellation).ConfigureAwait(false);
                    var result = QueryResponse.Read(answer, parameters.Action);
                    try
                    {
                        return read(result);
                    }
                    catch (AnswerShapeException shape)
                    {
                        throw new AwsAttemptException(AwsFailure.Unexpected(answer, FailureClass.Final, shape.Message));
                    }
                }
            }, (failure, attempts) => IamErrors.Translate(failure, parameters.Action, AwsEndpointName.Of(_endpoint.Endpoint), target, attempts, Secrets()),
                cancellation).ConfigureAwait(false);
        }

        /// <summary>Sends one action that answers only metadata.</summary>
        internal Task SendAsync(QueryParameters parameters, CancellationToken cancellation, bool repeatable = true, object target = null) =>
            CallAsync(parameters, result => true, cancellation, repeatable, target);

        private string[] Secrets() => _resolved == null ? new string[0] : new[] { _resolved.SecretKey, _resolved.Token, _resolved.AccessKey };

        private static QueryParameters Action(string name) => new QueryParameters(name, ApiVersion);

        // ---- OIDC providers ----

        public async Task<string> CreateOpenIdConnectProviderAsync(string url, IEnumerable<string> clientIds, IEnumerable<string> thumbprints,
            IEnumerable<KeyValuePair<string, string>> tags, CancellationToken cancellation)
        {
            return await CallAsync(Action("CreateOpenIDConnectProvider").Add("Url", url).AddList("ClientIDList", clientIds)
                    .AddList("ThumbprintList", thumbprints).AddTags("Tags", tags),
                result => QueryResponse.Required(result, "OpenIDConnectProviderArn"), cancellation, target: url).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<string>> ListOpenIdConnectProvidersAsync(CancellationToken cancellation)
        {
            // An answer without the list is not "no providers": a page that only looks like XML must never read as an empty account.
            return await CallAsync(Action("ListOpenIDConnectProviders"),
                result => QueryResponse.RequiredElement(result, "OpenIDConnectProviderList").Elements()
                    .Where(e => e.Name.LocalName == "member").Select(m => QueryResponse.Required(m, "Arn")).ToArray(),
                cancellation).ConfigureAwait(false);
        }

        public async Task<OidcProviderDescription> GetOpenIdConnectProviderAsync(string arn, CancellationToken cancellation)
        {
            return await CallAsync(Action("GetOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn), result => new OidcProviderDescription
            {
                Arn = arn,
                Url = QueryResponse.Required(result, "Url"),
                ClientIds = QueryResponse.Members(result, "ClientIDList"),
                Thumbprints = QueryResponse.Members(result, "ThumbprintList"),
                CreateDate = QueryResponse.Date(result, "CreateDate"),
                Tags = ReadTags(result),
            }, cancellation, target: arn).ConfigureAwait(false);
        }

        public Task DeleteOpenIdConnectProviderAsync(string arn, CancellationToken cancellation) =>
            SendAsync(Action("DeleteOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn), cancellation, target: arn);

        public Task AddClientIdToOpenIdConnectProviderAsync(string arn, string clientId, CancellationToken cancellation) =>
            SendAsync(Action("AddClientIDToOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn).Add("ClientID", clientId), cancellation, target: arn);

        public Task RemoveClientIdFromOpenIdConnectProviderAsync(string arn, string clientId, CancellationToken cancellation) =>
            SendAsync(Action("RemoveClientIDFromOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn).Add("ClientID", clientId), cancellation, target: arn);

        /// <summary>Replaces the whole thumbprint list (IAM has no add/remove for thumbprints).</summary>
        public Task UpdateOpenIdConnectProviderThumbprintAsync(string arn, IEnumerable<string> thumbprints, CancellationToken cancellation) =>
            SendAsync(Action("UpdateOpenIDConnectProviderThumbprint").Add("OpenIDConnectProviderArn", arn).AddList("ThumbprintList", thumbprints), cancellation, target: arn);

        public Task TagOpenIdConnectProviderAsync(string arn, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken cancellation) =>
            SendAsync(Action("TagOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn).AddTags("Tags", tags), cancellation, target: arn);

        // ---- roles ----

        public async Task<RoleDescription> GetRoleAsync(string roleName, CancellationToken cancellation)
        {
            return await CallAsync(Action("GetRole").Add("RoleName", roleName), result => ReadRole(QueryResponse.RequiredElement(result, "Role")),
                cancellation, target: roleName).ConfigureAwait(false);
        }

        public async Task<RoleDescription> CreateRoleAsync(string roleName, string trustPolicy, CreateRoleOptions options, CancellationToken cancellation)
        {
            options = options ?? new CreateRoleOptions();
            var parameters = Action("CreateRole").Add("RoleName", roleName).Add("AssumeRolePolicyDocument", trustPolicy)
                .Add("Path", options.Path).Add("Description", options.Description).Add("MaxSessionDuration", options.MaxSessionDuration)
                .Add("PermissionsBoundary", options.PermissionsBoundary).AddTags("Tags", options.Tags);
            // A retried CreateRole could meet its own first attempt as EntityAlreadyExists; the caller re-reads instead.
            return await CallAsync(parameters, result => ReadRole(QueryResponse.RequiredElement(result, "Role")), cancellation,
                repeatable: false, target: roleName).ConfigureAwait(false);
        }

        /// <summary>Replaces the whole trust policy. ConcurrentModification is not retried here: the caller re-reads and merges again.</summary>
        public Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellation) =>
            SendAsync(Action("UpdateAssumeRolePolicy").Add("RoleName", roleName).Add("PolicyDocument", policyDocument), cancellation,
                repeatable: false, target: roleName);

        public Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellation) =>
            SendAsync(Action("AttachRolePolicy").Add("RoleName", roleName).Add("PolicyArn", policyArn), cancellation, target: policyArn);

        public Task UpdateRoleMaxSessionDurationAsync(string roleName, int maxSessionDuration, CancellationToken cancellation) =>
            SendAsync(Action("UpdateRole").Add("RoleName", roleName).Add("MaxSessionDuration", maxSessionDuration), cancellation, target: roleName);

        /// <summary>GetAccountSummary's SummaryMap (e.g. AssumeRolePolicySizeQuota, OpenIDConnectProviders...).</summary>
        public async Task<IReadOnlyDictionary<string, int>> GetAccountSummaryAsync(CancellationToken cancellation)
        {
            return await CallAsync(Action("GetAccountSummary"), result =>
            {
                var map = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var entry in QueryResponse.RequiredElement(result, "SummaryMap").Elements().Where(e => e.Name.LocalName == "entry"))
                {
                    string key = QueryResponse.Child(entry, "key");
                    if (key != null && int.TryParse(QueryResponse.Child(entry, "value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) map[key] = value;
                }

                return (IReadOnlyDictionary<string, int>)map;
            }, cancellation).ConfigureAwait(false);
        }

        private static RoleDescription ReadRole(XElement role)
        {
            string document = QueryResponse.Required(role, "AssumeRolePolicyDocument");
            int.TryParse(QueryResponse.Child(role, "MaxSessionDuration"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int max);
            return new RoleDescription
            {
                RoleName = QueryResponse.Required(role, "RoleName"),
                RoleId = QueryResponse.Child(role, "RoleId"),
                Arn = QueryResponse.Required(role, "Arn"),
                Path = QueryResponse.Child(role, "Path"),
                Description = QueryResponse.Child(role, "Description"),
                MaxSessionDuration = max,
                CreateDate = QueryResponse.Date(role, "CreateDate"),
                // GetRole and CreateRole return the document URL-encoded (RFC 3986); botocore decodes it the same way.
                AssumeRolePolicyDocument = Uri.UnescapeDataString(document),
                Tags = ReadTags(role),
            };
        }

        private static IReadOnlyDictionary<string, string> ReadTags(XElement parent)
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in QueryResponse.Element(parent, "Tags")?.Elements().Where(e => e.Name.LocalName == "member") ?? Enumerable.Empty<XElement>())
            {
                string key = QueryResponse.Child(member, "Key");
                if (key != null) tags[key] = QueryResponse.Child(member, "Value") ?? string.Empty;
            }

            return tags;
        }
    }
}
