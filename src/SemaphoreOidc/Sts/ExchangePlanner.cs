using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// Checks everything that can be checked before calling STS, so a job fails in milliseconds with a
    /// precise message instead of after a round trip with AWS's generic one. Limits are STS's (docs/aws-names.md).
    /// </summary>
    public static class ExchangePlanner
    {
        public const int MinDurationSeconds = 900;
        public const int MaxDurationSeconds = 43200;
        public const int MaxPolicyArns = 10;
        public const int MaxPolicyLength = SessionPolicyCheck.MaxLength;
        public const int MaxTokenLength = 20000;

        /// <summary>Clock skew allowed when checking the token's expiry locally; STS decides finally.</summary>
        public static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

        public static ExchangePlan Plan(AssumeRoleParameters parameters, Func<string, string> environment, DateTime utcNow)
        {
            if (parameters == null) throw new ArgumentNullException(nameof(parameters));
            environment = environment ?? Environment.GetEnvironmentVariable;

            var roleArn = Aws.RoleArn.Parse(parameters.RoleArn);

            string raw = TokenSource.Resolve(parameters.Token, environment);
            var token = TokenReader.Read(raw);
            if (raw.Trim().Length > MaxTokenLength)
            {
                throw new SemaphoreOidcException(TokenErrorIds.TokenMalformed, ErrorKind.InvalidData,
                    $"The OIDC token is {raw.Trim().Length} characters long; STS accepts at most {MaxTokenLength}.", "WebIdentityToken");
            }

            TokenLifetime.EnsureNotExpired(token, utcNow, ExpirySkew);

            if (parameters.DurationSeconds.HasValue &&
                (parameters.DurationSeconds.Value < MinDurationSeconds || parameters.DurationSeconds.Value > MaxDurationSeconds))
            {
                throw new SemaphoreOidcException(AwsErrorIds.DurationOutOfRange, ErrorKind.InvalidArgument,
                    $"DurationSeconds {parameters.DurationSeconds.Value} is outside STS's range of {MinDurationSeconds}-{MaxDurationSeconds} " +
                    "(15 minutes to 12 hours), and it may not exceed the role's MaxSessionDuration either.",
                    parameters.DurationSeconds.Value);
            }

            var policyArns = (parameters.PolicyArns ?? new List<string>()).Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
            if (policyArns.Count > MaxPolicyArns)
            {
                throw new SemaphoreOidcException(AwsErrorIds.TooManyPolicyArns, ErrorKind.InvalidArgument,
                    $"{policyArns.Count} session policy ARNs were given; STS accepts at most {MaxPolicyArns}. Combine them into fewer managed policies.",
                    policyArns.Count);
            }

            var policyArnValues = policyArns.Select(a => ManagedPolicyArn.Parse(a).Value).ToList();
            string policy = string.IsNullOrWhiteSpace(parameters.Policy) ? null : SessionPolicyCheck.Validate(parameters.Policy);

            AwsCallLimits.ValidateMaxAttempts(parameters.MaxAttempts);
            TimeSpan? attemptTimeout = parameters.TimeoutSeconds.HasValue
                ? AwsCallLimits.AttemptTimeoutOf(parameters.TimeoutSeconds, WebIdentityExchange.DefaultAttemptTimeout)
                : (TimeSpan?)null;

            var endpoint = AwsEndpointUrl.ParseOptional(parameters.EndpointUrl, "https://sts.eu-west-1.amazonaws.com");
            var region = RegionResolver.Resolve(parameters.Region, environment);

            string requested = string.IsNullOrWhiteSpace(parameters.SessionName)
                ? SessionName.Default(environment("SEMAPHORE_JOB_ID"), token.JobId)
                : parameters.SessionName;
            string sessionName = SessionName.Sanitize(requested);

            return new ExchangePlan(roleArn, token, sessionName, !string.Equals(sessionName, requested, StringComparison.Ordinal),
                parameters.DurationSeconds, policy, policyArnValues, region, endpoint, parameters.MaxAttempts, attemptTimeout, parameters.MaxElapsed);
        }
    }
}
