using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Commands
{
    /// <summary>New-SemaphoreTrustPolicy. Its help (synopsis, description, examples) has one source: module/help/New-SemaphoreTrustPolicy.psd1.</summary>
    [Cmdlet(VerbsCommon.New, "SemaphoreTrustPolicy", DefaultParameterSetName = AccountSet)]
    [OutputType(typeof(TrustPolicy))]
    public sealed class NewSemaphoreTrustPolicyCommand : SemaphoreOidcCmdlet
    {
        private const string AccountSet = "AccountId";
        private const string ProviderSet = "ProviderArn";

        /// <summary>The Semaphore organisation (the &lt;org&gt; of https://&lt;org&gt;.semaphoreci.com and of org:&lt;org&gt; in sub).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [AllowEmptyString]
        public string Organization { get; set; }

        /// <summary>The AWS account (12 digits) whose IAM OIDC provider for the issuer is the principal.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccountSet)]
        [AllowEmptyString]
        public string AccountId { get; set; }

        /// <summary>The AWS partition of the provider ARN: aws (default), aws-cn, aws-us-gov, ...</summary>
        [Parameter(ParameterSetName = AccountSet)]
        public string Partition { get; set; }

        /// <summary>The IAM OIDC provider's ARN (from Get-SemaphoreOidcProvider); its partition and host are used.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProviderSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Arn")]
        [AllowEmptyString]
        public string ProviderArn { get; set; }

        /// <summary>The issuer of self-hosted Semaphore (https, no port, query, fragment or trailing slash); default https://&lt;org&gt;.semaphoreci.com.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Issuer")]
        public string IssuerUrl { get; set; }

        /// <summary>Project ids (GUIDs, or patterns with * and ?); none = any project.</summary>
        [Parameter]
        public string[] ProjectId { get; set; }

        /// <summary>Repository names as Semaphore's sub carries them (e.g. web); none = any repository.</summary>
        [Parameter]
        public string[] Repository { get; set; }

        /// <summary>Branches (main, release/*); refs/heads/ is added.</summary>
        [Parameter]
        public string[] Branch { get; set; }

        /// <summary>Tags (v1.0.0, v*); refs/tags/ is added.</summary>
        [Parameter]
        public string[] Tag { get; set; }

        /// <summary>Also admit pull-request jobs (ref_type pull-request, any ref).</summary>
        [Parameter]
        public SwitchParameter PullRequest { get; set; }

        /// <summary>Raw sub values in IAM syntax, added as they are (StringLike when they hold * or ?).</summary>
        [Parameter]
        public string[] Subject { get; set; }

        /// <summary>Also allow sts:TagSession, which STS requires when tokens carry session tags.</summary>
        [Parameter]
        public SwitchParameter AllowSessionTags { get; set; }

        /// <summary>Accept a sub that admits every project and repository of the organisation (or any organisation).</summary>
        [Parameter]
        public SwitchParameter AllowBroad { get; set; }

        /// <summary>Fail when the policy is larger than this many non-whitespace characters (IAM's default quota is 2048).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxSize { get; set; }

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(PolicyErrorIds.TrustPolicyTooBroad, "Name it with -ProjectId <uuid>, or add -AllowBroad.");
            hints.Add(PolicyErrorIds.TrustPolicyTooLarge, _ => MaxSize > 0 ? "Pass patterns such as -Branch 'release/*', or a larger -MaxSize." : null);
            hints.Add(PolicyErrorIds.ProviderMismatch, error => Partition != null && Equals(error.Target, Partition)
                ? "Leave -Partition out."
                : "Check -ProviderArn against -Organization and -IssuerUrl.");
            hints.Add(Aws.AwsErrorIds.AccountIdInvalid, "Give -AccountId or -ProviderArn.");
            hints.Add(Providers.ProviderErrorIds.OrganizationInvalid, "For self-hosted Semaphore use -IssuerUrl.");
        }

        protected override void ProcessRecord()
        {
            var request = new TrustPolicyRequest
            {
                Organization = Organization,
                AccountId = AccountId,
                Partition = Partition,
                ProviderArn = ParameterSetName == ProviderSet ? ProviderArn ?? string.Empty : null,
                IssuerUrl = IssuerUrl,
                PullRequest = PullRequest,
                AllowSessionTags = AllowSessionTags,
                AllowBroad = AllowBroad,
                MaxSize = MaxSize,
            };
            if (ProjectId != null) foreach (string value in ProjectId) request.ProjectIds.Add(value);
            if (Repository != null) foreach (string value in Repository) request.Repositories.Add(value);
            if (Branch != null) foreach (string value in Branch) request.Branches.Add(value);
            if (Tag != null) foreach (string value in Tag) request.Tags.Add(value);
            if (Subject != null) foreach (string value in Subject) request.RawSubjects.Add(value);

            try
            {
                TrustPolicy policy = TrustPolicyBuilder.Build(request);
                if (policy.Size > TrustPolicy.DefaultSizeQuota)
                {
                    WriteWarning($"The trust policy is {policy.Size} characters as IAM counts them, over IAM's default quota of {TrustPolicy.DefaultSizeQuota}: " +
                        "IAM refuses it unless the account's AssumeRolePolicySizeQuota was raised. Prefer patterns (-Branch 'release/*') to long lists.");
                }

                WriteVerbose($"Trust policy admits: {string.Join(", ", policy.SubjectPatterns)}");
                WriteObject(policy);
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
