using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>An AWS error a handler wants to answer with.</summary>
internal sealed class AwsErrorException : Exception
{
    public AwsErrorException(string code, string message, int? status = null) : base(message)
    {
        Code = code;
        Status = status ?? AwsXml.StatusFor(code);
    }

    public string Code { get; }
    public int Status { get; }
}

/// <summary>
/// AWS Query-protocol XML, byte for byte the shape botocore and AWSSDK parse:
/// &lt;OpResponse xmlns=ns&gt;&lt;OpResult&gt;..&lt;/OpResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;..
/// and &lt;ErrorResponse xmlns=ns&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;..
/// </summary>
internal static class AwsXml
{
    public const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    // HTTP status per error code (docs/aws-calls.md, "AWS's error codes"; botocore error shapes).
    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        ["InvalidIdentityToken"] = 400,
        ["ExpiredTokenException"] = 400,
        ["IDPCommunicationError"] = 400,
        ["IDPRejectedClaim"] = 403,
        ["MalformedPolicyDocument"] = 400,
        ["PackedPolicyTooLarge"] = 400,
        ["RegionDisabledException"] = 403,
        ["AccessDenied"] = 403,
        ["ValidationError"] = 400,
        ["InvalidAction"] = 400,
        ["MissingAction"] = 400,
        ["InvalidParameterValue"] = 400,
        ["Throttling"] = 400,
        ["InvalidClientTokenId"] = 403,
        ["SignatureDoesNotMatch"] = 403,
        ["IncompleteSignature"] = 400,
        ["MissingAuthenticationToken"] = 403,
        ["ExpiredToken"] = 400,
        ["InvalidInput"] = 400,
        ["NoSuchEntity"] = 404,
        ["EntityAlreadyExists"] = 409,
        ["LimitExceeded"] = 409,
        ["ConcurrentModification"] = 409,
        ["ServiceFailure"] = 500,
        ["InternalFailure"] = 500,
        ["ServiceUnavailable"] = 503,
    };

    public static int StatusFor(string code) => Statuses.TryGetValue(code, out var s) ? s : 400;

    /// <summary>Sender = the caller's fault (4xx), Receiver = AWS's (5xx), as AWS labels them.</summary>
    public static string TypeFor(int status) => status >= 500 ? "Receiver" : "Sender";

    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static Task WriteSuccessAsync(HttpContext ctx, string ns, string action, string requestId, params object[] resultContent)
    {
        XNamespace x = ns;
        var doc = new XElement(x + $"{action}Response",
            new XElement(x + $"{action}Result", resultContent),
            new XElement(x + "ResponseMetadata", new XElement(x + "RequestId", requestId)));
        return WriteAsync(ctx, 200, doc, requestId);
    }

    public static Task WriteErrorAsync(HttpContext ctx, string ns, int status, string code, string message, string requestId)
    {
        XNamespace x = ns;
        var doc = new XElement(x + "ErrorResponse",
            new XElement(x + "Error",
                new XElement(x + "Type", TypeFor(status)),
                new XElement(x + "Code", code),
                new XElement(x + "Message", message)),
            new XElement(x + "RequestId", requestId));
        return WriteAsync(ctx, status, doc, requestId);
    }

    /// <summary>Builds child elements in the given namespace: E(ns, "Name", value-or-children).</summary>
    public static XElement E(string ns, string name, params object?[] content) => new(XName.Get(name, ns), content);

    private static async Task WriteAsync(HttpContext ctx, int status, XElement doc, string requestId)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/xml";
        ctx.Response.Headers["x-amzn-RequestId"] = requestId;
        var body = Encoding.UTF8.GetBytes(doc.ToString(SaveOptions.DisableFormatting));
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body);
    }
}
