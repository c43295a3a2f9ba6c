using System;
using System.Management.Automation;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;

namespace SemaphoreOidc.Commands
{
    /// <summary>Invoke-SemaphoreAssumeRole. Its help (synopsis, description, examples) has one source: module/help/Invoke-SemaphoreAssumeRole.psd1.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "SemaphoreAssumeRole")]
    [OutputType(typeof(AssumeRoleResult))]
    public sealed class InvokeSemaphoreAssumeRoleCommand : SemaphoreOidcCmdlet
    {
        /// <summary>The IAM role to assume: arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Arn")]
        [AllowEmptyString]
        public string RoleArn { get; set; }

        /// <summary>The OIDC token; defaults to $env:SEMAPHORE_OIDC_TOKEN.</summary>
        [Parameter]
        [AllowEmptyString]
        [Alias("WebIdentityToken")]
        public string Token { get; set; }

        /// <summary>Role session name (shown in CloudTrail); defaults to semaphore-job-$SEMAPHORE_JOB_ID. Made valid for STS.</summary>
        [Parameter]
        [Alias("RoleSessionName")]
        public string SessionName { get; set; }

        /// <summary>Credential lifetime, 900-43200 seconds and at most the role's MaxSessionDuration; STS defaults to 3600.</summary>
        [Parameter]
        public int DurationSeconds { get; set; }

        /// <summary>An inline session policy (JSON) that narrows the role's permissions for this session.</summary>
        [Parameter]
        public string Policy { get; set; }

        /// <summary>Managed policy ARNs (at most 10) that narrow the role's permissions for this session.</summary>
        [Parameter]
        public string[] PolicyArn { get; set; }

        /// <summary>STS region; defaults to AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        /// <summary>An STS endpoint to use instead of the region's own (a VPC endpoint, or a local emulator): an http(s) URL without user name or password; plain http to another machine draws a warning.</summary>
        [Parameter]
        public string EndpointUrl { get; set; }

        /// <summary>Attempts in all, retries included (1-20); only failures that a retry can cure are retried.</summary>
        [Parameter]
        public int MaxAttempts { get; set; } = RetryPolicy.DefaultMaxAttempts;

        /// <summary>Seconds one attempt may take, answer included, before it counts as failed and may be retried (1-600; default 15).</summary>
        [Parameter]
        public int TimeoutSec { get; set; }

        /// <summary>
        /// -EndpointUrl does not come from the pipeline, so its warning is written once per command, here; a bad URL is
        /// left to the planner, which refuses it for each record with the same id.
        /// </summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (AwsEndpointUrl.TryParse(EndpointUrl, out AwsEndpointUrl endpoint) && endpoint.IsCleartextOffMachine)
            {
                WriteWarning(CleartextWarning.ForSts(endpoint));
            }
        }

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.AddTokenParameter(nameof(Token), () => Token != null);
            hints.Add(StsErrorIds.AssumeRoleSessionPolicyMalformed, "Check -Policy and -PolicyArn.");
            hints.Add(StsErrorIds.AssumeRoleSessionPolicyTooLarge, "Shorten -Policy or pass fewer -PolicyArn.");
            hints.Add(StsErrorIds.AssumeRoleRegionDisabled, "Choose another with -Region or AWS_REGION.");
            foreach (string id in new[] { StsErrorIds.StsUnreachable, StsErrorIds.StsUnexpectedResponse, StsErrorIds.AssumeRoleTimeout })
            {
                hints.Add(id, _ => string.IsNullOrEmpty(EndpointUrl) ? null : "Check -EndpointUrl too.");
            }
        }

        protected override void ProcessRecord()
        {
            var parameters = new AssumeRoleParameters
            {
                RoleArn = RoleArn,
                Token = MyInvocation.BoundParameters.ContainsKey(nameof(Token)) ? Token ?? string.Empty : null,
                SessionName = SessionName,
                DurationSeconds = MyInvocation.BoundParameters.ContainsKey(nameof(DurationSeconds)) ? DurationSeconds : (int?)null,
                Policy = Policy,
                PolicyArns = PolicyArn ?? Array.Empty<string>(),
                Region = Region,
                EndpointUrl = EndpointUrl,
                MaxAttempts = MaxAttempts,
                TimeoutSeconds = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeoutSec : (int?)null,
            };

            try
            {
                var plan = ExchangePlanner.Plan(parameters, Environment.GetEnvironmentVariable, DateTime.UtcNow);
                if (plan.Region.Source == RegionSource.Fallback)
                {
                    WriteWarning($"No -Region, AWS_REGION or AWS_DEFAULT_REGION: using {plan.Region.Name}. Set AWS_REGION to the region your resources are in.");
                }

                if (plan.SessionNameChanged)
                {
                    WriteVerbose($"Session name made valid for STS (2-64 of [\\w+=,.@-]): '{plan.SessionName}'.");
                }

                var result = RunEngine((log, cancel) => new WebIdentityExchange().AssumeRoleAsync(plan, log, cancel));
                WriteObject(result);
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
