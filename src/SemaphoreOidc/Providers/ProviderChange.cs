using System;
using System.Collections.Generic;

namespace SemaphoreOidc.Providers
{
    /// <summary>What making a provider exist will do, decided before anything is changed (for -WhatIf and confirmation).</summary>
    public sealed class ProviderChange
    {
        public IssuerUrl Issuer { get; set; }

        /// <summary>The provider that exists already, or null when it will be created.</summary>
        public SemaphoreOidcProvider Existing { get; set; }

        public string[] Audiences { get; set; } = Array.Empty<string>();
        public string[] MissingAudiences { get; set; } = Array.Empty<string>();
        public string[] Thumbprints { get; set; } = Array.Empty<string>();
        public KeyValuePair<string, string>[] Tags { get; set; } = Array.Empty<KeyValuePair<string, string>>();

        /// <summary>Compute the thumbprint if IAM asks for one (and before creating, when requested).</summary>
        public bool ComputeThumbprint { get; set; }

        public bool ChangesNothing => Existing != null && MissingAudiences.Length == 0;

        public string Describe() =>
            Existing == null
                ? $"Create IAM OIDC provider {Issuer.Value} with audience(s) {string.Join(", ", Audiences)}"
                : MissingAudiences.Length == 0
                    ? $"Nothing to change: {Existing.Arn} exists with audience(s) {string.Join(", ", Existing.ClientIds)}"
                    : $"Add audience(s) {string.Join(", ", MissingAudiences)} to {Existing.Arn}";
    }
}
