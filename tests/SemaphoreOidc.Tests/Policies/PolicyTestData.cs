namespace SemaphoreOidc.Tests.Policies
{
    /// <summary>The organisation, provider and job the policy tests talk about, as Semaphore's AWS page writes them.</summary>
    internal static class PolicyTestData
    {
        public const string Org = "my-org";
        public const string Host = "my-org.semaphoreci.com";
        public const string Issuer = "https://my-org.semaphoreci.com";
        public const string Account = "123456789012";
        public const string ProviderArn = "arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com";
        public const string Project = "936a5312-a3b8-4921-8b3f-2cec8baac574";
        public const string Subject = "org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main";

        public static string SubjectFor(string branch, string repo = "web", string project = Project, string org = Org) =>
            $"org:{org}:project:{project}:repo:{repo}:ref_type:branch:ref:refs/heads/{branch}";

        /// <summary>A statement in single-quoted JSON (readable in C#), defaulting to the Semaphore principal and action.</summary>
        public static string Statement(string condition = null, string effect = "Allow", string action = "'Action':'sts:AssumeRoleWithWebIdentity'",
            string principal = "'Principal':{'Federated':'" + ProviderArn + "'}") =>
            "{'Effect':'" + effect + "'," + principal + "," + action + (condition == null ? string.Empty : ",'Condition':" + condition) + "}";

        public static string Policy(params string[] statements) =>
            ("{'Version':'2012-10-17','Statement':[" + string.Join(",", statements) + "]}").Replace('\'', '"');
    }
}
