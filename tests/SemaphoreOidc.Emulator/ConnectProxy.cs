using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// A minimal HTTP CONNECT proxy. Clients set HTTPS_PROXY to it and keep using the real host names
/// (sts.us-east-1.amazonaws.com, my-org.semaphoreci.com); every allowed tunnel goes to the emulator's own
/// HTTPS port and nowhere else, so a test can never reach a real service by accident.
/// </summary>
internal sealed class ConnectProxy : IAsyncDisposable
{
    private const int MaxHeaderBytes = 8192;
    private const int MaxTunnels = 256;
    private static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, bool> _isAllowedHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _clients = new();
    private readonly SemaphoreSlim _slots = new(MaxTunnels, MaxTunnels);
    private Task? _acceptLoop;

    public ConnectProxy(int targetPort, Func<string, bool> isAllowedHost)
    {
        _targetPort = targetPort;
        _isAllowedHost = isAllowedHost;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            _ = HandleClientAsync(client);
        }
    }

    private async Task HandleClientAsync(TcpClient client)
    {
        _clients.TryAdd(client, 0);
        var gotSlot = _slots.Wait(0);
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            if (!gotSlot)
            {
                await WriteStatusAsync(stream, "503 Service Unavailable");
                return;
            }

            using var headerCts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            headerCts.CancelAfter(HeaderTimeout);
            var (header, leftover) = await ReadHeaderAsync(stream, headerCts.Token);
            if (header is null)
            {
                await WriteStatusAsync(stream, "400 Bad Request");
                return;
            }

            var firstLine = header.Split("\r\n", 2)[0];
            var parts = firstLine.Split(' ');
            if (parts.Length != 3 || !parts[0].Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
            {
                // Plain-HTTP proxying is never needed: every party the emulator plays speaks HTTPS.
                await WriteStatusAsync(stream, "405 Method Not Allowed");
                return;
            }

            if (!TryParseAuthority(parts[1], out var host, out var port) || port != 443 || !_isAllowedHost(host))
            {
                await WriteStatusAsync(stream, "403 Forbidden");
                return;
            }

            using var upstream = new TcpClient { NoDelay = true };
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            var upstreamStream = upstream.GetStream();
            await WriteStatusAsync(stream, "200 Connection established");
            if (leftover.Length > 0)
            {
                await upstreamStream.WriteAsync(leftover, _stop.Token);
            }

            await PipeAsync(client, stream, upstream, upstreamStream);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client or the emulator went away; nothing to report.
        }
        finally
        {
            if (gotSlot) _slots.Release();
            _clients.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <summary>Copies both ways until both sides finish or the tunnel is idle for <see cref="IdleTimeout"/>.</summary>
    private async Task PipeAsync(TcpClient client, NetworkStream clientStream, TcpClient upstream, NetworkStream upstreamStream)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        idle.CancelAfter(IdleTimeout);
        var up = CopyAsync(clientStream, upstreamStream, upstream.Client, idle);
        var down = CopyAsync(upstreamStream, clientStream, client.Client, idle);
        // When the emulator side closes (response done, connection aborted by a fault), the client must see it
        // at once; when the client closes, there is nobody left to answer.
        await Task.WhenAny(up, down);
        idle.CancelAfter(TimeSpan.FromSeconds(2));
        try { await Task.WhenAll(up, down); } catch { /* either side ending is normal */ }
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, Socket toSocket, CancellationTokenSource idle)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, idle.Token);
                if (n == 0) break;
                await to.WriteAsync(buffer.AsMemory(0, n), idle.Token);
                idle.CancelAfter(IdleTimeout); // activity: push the idle deadline back
            }
            try { toSocket.Shutdown(SocketShutdown.Send); } catch (SocketException) { } catch (ObjectDisposedException) { }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset stays a reset on the other side (SO_LINGER 0 sends RST), so a client sees what the server did.
            if (IsReset(e)) try { toSocket.LingerState = new LingerOption(true, 0); } catch { }
            try { toSocket.Close(); } catch { }
        }
    }

    private static bool IsReset(Exception e) =>
        (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted;

    private static async Task<(string? Header, byte[] Leftover)> ReadHeaderAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxHeaderBytes];
        var count = 0;
        while (count < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(count), ct);
            if (n == 0) return (null, Array.Empty<byte>());
            count += n;
            var end = IndexOfHeaderEnd(buffer, count);
            if (end >= 0)
            {
                var header = Encoding.ASCII.GetString(buffer, 0, end);
                return (header, buffer.AsSpan(end + 4, count - end - 4).ToArray());
            }
        }
        return (null, Array.Empty<byte>());
    }

    private static int IndexOfHeaderEnd(byte[] buffer, int count) =>
        buffer.AsSpan(0, count).IndexOf("\r\n\r\n"u8);

    internal static bool TryParseAuthority(string authority, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || authority.StartsWith('[')) return false; // IPv6 literals are never ours
        host = authority[..colon].TrimEnd('.').ToLowerInvariant();
        return int.TryParse(authority[(colon + 1)..], out port);
    }

    private static async Task WriteStatusAsync(NetworkStream stream, string status)
    {
        var text = status.StartsWith("200", StringComparison.Ordinal)
            ? $"HTTP/1.1 {status}\r\n\r\n"
            : $"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var c in _clients.Keys) c.Dispose();
        if (_acceptLoop is not null)
        {
            try { await _acceptLoop; } catch { }
        }
        _stop.Dispose();
    }
}
