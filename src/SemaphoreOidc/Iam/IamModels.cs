using System;
using System.Collections.Generic;

namespace SemaphoreOidc.Iam
{
    /// <summary>An IAM OIDC provider as GetOpenIDConnectProvider describes it.</summary>
    public sealed class OidcProviderDescription
    {
        public string Arn { get; set; }

        /// <summary>IAM returns the URL without <c>https://</c>; this is IAM's form.</summary>
        public string Url { get; set; }

        public IReadOnlyList<string> ClientIds { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Thumbprints { get; set; } = Array.Empty<string>();
        public DateTime? CreateDate { get; set; }
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>An IAM role as GetRole describes it, with its trust policy already URL-decoded.</summary>
    public sealed class RoleDescription
    {
        public string RoleName { get; set; }
        public string RoleId { get; set; }
        public string Arn { get; set; }
        public string Path { get; set; }
        public string Description { get; set; }
        public int MaxSessionDuration { get; set; }
        public DateTime? CreateDate { get; set; }
        public string AssumeRolePolicyDocument { get; set; }
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>What CreateRole needs beyond the name and trust policy.</summary>
    public sealed class CreateRoleOptions
    {
        public string Path { get; set; }
        public string Description { get; set; }
        public int? MaxSessionDuration { get; set; }
        public string PermissionsBoundary { get; set; }
        public IReadOnlyDictionary<string, string> Tags { get; set; }
    }
}
