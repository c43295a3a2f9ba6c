using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Http;

namespace SemaphoreOidc.Sts
{
    /// <summary>Exchanges a Semaphore OIDC token for AWS credentials with STS AssumeRoleWithWebIdentity.</summary>
    public sealed class WebIdentityExchange
    {
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
            var client = StsClientCache.Get(plan.Region.Name, plan.Endpoint, _http(), _attemptTimeout);
            var request = BuildRequest(plan);
            var clock = Stopwatch.StartNew();
            int propagationRetries = 0;

            for (int attempt = 1; ; attempt++)
            {
                cancellation.ThrowIfCancellationRequested();
                log.Verbose($"AssumeRoleWithWebIdentity attempt {attempt}/{plan.MaxAttempts}: role {plan.RoleArn.Value}, session {plan.SessionName}, " +
                            $"{StsErrorTranslator.EndpointName(plan)}.");
                StsFailure failure;
                using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                {
                    attemptCancellation.CancelAfter(_attemptTimeout);
                    try
                    {
                        var response = await client.AssumeRoleWithWebIdentityAsync(request, attemptCancellation.Token).ConfigureAwait(false);
                        log.Verbose($"STS answered in {clock.ElapsedMilliseconds} ms: {response.AssumedRoleUser?.Arn}, expires " +
                                    $"{response.Credentials?.Expiration?.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}.");
                        return ToResult(plan, response);
                    }
                    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (OperationCanceledException ex)
                    {
                        failure = StsFailure.FromTimeout(_attemptTimeout, ex);
                    }
                    catch (Exception ex)
                    {
                        failure = StsFailure.From(ex);
                    }
                }

                bool retryable = failure.Class == FailureClass.Transient || failure.Class == FailureClass.Network ||
                                 (failure.Class == FailureClass.Propagation && propagationRetries < RetryPolicy.MaxPropagationRetries);
                TimeSpan delay = _retry.DelayBefore(attempt);
                if (!retryable || attempt >= plan.MaxAttempts || clock.Elapsed + delay > plan.MaxElapsed)
                {
                    log.Verbose($"Attempt {attempt} failed with {failure.Code}; not retrying.");
                    throw StsErrorTranslator.Translate(failure, plan, attempt);
                }

                if (failure.Class == FailureClass.Propagation) propagationRetries++;
                log.Verbose($"Attempt {attempt} failed with {failure.Code} ({failure.Message}); retrying in {delay.TotalMilliseconds:0} ms.");
                await Task.Delay(delay, cancellation).ConfigureAwait(false);
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

        private static AssumeRoleResult ToResult(ExchangePlan plan, AssumeRoleWithWebIdentityResponse response)
        {
            var credentials = response.Credentials;
            return new AssumeRoleResult(
                credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken,
                (credentials.Expiration ?? DateTime.UtcNow.AddSeconds(plan.DurationSeconds ?? 3600)).ToUniversalTime(),
                plan.Region.Name,
                response.AssumedRoleUser?.Arn, response.AssumedRoleUser?.AssumedRoleId,
                response.SubjectFromWebIdentityToken, response.Audience, response.Provider,
                plan.RoleArn.Value, plan.SessionName, plan.Token.RawToken);
        }
    }
}
