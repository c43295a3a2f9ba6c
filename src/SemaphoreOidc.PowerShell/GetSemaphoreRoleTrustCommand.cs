using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;
using SemaphoreOidc.Roles;

namespace SemaphoreOidc.Commands
{
    /// <summary>Get-SemaphoreRoleTrust. Its help (synopsis, description, examples) has one source: module/help/Get-SemaphoreRoleTrust.psd1.</summary>
    [Cmdlet(VerbsCommon.Get, "SemaphoreRoleTrust")]
    [OutputType(typeof(TrustPolicy))]
    public sealed class GetSemaphoreRoleTrustCommand : AwsCmdlet
    {
        /// <summary>The role's name (not its ARN).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var (role, policy) = RunEngine((log, cancel) => new RoleTrustUpdater(CreateIamClient(log)).GetAsync(RoleName, cancel));
                WriteObject(RoleTrustOutput.Wrap(policy, role));
            }
            catch (SemaphoreOidcException error)
            {
                WriteError(ToErrorRecord(error));
            }
        }
    }
}
