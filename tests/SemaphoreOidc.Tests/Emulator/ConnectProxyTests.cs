using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

public sealed class ConnectProxyTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _f;

    public ConnectProxyTests(EmulatorFixture f) => _f = f;

    private async Task<string> RawProxyRequestAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_f.Server.ProxyUri.Host, _f.Server.ProxyUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[1024];
        var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    [Theory]
    [InlineData("example.com:443")]
    [InlineData("github.com:443")]
    [InlineData("127.0.0.1:22")]
    [InlineData("sts.amazonaws.com:80")]
    [InlineData("sts.amazonaws.com.evil.example:443")]
    public async Task Refuses_anything_but_the_emulated_hosts(string authority)
    {
        var answer = await RawProxyRequestAsync($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 403", answer);
    }

    [Fact]
    public async Task Refuses_plain_http_proxying()
    {
        var answer = await RawProxyRequestAsync("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 405", answer);
    }

    [Fact]
    public async Task Tunnels_emulated_hosts()
    {
        var answer = await RawProxyRequestAsync("CONNECT sts.us-east-1.amazonaws.com:443 HTTP/1.1\r\nHost: sts.us-east-1.amazonaws.com:443\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 Connection established", answer);
    }

    [Fact]
    public async Task HttpClient_to_a_foreign_host_fails_through_the_proxy()
    {
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => _f.Http.GetAsync("https://example.com/"));
        Assert.Contains("403", e.ToString());
    }

    [Fact]
    public async Task Client_that_hangs_up_mid_header_does_not_break_the_proxy()
    {
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(_f.Server.ProxyUri.Host, _f.Server.ProxyUri.Port);
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes("CONNECT sts.amazonaws.com:4"));
        }
        using var ok = await _f.Http.GetAsync("https://my-org.semaphoreci.com/.well-known/jwks.json");
        Assert.Equal(200, (int)ok.StatusCode);
    }
}
