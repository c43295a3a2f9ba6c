using System;
using System.Collections.Generic;

namespace SemaphoreOidc.Emulator;

/// <summary>Which kind of token to mint: a good one, or one of the ways a token can be bad.</summary>
public enum TokenKind
{
    Valid,
    /// <summary>exp in the past (iat 25 hours ago).</summary>
    Expired,
    /// <summary>nbf one hour in the future.</summary>
    NotYetValid,
    /// <summary>RS256-signed by a key that is NOT in the issuer's JWKS.</summary>
    WrongKey,
    /// <summary>Header alg "none" and an empty signature.</summary>
    AlgNone,
    /// <summary>HS256 signed with the public key's modulus bytes as secret (the algorithm confusion attack).</summary>
    Hmac,
}

/// <summary>What a minted Semaphore OIDC token says. Defaults describe a push to main of project "web" in "my-org".</summary>
public sealed class TokenRequest
{
    public string Organization { get; set; } = "my-org";
    /// <summary>Default: a GUID derived from the organisation name, so the same org always has the same id.</summary>
    public string? OrganizationId { get; set; }
    public string ProjectId { get; set; } = "936a5312-a3b8-4921-8b3f-2cec8baac574";
    public string ProjectName { get; set; } = "web";
    public string Repository { get; set; } = "web";
    /// <summary>branch | tag | pull-request (what real tokens carry; not "pr").</summary>
    public string RefType { get; set; } = "branch";
    public string Ref { get; set; } = "refs/heads/main";
    /// <summary>Default: derived from <see cref="Ref"/> when it is refs/heads/...</summary>
    public string? Branch { get; set; }
    /// <summary>Default: derived from <see cref="Ref"/> when it is refs/tags/...</summary>
    public string? Tag { get; set; }
    public string? PullRequest { get; set; }
    public string? PrBranch { get; set; }
    public string JobId { get; set; } = Guid.NewGuid().ToString();
    public string WorkflowId { get; set; } = Guid.NewGuid().ToString();
    public string PipelineId { get; set; } = Guid.NewGuid().ToString();
    public string JobType { get; set; } = "pipeline_job";
    public string Trigger { get; set; } = "push";
    /// <summary>Default "&lt;org&gt;.semaphoreci.com"; a self-hosted issuer must be registered first.</summary>
    public string? IssuerHost { get; set; }
    /// <summary>Default: the issuer URL (Semaphore sets aud = iss).</summary>
    public string? Audience { get; set; }
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Default: now.</summary>
    public DateTimeOffset? IssuedAt { get; set; }
    public TokenKind Kind { get; set; } = TokenKind.Valid;
    /// <summary>Overrides applied last: a value replaces the claim, null removes it.</summary>
    public Dictionary<string, object?> Claims { get; set; } = new();
    /// <summary>When set, adds the "https://aws.amazon.com/tags" claim (all keys transitive).</summary>
    public Dictionary<string, string>? SessionTags { get; set; }
    /// <summary>RS256 (default) or ES256; ES256 needs a signing issuer registered with its own keys.</summary>
    public string Algorithm { get; set; } = "RS256";
    /// <summary>Leave the header's kid out: a verifier must then try every published key.</summary>
    public bool OmitKeyId { get; set; }
    /// <summary>
    /// Default: the issuer's own key. A host registered with its own keys signs instead: a forgery that names one
    /// issuer (iss) and is signed by another.
    /// </summary>
    public string? SigningIssuerHost { get; set; }
}
