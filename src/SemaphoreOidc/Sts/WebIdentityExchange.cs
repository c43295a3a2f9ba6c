using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Http;

namespace SemaphoreOidc.Sts
{
    /// <summary>Exchanges a Semaphore OIDC token for AWS credentials with STS AssumeRoleWithWebIdentity.</summary>
    public sealed class WebIdentityExchange
    {
        private const string Action = "AssumeRoleWithWebIdentity";

        /// <summary>One attempt may take this long before it counts as a network failure and is retried.</summary>
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(15);

        private readonly Func<HttpClient> _http;
        private readonly RetryPolicy _retry;
        private readonly TimeSpan _attemptTimeout;

        public WebIdentityExchange(Func<HttpClient> http = null, RetryPolicy retry = null, TimeSpan? attemptTimeout = null)
        {
            _http = http ?? SharedHttpClients.ForEnvironment;
            _retry = retry ?? RetryPolicy.Default();
            _attemptTimeout = attemptTimeout ?? DefaultAttemptTimeout;
        }

        public async Task<AssumeRoleResult> AssumeRoleAsync(ExchangePlan plan, IExchangeLog log, CancellationToken cancellation)
        {
            log = log ?? SilentLog.Instance;
            var client = StsClientCache.Get(plan.Region.Name, plan.Endpoint, _http());
            var request = BuildRequest(plan);
            var limits = new AwsCallLimits(plan.MaxAttempts, plan.AttemptTimeout ?? _attemptTimeout, plan.MaxElapsed);
            string endpoint = EndpointOf(client, request, plan);
            var call = new AwsCall("STS", Action, endpoint, detail: $"role {plan.RoleArn.Value}, session {plan.SessionName}");
            var clock = Stopwatch.StartNew();

            var result = await new AwsRetryEngine(_retry, log).RunAsync(call, limits, async attemptCancellation =>
            {
                var attempt = SdkAttempt.Begin(Action);
                AssumeRoleWithWebIdentityResponse response;
                try
                {
                    response = await client.AssumeRoleWithWebIdentityAsync(request, attemptCancellation).ConfigureAwait(false);
                }
                catch (Exception ex) when (attempt.Answer != null && !(ex is AwsAttemptException) && !(ex is OperationCanceledException))
                {
                    // The answer looked like STS's but the SDK could not read it (a date, a number): not an AWS answer after all.
                    throw new AwsAttemptException(AwsFailure.Unexpected(attempt.Answer, FailureClass.Final, "an answer the AWS SDK could not read", ex));
                }

                return ToResult(plan, response, attempt.Answer);
            }, (failure, attempts) => StsErrorTranslator.Translate(failure, plan, attempts, endpoint), cancellation).ConfigureAwait(false);

            log.Verbose($"STS answered in {clock.ElapsedMilliseconds} ms: {result.AssumedRoleArn}, expires {result.Expiration:yyyy-MM-ddTHH:mm:ssZ}.");
            return result;
        }

        /// <summary>The endpoint the SDK will call (its own resolution: region, partition, -EndpointUrl), as messages print it.</summary>
        private static string EndpointOf(Amazon.SecurityToken.AmazonSecurityTokenServiceClient client, AssumeRoleWithWebIdentityRequest request, ExchangePlan plan)
        {
            try
            {
                return AwsEndpointName.Of(new Uri(client.DetermineServiceOperationEndpoint(request).URL));
            }
            catch (Exception ex) when (ex is Amazon.Runtime.AmazonClientException || ex is UriFormatException || ex is ArgumentException)
            {
                return StsErrorTranslator.EndpointName(plan);
            }
        }

        private static AssumeRoleWithWebIdentityRequest BuildRequest(ExchangePlan plan)
        {
            var request = new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = plan.RoleArn.Value,
                RoleSessionName = plan.SessionName,
                WebIdentityToken = plan.Token.RawToken,
                DurationSeconds = plan.DurationSeconds,
            };

            if (plan.Policy != null) request.Policy = plan.Policy;
            if (plan.PolicyArns.Count > 0)
            {
                request.PolicyArns = plan.PolicyArns.Select(a => new PolicyDescriptorType { Arn = a }).ToList();
            }

            return request;
        }

        /// <summary>The credentials, or an unexpected answer when STS's success lacks any part of them.</summary>
        private static AssumeRoleResult ToResult(ExchangePlan plan, AssumeRoleWithWebIdentityResponse response, AwsAnswer answer)
        {
            var credentials = response?.Credentials;
            string missing = credentials == null ? "Credentials"
                : string.IsNullOrEmpty(credentials.AccessKeyId) ? "AccessKeyId"
                : string.IsNullOrEmpty(credentials.SecretAccessKey) ? "SecretAccessKey"
                : string.IsNullOrEmpty(credentials.SessionToken) ? "SessionToken"
                : credentials.Expiration == null ? "Expiration"
                : null;
            if (missing != null)
            {
                throw new AwsAttemptException(AwsFailure.Unexpected(answer, FailureClass.Final, $"an {Action} answer without {missing}"));
            }

            return new AssumeRoleResult(
                credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken,
                credentials.Expiration.Value.ToUniversalTime(),
                plan.Region.Name,
                response.AssumedRoleUser?.Arn, response.AssumedRoleUser?.AssumedRoleId,
                response.SubjectFromWebIdentityToken, response.Audience, response.Provider,
                plan.RoleArn.Value, plan.SessionName, plan.Token.RawToken);
        }
    }
}
