using System.Management.Automation;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Commands
{
    /// <summary>Remove-SemaphoreOidcProvider. Its help (synopsis, description, examples) has one source: module/help/Remove-SemaphoreOidcProvider.psd1.</summary>
    [Cmdlet(VerbsCommon.Remove, "SemaphoreOidcProvider", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveSemaphoreOidcProviderCommand : AwsCmdlet
    {
        /// <summary>The provider ARN; binds from Get-SemaphoreOidcProvider's output.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OidcProviderArnCompleter))]
        public string Arn { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var arn = OidcProviderArn.Parse(Arn);
                if (!ShouldProcess(arn.Value, "Delete IAM OIDC provider (roles trusting it will refuse every token it issues)")) return;
                bool confirmed = RunEngine((log, cancel) => new OidcProviderRegistry(CreateIamClient(log)).RemoveAsync(arn, cancel));
                WriteVerbose(confirmed
                    ? $"Deleted {arn.Value}; IAM no longer knows it."
                    : $"Deleted {arn.Value}; not read back, as iam:GetOpenIDConnectProvider is denied to these credentials.");
            }
            catch (SemaphoreOidcException error)
            {
                // One bad item must not stop the rest of a pipeline of providers.
                WriteError(ToErrorRecord(error));
            }
        }
    }
}
