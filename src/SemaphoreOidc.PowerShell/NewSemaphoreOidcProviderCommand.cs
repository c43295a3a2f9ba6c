using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Providers;

namespace SemaphoreOidc.Commands
{
    /// <summary>New-SemaphoreOidcProvider. Its help (synopsis, description, examples) has one source: module/help/New-SemaphoreOidcProvider.psd1.</summary>
    [Cmdlet(VerbsCommon.New, "SemaphoreOidcProvider", SupportsShouldProcess = true, DefaultParameterSetName = OrganizationSet)]
    [OutputType(typeof(SemaphoreOidcProvider))]
    public sealed class NewSemaphoreOidcProviderCommand : AwsCmdlet
    {
        private const string OrganizationSet = "Organization";
        private const string IssuerSet = "IssuerUrl";

        /// <summary>The Semaphore organisation: the provider is https://&lt;org&gt;.semaphoreci.com.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OrganizationSet, ValueFromPipelineByPropertyName = true)]
        public string Organization { get; set; }

        /// <summary>The issuer URL exactly as tokens carry it in iss (self-hosted Semaphore).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IssuerSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Issuer")]
        public string IssuerUrl { get; set; }

        /// <summary>Audiences (client IDs); default: the issuer URL, which Semaphore puts in aud.</summary>
        [Parameter]
        [Alias("ClientId")]
        public string[] Audience { get; set; }

        /// <summary>SHA-1 thumbprints of the JWKS host's top intermediate CA (optional since 2024).</summary>
        [Parameter]
        public string[] Thumbprint { get; set; }

        /// <summary>Read the thumbprint from the issuer's JWKS host before creating the provider.</summary>
        [Parameter]
        public SwitchParameter ComputeThumbprint { get; set; }

        /// <summary>Tags for a new provider.</summary>
        [Parameter]
        public Hashtable Tag { get; set; }

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(ProviderErrorIds.OrganizationInvalid, "For self-hosted Semaphore use -IssuerUrl.");
            hints.Add(ProviderErrorIds.ThumbprintUnavailable, "Give it with -Thumbprint.");
        }

        protected override void ProcessRecord()
        {
            try
            {
                var issuer = ParameterSetName == IssuerSet ? Providers.IssuerUrl.Parse(IssuerUrl) : Providers.IssuerUrl.ForOrganization(Organization);
                var tags = Tag?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>(e.Key?.ToString(), e.Value?.ToString()));
                var change = RunEngine((log, cancel) => new OidcProviderRegistry(CreateIamClient(log)).PlanAsync(issuer, Audience, Thumbprint, ComputeThumbprint, tags, cancel));

                if (change.ChangesNothing)
                {
                    WriteVerbose(change.Describe());
                    WriteObject(change.Existing);
                    return;
                }

                if (!ShouldProcess(issuer.Value, change.Describe()))
                {
                    if (change.Existing != null) WriteObject(change.Existing);
                    return;
                }

                WriteObject(RunEngine((log, cancel) => new OidcProviderRegistry(CreateIamClient(log)).ApplyAsync(change, cancel)));
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
