using System.Management.Automation;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Commands
{
    /// <summary>Get-SemaphoreOidcProvider. Its help (synopsis, description, examples) has one source: module/help/Get-SemaphoreOidcProvider.psd1.</summary>
    [Cmdlet(VerbsCommon.Get, "SemaphoreOidcProvider", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(SemaphoreOidcProvider))]
    public sealed class GetSemaphoreOidcProviderCommand : AwsCmdlet
    {
        private const string AllSet = "All";
        private const string OrganizationSet = "Organization";
        private const string IssuerSet = "IssuerUrl";
        private const string ArnSet = "Arn";

        /// <summary>The Semaphore organisation whose provider (https://&lt;org&gt;.semaphoreci.com) to find.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OrganizationSet)]
        public string Organization { get; set; }

        /// <summary>The issuer URL whose provider to find.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IssuerSet)]
        [Alias("Issuer")]
        public string IssuerUrl { get; set; }

        /// <summary>The provider ARN.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ArnSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OidcProviderArnCompleter))]
        public string Arn { get; set; }

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(Providers.ProviderErrorIds.OrganizationInvalid, "For self-hosted Semaphore use -IssuerUrl.");
        }

        protected override void ProcessRecord()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case ArnSet:
                        var arn = OidcProviderArn.Parse(Arn);
                        WriteObject(RunEngine((log, cancel) => new OidcProviderRegistry(CreateIamClient(log)).GetAsync(arn, cancel)));
                        break;
                    case AllSet:
                        WriteObject(RunEngine((log, cancel) => new OidcProviderRegistry(CreateIamClient(log)).ListAsync(cancel)), enumerateCollection: true);
                        break;
                    default:
                        var issuer = ParameterSetName == IssuerSet ? Providers.IssuerUrl.Parse(IssuerUrl) : Providers.IssuerUrl.ForOrganization(Organization);
                        var found = RunEngine((log, cancel) => new OidcProviderRegistry(CreateIamClient(log)).FindAsync(issuer, cancel));
                        if (found != null)
                        {
                            WriteObject(found);
                        }
                        else
                        {
                            WriteError(ToErrorRecord(OidcProviderRegistry.NotFound(issuer)));
                        }

                        break;
                }
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
