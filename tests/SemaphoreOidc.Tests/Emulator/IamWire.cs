using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;
using Amazon.Runtime;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>
/// Raw IAM requests for the emulator tests: the body built and SigV4-signed as the product does (AWSSDK.Core's
/// signer), sent over the emulator's proxy to the real IAM host name, the answer kept as XML to check its shape.
/// </summary>
public static class IamWire
{
    public const string Host = "iam.amazonaws.com";

    public static ImmutableCredentials Admin(EmulatorFixture f) =>
        new(f.Server.AdminAccessKeyId, f.Server.AdminSecretAccessKey, null);

    public static Task<IamResponse> SendAsync(EmulatorFixture f, string action, params (string Name, string Value)[] parameters) =>
        SendAsync(f, Admin(f), action, parameters);

    public static Task<IamResponse> SendAsync(EmulatorFixture f, ImmutableCredentials credentials, string action, params (string Name, string Value)[] parameters) =>
        SendAsync(f, credentials, action, "us-east-1", Host, parameters);

    public static async Task<IamResponse> SendAsync(EmulatorFixture f, ImmutableCredentials credentials, string action, string signingRegion, string host,
        params (string Name, string Value)[] parameters)
    {
        var query = new QueryParameters(action, "2010-05-08");
        foreach (var (name, value) in parameters) query.Add(name, value);
        using var request = credentials is null
            ? new HttpRequestMessage(HttpMethod.Post, $"https://{host}/")
            {
                Content = new StringContent(query.ToFormBody(), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            }
            : QuerySigner.CreateSignedRequest(new Uri($"https://{host}/"), "iam", signingRegion, query, credentials);
        return await SendAsync(f, request);
    }

    public static async Task<IamResponse> SendAsync(EmulatorFixture f, HttpRequestMessage request)
    {
        using var response = await f.Http.SendAsync(request);
        return new IamResponse((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : null,
            response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>An IAM answer with helpers to read AWS's XML.</summary>
public sealed record IamResponse(int Status, string Body, string RequestIdHeader, string ContentType)
{
    public static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";
    public XDocument Xml => XDocument.Parse(Body);
    public XElement Error => Xml.Root?.Element(Ns + "Error");
    public string ErrorCode => Error?.Element(Ns + "Code")?.Value;
    public string ErrorMessage => Error?.Element(Ns + "Message")?.Value;
    public string ErrorType => Error?.Element(Ns + "Type")?.Value;
    public XElement Result(string action) => Xml.Root?.Element(Ns + $"{action}Result");

    public string Value(string action, params string[] path)
    {
        XElement e = Result(action);
        foreach (var p in path) e = e?.Element(Ns + p);
        return e?.Value;
    }

    public string[] Members(string action, params string[] path)
    {
        XElement e = Result(action);
        foreach (var p in path) e = e?.Element(Ns + p);
        return e?.Elements(Ns + "member").Select(m => m.Value).ToArray() ?? Array.Empty<string>();
    }

    /// <summary>Success in IAM's envelope: namespace, OpResponse root, ResponseMetadata/RequestId = the header.</summary>
    public void AssertSuccess(string action)
    {
        Xunit.Assert.True(Status == 200, $"{action}: {Status} {Body}");
        Xunit.Assert.Equal("text/xml", ContentType);
        Xunit.Assert.Equal(Ns + $"{action}Response", Xml.Root!.Name);
        Xunit.Assert.Equal(RequestIdHeader, Xml.Root.Element(Ns + "ResponseMetadata")?.Element(Ns + "RequestId")?.Value);
        Xunit.Assert.False(string.IsNullOrEmpty(RequestIdHeader));
    }

    /// <summary>An ErrorResponse with the status AWS uses for the code, Type Sender/Receiver, and the request id.</summary>
    public void AssertError(int status, string code, string messagePart = null)
    {
        Xunit.Assert.True(Status == status && ErrorCode == code, $"expected {status} {code}, got {Status}: {Body}");
        Xunit.Assert.Equal("text/xml", ContentType);
        Xunit.Assert.Equal(Ns + "ErrorResponse", Xml.Root!.Name);
        Xunit.Assert.Equal(status >= 500 ? "Receiver" : "Sender", ErrorType);
        Xunit.Assert.Equal(RequestIdHeader, Xml.Root.Element(Ns + "RequestId")?.Value);
        if (messagePart is not null) Xunit.Assert.Contains(messagePart, ErrorMessage);
    }
}
