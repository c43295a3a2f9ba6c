namespace SemaphoreOidc.Sts
{
    /// <summary>What a self-refreshing web-identity set-up is asked for; <see cref="WebIdentityPlanner"/> checks it.</summary>
    public sealed class WebIdentityRequest
    {
        /// <summary>The role to assume; required.</summary>
        public string RoleArn { get; set; }

        /// <summary>The OIDC token given explicitly, or null for the job's own (<see cref="Tokens.TokenSource"/>).</summary>
        public string Token { get; set; }

        /// <summary>The role session name, or null for <c>semaphore-job-&lt;job id&gt;</c>.</summary>
        public string SessionName { get; set; }

        /// <summary>The region to make current, or null to leave the region variables alone.</summary>
        public string Region { get; set; }

        /// <summary>An absolute folder for the token file, or null for the per-user default.</summary>
        public string TokenDirectory { get; set; }
    }
}
