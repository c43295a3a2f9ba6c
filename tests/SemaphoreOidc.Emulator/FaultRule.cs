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
    /// <summary>Accept the request (TLS and all) and never answer, until the client gives up.</summary>
    Hang,
    /// <summary>
    /// 200 application/json with a valid JSON object of <see cref="FaultRule.BodyBytes"/> bytes (default 4 MiB), with a
    /// Content-Length unless <see cref="FaultRule.OmitContentLength"/> (then chunked: the size shows only while reading).
    /// </summary>
    OversizedBody,
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
    /// <summary><see cref="FaultKind.OversizedBody"/>: the body's size in bytes (default 4 MiB).</summary>
    public long? BodyBytes { get; set; }
    /// <summary><see cref="FaultKind.OversizedBody"/>: send no Content-Length (chunked).</summary>
    public bool OmitContentLength { get; set; }
}
