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
    /// <summary>Close the connection (TCP FIN) after reading the request, without answering.</summary>
    DropConnection,
    /// <summary>Accept the request (TLS and all) and never answer, until the client gives up; logged at once, with status 0.</summary>
    Hang,
    /// <summary>
    /// A 200 too large for any client to buffer. With <see cref="FaultRule.BodyBytes"/>: an application/json object of
    /// exactly that many bytes, with a Content-Length unless <see cref="FaultRule.OmitContentLength"/> (then chunked: the
    /// size shows only while reading). Without: a body that never ends (stopped at 1 GiB), JSON for the issuer, the
    /// action's XML for STS and IAM.
    /// </summary>
    OversizedBody,
    /// <summary>Reset the connection (TCP RST) after reading the request, without answering.</summary>
    ResetConnection,
    /// <summary>The real answer's status and headers at once, then its body a few bytes every <see cref="FaultRule.DelayMilliseconds"/> (default 1000).</summary>
    SlowBody,
    /// <summary>The real answer's status and headers (full Content-Length), half its body, then the connection closes.</summary>
    CutOffBody,
    /// <summary>An HTML page (a captive portal, a proxy's login or error page); status 200 unless <see cref="FaultRule.StatusCode"/>.</summary>
    HtmlPage,
    /// <summary>A 200 HTML page that echoes the request, headers and body: what a misconfigured proxy shows, secrets included.</summary>
    EchoRequest,
    /// <summary>A 200 of random bytes (application/octet-stream).</summary>
    Garbage,
    /// <summary>The real answer cut in the middle of its XML, correctly framed (Content-Length of what is sent).</summary>
    TruncatedXml,
    /// <summary>A 200 in the action's own XML shape but without its result (no Credentials, no ARN, no list): a fake success.</summary>
    EmptyResult,
    /// <summary>A redirect (307 unless <see cref="FaultRule.StatusCode"/>) to a login page, empty body.</summary>
    Redirect,
    /// <summary>A bare status (503 unless <see cref="FaultRule.StatusCode"/>) with an empty body and no AWS error document.</summary>
    BareStatus,
    /// <summary>The real answer with another content type (<see cref="FaultRule.ContentType"/>, default text/html).</summary>
    WrongContentType,
    /// <summary>The real answer, unchanged: for a rule that is there only for its <see cref="FaultRule.OverwriteRole"/> change.</summary>
    RealAnswer,
}

/// <summary>
/// Makes the next <see cref="Count"/> matching requests fail in a given way, and optionally stages a concurrent
/// writer's change at that exact moment (<see cref="OverwriteRole"/>): a race made deterministic.
/// </summary>
public sealed class FaultRule
{
    /// <summary>sts | issuer | iam | any</summary>
    public string Service { get; set; } = "sts";
    /// <summary>An AWS action (AssumeRoleWithWebIdentity) or, for the issuer, a path (/.well-known/jwks.json). Null = any.</summary>
    public string? Action { get; set; }
    /// <summary>Only requests to this host name (e.g. sts.run-7.amazonaws.com), so faults for concurrent callers stay apart. Null = any.</summary>
    public string? Host { get; set; }
    public int Count { get; set; } = 1;
    public FaultKind Kind { get; set; }
    public string? ErrorCode { get; set; }
    public int? StatusCode { get; set; }
    public int DelayMilliseconds { get; set; }
    /// <summary>The content type a <see cref="FaultKind.WrongContentType"/> fault answers with.</summary>
    public string? ContentType { get; set; }
    /// <summary><see cref="FaultKind.OversizedBody"/>: the body's size in bytes (none: a body that never ends).</summary>
    public long? BodyBytes { get; set; }
    /// <summary><see cref="FaultKind.OversizedBody"/>: with <see cref="BodyBytes"/>, send no Content-Length (chunked).</summary>
    public bool OmitContentLength { get; set; }
    /// <summary>
    /// With <see cref="OverwriteTrustPolicy"/>: once the matching request has been answered from the state as it was,
    /// and before the answer leaves (or when a fault that sends none ends the request), another writer overwrites
    /// this role's trust policy. The client's next request sees the change; the answer it holds does not.
    /// </summary>
    public string? OverwriteRole { get; set; }
    /// <summary>The trust policy JSON the other writer puts on <see cref="OverwriteRole"/>.</summary>
    public string? OverwriteTrustPolicy { get; set; }
}
