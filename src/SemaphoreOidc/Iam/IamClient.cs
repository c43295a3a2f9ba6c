using System;
using System.Collections.Generic;
using System.Diagnostics;
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
using SemaphoreOidc.Sts;
using RetryPolicy = SemaphoreOidc.Sts.RetryPolicy;

namespace SemaphoreOidc.Iam
{
    /// <summary>
    /// The IAM actions the module uses, over the Query protocol (AWSSDK.IdentityManagement is not available):
    /// SigV4 by AWSSDK.Core's signer, encoding and parsing as botocore's IAM model, bounded jittered retries.
    /// </summary>
    public sealed class IamClient
    {
        public const string ApiVersion = "2010-05-08";
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(20);

        private readonly IamEndpoint _endpoint;
        private readonly Func<Task<ImmutableCredentials>> _credentials;
        private readonly HttpClient _http;
        private readonly RetryPolicy _retry;
        private readonly IExchangeLog _log;
        private ImmutableCredentials _resolved;

        public IamClient(IamEndpoint endpoint, Func<Task<ImmutableCredentials>> credentials, HttpClient http = null, RetryPolicy retry = null, IExchangeLog log = null)
        {
            _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _http = http ?? SharedHttpClients.ForEnvironment();
            _retry = retry ?? RetryPolicy.Default();
            _log = log ?? SilentLog.Instance;
        }

        public int MaxAttempts { get; set; } = RetryPolicy.DefaultMaxAttempts;
        public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;
        public IamEndpoint Endpoint => _endpoint;

        /// <summary>Sends one action and returns its <c>&lt;ActionResult&gt;</c> element, or throws <see cref="AwsServiceException"/>.</summary>
        public async Task<XElement> SendAsync(QueryParameters parameters, CancellationToken cancellation, bool retryConcurrentModification = true, object target = null)
        {
            if (_resolved == null) _resolved = await _credentials().ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                cancellation.ThrowIfCancellationRequested();
                _log.Verbose($"IAM {parameters.Action} attempt {attempt}/{MaxAttempts} at {_endpoint.Display}.");
                Exception failure;
                bool retryable;
                using (var request = QuerySigner.CreateSignedRequest(_endpoint.Url, "iam", _endpoint.SigningRegion, parameters, _resolved))
                using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                {
                    attemptCancellation.CancelAfter(AttemptTimeout);
                    try
                    {
                        using (var response = await _http.SendAsync(request, attemptCancellation.Token).ConfigureAwait(false))
                        {
                            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            if (response.IsSuccessStatusCode) return QueryResponse.ResultOf(body, parameters.Action);
                            var error = QueryResponse.ErrorOf(body);
                            var exception = new AwsServiceException("iam", parameters.Action,
                                error?.Code ?? "HttpStatus" + (int)response.StatusCode,
                                error?.Message ?? response.ReasonPhrase, (int)response.StatusCode,
                                error?.RequestId ?? HeaderValue(response, "x-amzn-RequestId"), target);
                            failure = exception;
                            retryable = IsRetryable(exception, retryConcurrentModification);
                        }
                    }
                    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (OperationCanceledException ex)
                    {
                        failure = new SemaphoreOidcException("IamTimeout", ErrorKind.OperationTimeout,
                            $"IAM {parameters.Action} got no answer from {_endpoint.Url.Host} within {AttemptTimeout.TotalSeconds:0} s.", target, ex);
                        retryable = true;
                    }
                    catch (HttpRequestException ex)
                    {
                        failure = new SemaphoreOidcException("IamUnreachable", ErrorKind.ConnectionError,
                            $"Cannot reach IAM at {_endpoint.Url.Host}: {ExceptionChain.Innermost(ex).Message}. Check the network, HTTPS_PROXY and -EndpointUrl.", target, ex);
                        retryable = !(ExceptionChain.Innermost(ex) is System.Security.Authentication.AuthenticationException);
                    }
                }

                TimeSpan delay = _retry.DelayBefore(attempt);
                if (!retryable || attempt >= MaxAttempts || clock.Elapsed + delay > RetryPolicy.DefaultMaxElapsed)
                {
                    throw failure;
                }

                _log.Verbose($"IAM {parameters.Action} attempt {attempt} failed ({(failure as AwsServiceException)?.Code ?? failure.GetType().Name}); retrying in {delay.TotalMilliseconds:0} ms.");
                await Task.Delay(delay, cancellation).ConfigureAwait(false);
            }
        }

        private static bool IsRetryable(AwsServiceException error, bool retryConcurrentModification)
        {
            if (error.Code == "ConcurrentModification") return retryConcurrentModification;
            return error.StatusCode >= 500 || StsFailure.Classify(error.Code, error.StatusCode) == FailureClass.Transient;
        }

