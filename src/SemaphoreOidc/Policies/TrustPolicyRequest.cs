using System.Collections.Generic;

namespace SemaphoreOidc.Policies
{
    /// <summary>
    /// What an administrator asks New-SemaphoreTrustPolicy for. In ProjectIds, Repositories, Branches and Tags,
    /// <c>*</c> and <c>?</c> are always wildcards (git refs, repository names and project ids cannot contain them)
    /// and <c>$</c> is always literal (written <c>${$}</c>). RawSubjects are IAM condition values as written:
    /// use <c>${*}</c>, <c>${?}</c>, <c>${$}</c> there for literal characters.
    /// </summary>
    public sealed class TrustPolicyRequest
    {
        public string Organization { get; set; }

        /// <summary>12-digit account id; with <see cref="Partition"/> it names the provider. Or give <see cref="ProviderArn"/>.</summary>
        public string AccountId { get; set; }

        public string ProviderArn { get; set; }

        /// <summary>Self-hosted Semaphore's issuer; defaults to https://&lt;org&gt;.semaphoreci.com.</summary>
        public string IssuerUrl { get; set; }

        /// <summary>aws (default), aws-cn, aws-us-gov, ...; taken from <see cref="ProviderArn"/> when that is given.</summary>
        public string Partition { get; set; }

        public IList<string> ProjectIds { get; set; } = new List<string>();
        public IList<string> Repositories { get; set; } = new List<string>();
        public IList<string> Branches { get; set; } = new List<string>();
        public IList<string> Tags { get; set; } = new List<string>();
        public bool PullRequest { get; set; }
        public IList<string> RawSubjects { get; set; } = new List<string>();

        /// <summary>Also allow sts:TagSession, needed when tokens carry session tags.</summary>
        public bool AllowSessionTags { get; set; }

        /// <summary>Accept subjects that admit every project and repository, or any organisation.</summary>
        public bool AllowBroad { get; set; }

        /// <summary>Refuse a policy larger than this (IAM-counted size); 0 = no limit.</summary>
        public int MaxSize { get; set; }
    }
}
