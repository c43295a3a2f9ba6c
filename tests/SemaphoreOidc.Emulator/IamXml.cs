using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>IAM's XML shapes (botocore iam service-2.json): lists as &lt;member&gt;, tags as Key/Value, maps as entry/key/value.</summary>
internal static class IamXml
{
    private const string Ns = AwsXml.IamNamespace;

    public static XElement E(string name, params object?[] content) => AwsXml.E(Ns, name, content);

    public static XElement Members(string name, IEnumerable<string> values) =>
        E(name, values.Select(v => E("member", v)).ToArray<object?>());

    public static XElement Tags(IEnumerable<KeyValuePair<string, string>> tags) =>
        E("Tags", tags.Select(t => E("member", E("Key", t.Key), E("Value", t.Value))).ToArray<object?>());

    /// <summary>
    /// Success. Actions without an output shape (Delete*, Update*, Add*, Tag*, Attach*) answer with
    /// ResponseMetadata only and no Result element, as IAM does.
    /// </summary>
    public static Task WriteAsync(HttpContext ctx, string action, string requestId, object?[]? result)
    {
        if (result is not null) return AwsXml.WriteSuccessAsync(ctx, Ns, action, requestId, result!);
        var doc = E($"{action}Response", E("ResponseMetadata", E("RequestId", requestId)));
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/xml";
        ctx.Response.Headers["x-amzn-RequestId"] = requestId;
        return ctx.Response.WriteAsync(doc.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>A role as GetRole/CreateRole describe it; the trust policy URL-encoded (RFC 3986) exactly as IAM sends it.</summary>
    public static XElement Role(Role r) => E("Role",
        E("Path", r.Path),
        E("RoleName", r.Name),
        E("RoleId", r.RoleId),
        E("Arn", r.Arn),
        E("CreateDate", AwsXml.Timestamp(r.CreateDate)),
        E("AssumeRolePolicyDocument", System.Uri.EscapeDataString(r.TrustPolicyJson)),
        r.Description is null ? null : E("Description", r.Description),
        E("MaxSessionDuration", r.MaxSessionDuration),
        r.Tags.Count == 0 ? null : Tags(r.Tags),
        E("RoleLastUsed"));
}