        private static string HeaderValue(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;


        private static QueryParameters Action(string name) => new QueryParameters(name, ApiVersion);

        // ---- OIDC providers ----

        public async Task<string> CreateOpenIdConnectProviderAsync(string url, IEnumerable<string> clientIds, IEnumerable<string> thumbprints,
            IEnumerable<KeyValuePair<string, string>> tags, CancellationToken cancellation)
        {
            var result = await SendAsync(Action("CreateOpenIDConnectProvider").Add("Url", url).AddList("ClientIDList", clientIds)
                .AddList("ThumbprintList", thumbprints).AddTags("Tags", tags), cancellation, target: url).ConfigureAwait(false);
            return QueryResponse.Child(result, "OpenIDConnectProviderArn");
        }

        public async Task<IReadOnlyList<string>> ListOpenIdConnectProvidersAsync(CancellationToken cancellation)
        {
            var result = await SendAsync(Action("ListOpenIDConnectProviders"), cancellation).ConfigureAwait(false);
            var list = QueryResponse.Element(result, "OpenIDConnectProviderList");
            return list?.Elements().Where(e => e.Name.LocalName == "member").Select(m => QueryResponse.Child(m, "Arn")).Where(a => a != null).ToArray()
                   ?? Array.Empty<string>();
        }

        public async Task<OidcProviderDescription> GetOpenIdConnectProviderAsync(string arn, CancellationToken cancellation)
        {
            var result = await SendAsync(Action("GetOpenIDConnectProvider").Add("OpenIDConnectProviderArn", arn), cancellation, target: arn).ConfigureAwait(false);
            return new OidcProviderDescription
            {
                Arn = arn,
                Url = QueryResponse.Child(result, "Url"),
                ClientIds = QueryResponse.Members(result, "ClientIDList"),
                Thumbprints = QueryResponse.Members(result, "ThumbprintList"),
                CreateDate = QueryResponse.Date(result, "CreateDate"),
                Tags = ReadTags(result),
            };
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
            var result = await SendAsync(Action("GetRole").Add("RoleName", roleName), cancellation, target: roleName).ConfigureAwait(false);
            return ReadRole(QueryResponse.Element(result, "Role"));
        }

        public async Task<RoleDescription> CreateRoleAsync(string roleName, string trustPolicy, CreateRoleOptions options, CancellationToken cancellation)
        {
            options = options ?? new CreateRoleOptions();
            var parameters = Action("CreateRole").Add("RoleName", roleName).Add("AssumeRolePolicyDocument", trustPolicy)
                .Add("Path", options.Path).Add("Description", options.Description).Add("MaxSessionDuration", options.MaxSessionDuration)
                .Add("PermissionsBoundary", options.PermissionsBoundary).AddTags("Tags", options.Tags);
            // A retried CreateRole could meet its own first attempt as EntityAlreadyExists; the caller re-reads instead.
            var result = await SendAsync(parameters, cancellation, retryConcurrentModification: false, target: roleName).ConfigureAwait(false);
            return ReadRole(QueryResponse.Element(result, "Role"));
        }

        /// <summary>Replaces the whole trust policy. ConcurrentModification is not retried here: the caller re-reads and merges again.</summary>
        public Task UpdateAssumeRolePolicyAsync(string roleName, string policyDocument, CancellationToken cancellation) =>
            SendAsync(Action("UpdateAssumeRolePolicy").Add("RoleName", roleName).Add("PolicyDocument", policyDocument), cancellation,
                retryConcurrentModification: false, target: roleName);

        public Task AttachRolePolicyAsync(string roleName, string policyArn, CancellationToken cancellation) =>
            SendAsync(Action("AttachRolePolicy").Add("RoleName", roleName).Add("PolicyArn", policyArn), cancellation, target: policyArn);

        public Task UpdateRoleMaxSessionDurationAsync(string roleName, int maxSessionDuration, CancellationToken cancellation) =>
            SendAsync(Action("UpdateRole").Add("RoleName", roleName).Add("MaxSessionDuration", maxSessionDuration), cancellation, target: roleName);

        /// <summary>GetAccountSummary's SummaryMap (e.g. AssumeRolePolicySizeQuota, OpenIDConnectProviders...).</summary>
        public async Task<IReadOnlyDictionary<string, int>> GetAccountSummaryAsync(CancellationToken cancellation)
        {
            var result = await SendAsync(Action("GetAccountSummary"), cancellation).ConfigureAwait(false);
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in QueryResponse.Element(result, "SummaryMap")?.Elements().Where(e => e.Name.LocalName == "entry") ?? Enumerable.Empty<XElement>())
            {
                string key = QueryResponse.Child(entry, "key");
                if (key != null && int.TryParse(QueryResponse.Child(entry, "value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)) map[key] = value;
            }

            return map;
        }

        private static RoleDescription ReadRole(XElement role)
        {
            if (role == null) throw new FormatException("IAM answered without a Role element.");
            string document = QueryResponse.Child(role, "AssumeRolePolicyDocument");
            int.TryParse(QueryResponse.Child(role, "MaxSessionDuration"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int max);
            return new RoleDescription
            {
                RoleName = QueryResponse.Child(role, "RoleName"),
                RoleId = QueryResponse.Child(role, "RoleId"),
                Arn = QueryResponse.Child(role, "Arn"),
                Path = QueryResponse.Child(role, "Path"),
                Description = QueryResponse.Child(role, "Description"),
                MaxSessionDuration = max,
                CreateDate = QueryResponse.Date(role, "CreateDate"),
                // GetRole and CreateRole return the document URL-encoded (RFC 3986); botocore decodes it the same way.
                AssumeRolePolicyDocument = document == null ? null : Uri.UnescapeDataString(document),
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
