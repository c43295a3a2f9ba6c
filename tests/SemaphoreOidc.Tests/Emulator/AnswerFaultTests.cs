using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>
/// The fault kinds that are not AWS errors, on the wire: what a client really receives (status, headers, body,
/// how the connection ends) and what the request log records, so product tests can rely on them.
/// </summary>
public sealed class AnswerFaultTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;
    private readonly string _roleArn;
    private readonly string _token;

    public AnswerFaultTests(EmulatorFixture f)
    {
        _f = f;
        _f.Server.Reset();
        _roleArn = _f.SetUpRole("my-org", "deploy");
        _token = _f.Server.MintToken(new TokenRequest());
    }

    private static HttpClient Client(EmulatorServer server, TimeSpan? timeout = null)
    {
        var handler = EmulatorFixture.CreateHandler(server);
        handler.AllowAutoRedirect = false;
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    private HttpRequestMessage AssumeRequest() =>
        new(HttpMethod.Post, "https://sts.us-east-1.amazonaws.com/")
        {
            Content = new FormUrlEncodedContent(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, string>("Action", "AssumeRoleWithWebIdentity"),
                new("Version", "2011-06-15"), new("RoleArn", _roleArn), new("RoleSessionName", "s1"), new("WebIdentityToken", _token),
            }),
        };

    private void Fault(FaultKind kind, int? status = null, int delay = 0, string contentType = null) =>
        _f.Server.AddFault(new FaultRule { Service = "sts", Kind = kind, StatusCode = status, DelayMilliseconds = delay, ContentType = contentType });

    private async Task<(int Status, string ContentType, byte[] Body, HttpResponseMessage Response)> SendAsync()
    {
        using var http = Client(_f.Server);
        var response = await http.SendAsync(AssumeRequest());
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync(), response);
    }

    private RequestLogEntry Logged() => _f.Server.Requests.Single(r => r.Action == "AssumeRoleWithWebIdentity");

    [Fact]
    public async Task DropConnection_ends_with_a_FIN_and_ResetConnection_with_an_RST()
    {
        using var http = Client(_f.Server);
        Fault(FaultKind.DropConnection);
        var dropped = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(AssumeRequest()));
        Assert.Equal(HttpRequestError.ResponseEnded, dropped.HttpRequestError);

        Fault(FaultKind.ResetConnection);
        var reset = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(AssumeRequest()));
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(reset.InnerException?.InnerException).SocketErrorCode);

        Assert.Equal(new[] { ("DropConnection", 0), ("ResetConnection", 0) }, _f.Server.Requests.Select(r => (r.Fault, r.Status)));
    }

    [Fact]
    public async Task Hang_is_logged_at_once_and_never_answers()
    {
        Fault(FaultKind.Hang);
        using var http = Client(_f.Server, TimeSpan.FromSeconds(3));
        var sending = http.SendAsync(AssumeRequest());
        var watch = Stopwatch.StartNew();
        while (_f.Server.Requests.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(2)) await Task.Delay(20);
        Assert.Equal(("Hang", 0), (Logged().Fault, Logged().Status));
        Assert.False(sending.IsCompleted);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => sending);
    }

    [Fact]
    public async Task SlowBody_sends_the_real_headers_at_once_then_the_body_a_few_bytes_at_a_time()
    {
        Fault(FaultKind.SlowBody, delay: 10);
        using var http = Client(_f.Server);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(AssumeRequest(), HttpCompletionOption.ResponseHeadersRead);
        var headers = watch.Elapsed;
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(watch.Elapsed - headers > TimeSpan.FromMilliseconds(body.Length / 8 * 10 / 2), $"body in {watch.Elapsed - headers}");
        Assert.Equal("AssumeRoleWithWebIdentityResponse", XDocument.Parse(body).Root!.Name.LocalName);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task CutOffBody_promises_the_whole_body_then_closes_halfway()
    {
        Fault(FaultKind.CutOffBody);
        using var http = Client(_f.Server);
        using var response = await http.SendAsync(AssumeRequest(), HttpCompletionOption.ResponseHeadersRead);
        long promised = response.Content.Headers.ContentLength!.Value;
        var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        await Assert.ThrowsAsync<HttpIOException>(() => stream.CopyToAsync(received));
        Assert.Equal(promised / 2, received.Length);
    }

    [Fact]
    public async Task TruncatedXml_is_correctly_framed_half_of_the_real_answer()
    {
        Fault(FaultKind.TruncatedXml);
        var (status, type, body, _) = await SendAsync();
        Assert.Equal((200, "text/xml"), (status, type));
        string text = System.Text.Encoding.UTF8.GetString(body);
        Assert.StartsWith("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">", text);
        Assert.Throws<XmlException>(() => XDocument.Parse(text));
    }

    [Theory]
    [InlineData(null, "text/html; charset=utf-8")]
    [InlineData("application/json", "application/json")]
    public async Task WrongContentType_keeps_the_real_answer_under_another_type(string given, string expected)
    {
        Fault(FaultKind.WrongContentType, contentType: given);
        var (status, type, body, _) = await SendAsync();
        Assert.Equal((200, expected), (status, type));
        Assert.NotNull(XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Descendants().SingleOrDefault(e => e.Name.LocalName == "SessionToken"));
    }

    [Theory]
    [InlineData(null, 200, "<title>Sign in to Airport Wi-Fi</title>")]
    [InlineData(502, 502, "<title>502 Bad Gateway</title>")]
    [InlineData(407, 407, "<title>407 Proxy Authentication Required</title>")]
    public async Task HtmlPage_is_a_portal_or_a_proxy_error_page(int? given, int expected, string title)
    {
        Fault(FaultKind.HtmlPage, given);
        var (status, type, body, _) = await SendAsync();
        Assert.Equal((expected, "text/html; charset=utf-8"), (status, type));
        Assert.Contains(title, System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task EchoRequest_shows_the_request_body_and_headers_token_included()
    {
        Fault(FaultKind.EchoRequest);
        var (status, type, body, _) = await SendAsync();
        string page = WebUtility.HtmlDecode(System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal((200, "text/html; charset=utf-8"), (status, type));
        Assert.StartsWith("<html><body><pre>Action=AssumeRoleWithWebIdentity&", page);
        Assert.Contains("WebIdentityToken=" + _token, page);
        Assert.Contains("Host: sts.us-east-1.amazonaws.com", page);
    }

    [Fact]
    public async Task Garbage_is_random_bytes()
    {
        Fault(FaultKind.Garbage);
        var (status, type, body, _) = await SendAsync();
        Assert.Equal((200, "application/octet-stream", 512), (status, type, body.Length));
    }

    [Fact]
    public async Task EmptyResult_is_the_actions_shape_without_its_result()
    {
        Fault(FaultKind.EmptyResult);
        var (status, type, body, _) = await SendAsync();
        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root!;
        Assert.Equal((200, "text/xml", "AssumeRoleWithWebIdentityResponse"), (status, type, root.Name.LocalName));
        Assert.Empty(root.Elements().Single(e => e.Name.LocalName == "AssumeRoleWithWebIdentityResult").Elements());
    }

    [Theory]
    [InlineData(null, 307)]
    [InlineData(302, 302)]
    public async Task Redirect_points_at_a_login_page(int? given, int expected)
    {
        Fault(FaultKind.Redirect, given);
        var (status, _, body, response) = await SendAsync();
        Assert.Equal((expected, 0), (status, body.Length));
        Assert.StartsWith("https://portal.example.net/login?continue=", response.Headers.Location!.AbsoluteUri);
    }

    [Theory]
    [InlineData(null, 503)]
    [InlineData(404, 404)]
    public async Task BareStatus_has_no_body_and_no_content_type(int? given, int expected)
    {
        Fault(FaultKind.BareStatus, given);
        var (status, type, body, _) = await SendAsync();
        Assert.Equal((expected, null, 0), (status, type, body.Length));
        Assert.Equal(expected, Logged().Status);
    }

    [Fact]
    public async Task A_fault_for_one_host_leaves_the_others_alone()
    {
        _f.Server.AddFault(new FaultRule { Service = "sts", Host = "STS.Other.amazonaws.com", Kind = FaultKind.BareStatus });
        var (status, _, _, _) = await SendAsync();
        Assert.Equal(200, status);
        using var http = Client(_f.Server);
        var request = AssumeRequest();
        request.RequestUri = new Uri("https://sts.other.amazonaws.com/");
        using var other = await http.SendAsync(request);
        Assert.Equal(503, (int)other.StatusCode);
        Assert.Equal(new[] { ("sts.us-east-1.amazonaws.com", (string)null), ("sts.other.amazonaws.com", "BareStatus") },
            _f.Server.Requests.Select(r => (r.Host, r.Fault)));
    }

    [Fact]
    public async Task OversizedBody_goes_on_past_anything_a_client_should_buffer()
    {
        Fault(FaultKind.OversizedBody);
        using var http = Client(_f.Server);
        using var response = await http.SendAsync(AssumeRequest(), HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(response.Content.Headers.ContentLength);
        var stream = await response.Content.ReadAsStreamAsync();
        var chunk = new byte[64 * 1024];
        long total = 0;
        while (total < 20L * 1024 * 1024) total += await stream.ReadAsync(chunk);
        Assert.True(total >= 20L * 1024 * 1024);
    }
}
