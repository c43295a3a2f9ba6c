using System.Management.Automation;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;

namespace SemaphoreOidc.Commands
{
    /// <summary>Commands that call IAM take the parameters AWS Tools for PowerShell uses for the same purpose.</summary>
    public abstract class AwsCmdlet : SemaphoreOidcCmdlet
    {
        /// <summary>The region whose partition's IAM endpoint to use; defaults to AWS_REGION, AWS_DEFAULT_REGION, then us-east-1.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        /// <summary>A profile of the shared credentials/config files to sign IAM requests with; defaults to the SDK's credential chain.</summary>
        [Parameter]
        [Alias("Profile")]
        public string ProfileName { get; set; }

        /// <summary>An IAM endpoint to use instead of the partition's own: an http(s) URL without user name or password; plain http to another machine draws a warning.</summary>
        [Parameter]
        public string EndpointUrl { get; set; }

        /// <summary>Attempts per IAM request in all, retries included (1-20); only failures that a retry can cure are retried.</summary>
        [Parameter]
        public int MaxAttempts { get; set; } = RetryPolicy.DefaultMaxAttempts;

        /// <summary>Seconds one IAM request may take, answer included, before it counts as failed (1-600; default 20).</summary>
        [Parameter]
        public int TimeoutSec { get; set; }

        private IamEndpoint _endpoint;
        private AwsCallLimits _limits;

        /// <summary>
        /// Limits, region and endpoint are checked once, before any input is processed (a bad one is a terminating
        /// error, nothing is sent), and a plain-http endpoint to another machine is warned about once per command.
        /// </summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                _limits = IamClientFactory.LimitsOf(MaxAttempts,
                    MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeoutSec : (int?)null);
                _endpoint = IamEndpoint.Resolve(Region, EndpointUrl, null);
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }

            if (_endpoint.Endpoint.IsCleartextOffMachine) WriteWarning(CleartextWarning.ForIam(_endpoint.Endpoint));
        }

        protected IamClient CreateIamClient(IExchangeLog log) => IamClientFactory.Create(_endpoint, ProfileName, log, _limits);

        /// <summary>What every IAM command adds to the engine's words: its credential and endpoint parameters.</summary>
        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(AwsErrorIds.AwsCredentialsNotFound, "Name a profile with -ProfileName.");
            // Only when the user chose the endpoint: AWS's own is not a setting to check.
            foreach (string id in new[] { IamErrorIds.IamUnreachable, IamErrorIds.IamUnexpectedResponse, IamErrorIds.IamTimeout, IamErrorIds.ProviderDeleteUnconfirmed })
            {
                hints.Add(id, _ => string.IsNullOrEmpty(EndpointUrl) ? null : "Check -EndpointUrl too.");
            }
        }
    }
}
