using System;
using System.Collections.Generic;

namespace SemaphoreOidc.Providers
{
    /// <summary>An IAM OIDC identity provider, as the provider commands return it.</summary>
    public sealed class SemaphoreOidcProvider
    {
        public string Arn { get; set; }

        /// <summary>IAM's form of the URL: without https://.</summary>
        public string Url { get; set; }

        /// <summary>The issuer URL as tokens carry it: https://&lt;Url&gt;.</summary>
        public string Issuer { get; set; }

        public string[] ClientIds { get; set; } = Array.Empty<string>();
        public string[] Thumbprints { get; set; } = Array.Empty<string>();
        public DateTime? CreateDate { get; set; }
        public Dictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

        /// <summary>Audiences that were added to an existing provider by this call (empty when none).</summary>
        public string[] AddedClientIds { get; set; } = Array.Empty<string>();

        /// <summary>True when this call created the provider.</summary>
        public bool Created { get; set; }

        public override string ToString() => Arn;
    }
}
