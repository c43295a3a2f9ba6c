using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// Checks everything that can be checked before calling STS, so a job fails in milliseconds with a
    /// precise message instead of after a round trip with AWS's generic one. Limits are STS's (FACTS.md).
    /// </summary>
    public static class ExchangePlanner
    {
        public const int MinDurationSeconds = 900;
        public const int MaxDurationSeconds = 43200;
        public const int MaxPolicyArns = 10;
        public const int MaxPolicyLength = 2048;
        public const int MaxTokenLength = 20000;

        /// <summary>Clock skew allowed when checking the token's expiry locally; STS decides finally.</summary>
        public static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

        public static ExchangePlan Plan(AssumeRoleParameters parameters, Func<string, string> environment, DateTime utcNow)
        {
            if (parameters == null) throw new ArgumentNullException(nameof(parameters));
            environment = environment ?? Environment.GetEnvironmentVariable;

            var roleArn = Sts.RoleArn.Parse(parameters.RoleArn);

            string raw = TokenSource.Resolve(parameters.Token, environment);
            var token = TokenReader.Read(raw);
            if (raw.Trim().Length > MaxTokenLength)
            {
                throw new SemaphoreOidcException("TokenMalformed", ErrorKind.InvalidData,
                    $"The OIDC token is {raw.Trim().Length} characters long; STS accepts at most {MaxTokenLength}.", "WebIdentityToken");
            }

            TokenLifetime.EnsureNotExpired(token, utcNow, ExpirySkew);

            if (parameters.DurationSeconds.HasValue &&
                (parameters.DurationSeconds.Value < MinDurationSeconds || parameters.DurationSeconds.Value > MaxDurationSeconds))
            {
                throw new SemaphoreOidcException("DurationOutOfRange", ErrorKind.InvalidArgument,
                    $"DurationSeconds {parameters.DurationSeconds.Value} is outside STS's range of {MinDurationSeconds}-{MaxDurationSeconds} " +
                    "(15 minutes to 12 hours), and it may not exceed the role's MaxSessionDuration either.",
                    parameters.DurationSeconds.Value);
            }

            var policyArns = (parameters.PolicyArns ?? new List<string>()).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
            if (policyArns.Count > MaxPolicyArns)
            {
                throw new SemaphoreOidcException("TooManyPolicyArns", ErrorKind.InvalidArgument,
                    $"{policyArns.Count} session policy ARNs were given; STS accepts at most {MaxPolicyArns}. Combine them into fewer managed policies.",
                    policyArns.Count);
            }

            foreach (string arn in policyArns) ManagedPolicyArn.Validate(arn);

            string policy = string.IsNullOrWhiteSpace(parameters.Policy) ? null : parameters.Policy;
            if (policy != null)
            {
                // STS counts the policy as sent, whitespace included (PackedPolicyTooLarge comes later, after compression).
                if (policy.Length > MaxPolicyLength)
                {
                    throw new SemaphoreOidcException("SessionPolicyTooLarge", ErrorKind.InvalidArgument,
                        $"The session policy is {policy.Length} characters; STS accepts at most {MaxPolicyLength}. Remove whitespace or use -PolicyArn.",
                        "Policy");
                }

                SessionPolicyCheck.EnsureJsonObject(policy);
            }

            AwsCallLimits.ValidateMaxAttempts(parameters.MaxAttempts);
            TimeSpan? attemptTimeout = parameters.TimeoutSeconds.HasValue
                ? AwsCallLimits.AttemptTimeoutOf(parameters.TimeoutSeconds, WebIdentityExchange.DefaultAttemptTimeout)
                : (TimeSpan?)null;

            Uri endpoint = null;
            if (!string.IsNullOrWhiteSpace(parameters.EndpointUrl))
            {
                if (!Uri.TryCreate(parameters.EndpointUrl.Trim(), UriKind.Absolute, out endpoint) ||
                    (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
                {
                    throw new SemaphoreOidcException("EndpointUrlInvalid", ErrorKind.InvalidArgument,
                        $"'{parameters.EndpointUrl}' is not an absolute http(s) URL such as https://sts.eu-west-1.amazonaws.com.", parameters.EndpointUrl);
                }
            }

            var region = RegionResolver.Resolve(parameters.Region, environment);

            string requested = string.IsNullOrWhiteSpace(parameters.SessionName)
                ? SessionName.Default(environment("SEMAPHORE_JOB_ID"), token.JobId)
                : parameters.SessionName;
            string sessionName = SessionName.Sanitize(requested);

            return new ExchangePlan(roleArn, token, sessionName, !string.Equals(sessionName, requested, StringComparison.Ordinal),
                parameters.DurationSeconds, policy, policyArns, region, endpoint, parameters.MaxAttempts, attemptTimeout, parameters.MaxElapsed);
        }
    }
}
