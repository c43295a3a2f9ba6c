using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;
using SemaphoreOidc.Roles;

namespace SemaphoreOidc.Commands
{
    /// <summary>Set-SemaphoreRoleTrust. Its help (synopsis, description, examples) has one source: module/help/Set-SemaphoreRoleTrust.psd1.</summary>
    [Cmdlet(VerbsCommon.Set, "SemaphoreRoleTrust", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TrustPolicy))]
    public sealed class SetSemaphoreRoleTrustCommand : AwsCmdlet
    {
        /// <summary>The role's name (not its ARN).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RoleNameCompleter))]
        public string RoleName { get; set; }

        /// <summary>The trust policy: a TrustPolicy (New-SemaphoreTrustPolicy), JSON text, or the path of a JSON file.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object Policy { get; set; }

        /// <summary>Replace the whole trust policy instead of merging (statements for other principals are dropped).</summary>
        [Parameter]
        public SwitchParameter Replace { get; set; }

        /// <summary>Apply even when the findings call the result too broad.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Create the role when it does not exist.</summary>
        [Parameter]
        public SwitchParameter Create { get; set; }

        /// <summary>With -Create: the role's description.</summary>
        [Parameter]
        public string Description { get; set; }

        /// <summary>The role's MaxSessionDuration in seconds (3600-43200); set on a new role or changed on an existing one.</summary>
        [Parameter]
        public int MaxSessionDuration { get; set; }

        /// <summary>Managed policy ARNs to attach (the role's permissions).</summary>
        [Parameter]
        public string[] PermissionPolicyArn { get; set; }

        /// <summary>With -Create: tags for the role.</summary>
        [Parameter]
        public Hashtable Tag { get; set; }

        /// <summary>Write the role's resulting trust policy.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(RoleErrorIds.TrustPolicyMissing, "Give it with -Policy, or pipe New-SemaphoreTrustPolicy's output in.");
            hints.Add(PolicyErrorIds.TrustPolicyTooBroad, "Use -Force to apply it anyway.");
            // The account's quota (the error is about the role), not a policy file that is too large to read.
            hints.Add(PolicyErrorIds.TrustPolicyTooLarge, error => RoleName != null && Equals(error.Target, RoleName.Trim())
                ? "Add -Replace to replace the statements instead of merging into them." : null);
            hints.Add(RoleErrorIds.RoleNotFound, _ => Create ? null : "Add -Create to create it.");
        }

        protected override void ProcessRecord()
        {
            try
            {
                var request = new RoleTrustRequest
                {
                    RoleName = RoleName,
                    Policy = PolicyInput.Read(Policy, SessionState),
                    Replace = Replace,
                    Force = Force,
                    Create = Create,
                    Description = Description,
                    MaxSessionDuration = MyInvocation.BoundParameters.ContainsKey(nameof(MaxSessionDuration)) ? MaxSessionDuration : (int?)null,
                    PermissionPolicyArns = PermissionPolicyArn ?? new string[0],
                    Tags = Tag?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, string>(e.Key?.ToString(), e.Value?.ToString())).ToArray()
                           ?? new KeyValuePair<string, string>[0],
                };

                var change = RunEngine((log, cancel) => new RoleTrustUpdater(CreateIamClient(log)).PlanAsync(request, cancel));
                foreach (var finding in change.Findings.Where(f => f.Severity != FindingSeverity.Info)) WriteWarning(finding.ToString());

                if (change.ChangesNothing)
                {
                    WriteVerbose(change.Describe());
                }
                else if (ShouldProcess(request.RoleName, change.Describe()))
                {
                    var role = RunEngine((log, cancel) => new RoleTrustUpdater(CreateIamClient(log)).ApplyAsync(change, cancel));
                    WriteVerbose($"Applied to {role.Arn}.");
                    if (PassThru) WriteObject(RoleTrustOutput.Wrap(TrustPolicy.Parse(role.AssumeRolePolicyDocument), role));
                    return;
                }

                if (PassThru && change.Existing != null) WriteObject(RoleTrustOutput.Wrap(change.ExistingPolicy, change.Existing));
            }
            catch (SemaphoreOidcException error)
            {
                WriteError(ToErrorRecord(error));
            }
        }
    }
}
