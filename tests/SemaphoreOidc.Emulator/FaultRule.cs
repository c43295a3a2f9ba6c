namespace SemaphoreOidc.Emulator;

public enum FaultKind
{
    /// <summary>An AWS error body with <see cref="FaultRule.ErrorCode"/>; status from the code table unless given.</summary>
    AwsError,
    /// <summary>A 5xx with an InternalFailure (500) or ServiceUnavailable (503) body.</summary>
    Http500,
    /// <summary>400 Throttling "Rate exceeded".</summary>
    Throttling,
    /// <summary>Wait <see cref="FaultRule.DelayMilliseconds"/>, then answer normally.</summary>
    Delay,
    /// <summary>Abort the connection without answering.</summary>
    DropConnection,
}

/// <summary>Makes the next <see cref="Count"/> matching requests fail in a given way.</summary>
public sealed class FaultRule
{
    /// <summary>sts | issuer | iam | any</summary>
    public string Service { get; set; } = "sts";
    /// <summary>An AWS action (AssumeRoleWithWebIdentity) or, for the issuer, a path (/.well-known/jwks.json). Null = any.</summary>
    public string? Action { get; set; }
    public int Count { get; set; } = 1;
    public FaultKind Kind { get; set; }
    public string? ErrorCode { get; set; }
    public int? StatusCode { get; set; }
    public int DelayMilliseconds { get; set; }
}
