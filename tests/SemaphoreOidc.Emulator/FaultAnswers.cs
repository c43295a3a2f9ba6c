using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The answers of the fault kinds that are not AWS errors: what a network, a proxy, a captive portal or a
/// struggling server does instead of answering properly. Some replace the answer (<see cref="AnswerAsync"/>);
/// others mangle the real one (<see cref="MangleAsync"/>), so the server's state changes as it would have.
/// </summary>
internal static class FaultAnswers
{
    private const int SlowChunkBytes = 8;
    private const long OversizedLimitBytes = 1L << 30;
    private static readonly TimeSpan CutOffGrace = TimeSpan.FromMilliseconds(200);

    /// <summary>Kinds that let the real handler answer first and then change what the client receives.</summary>
    public static bool MangleRealAnswer(FaultKind kind) =>
        kind is FaultKind.SlowBody or FaultKind.CutOffBody or FaultKind.TruncatedXml or FaultKind.WrongContentType;

    /// <summary>Kinds after which the client never gets a status line.</summary>
    public static bool NoAnswer(string? kind) =>
        kind is nameof(FaultKind.DropConnection) or nameof(FaultKind.ResetConnection) or nameof(FaultKind.Hang);

    /// <summary>Answers in place of the real handler. <paramref name="record"/> logs the request before a wait.</summary>
    public static async Task AnswerAsync(HttpContext ctx, FaultRule rule, string service, string action, string requestId, byte[]? requestBody, Action record)
    {
        switch (rule.Kind)
        {
            case FaultKind.DropConnection:
                record();
                Close(ctx, reset: false);
                break;
            case FaultKind.ResetConnection:
                record();
                Close(ctx, reset: true);
                break;
            case FaultKind.Hang:
                // Logged now: the log is how tests count attempts, and this request never finishes on its own.
                record();
                try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
                catch (OperationCanceledException) { }
                break;
            case FaultKind.HtmlPage:
                await WriteAsync(ctx, rule.StatusCode ?? 200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(HtmlPage(rule.StatusCode ?? 200)));
                break;
            case FaultKind.EchoRequest:
                await WriteAsync(ctx, 200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(EchoPage(ctx, requestBody)));
                break;
            case FaultKind.Garbage:
                await WriteAsync(ctx, 200, "application/octet-stream", RandomNumberGenerator.GetBytes(512));
                break;
            case FaultKind.EmptyResult:
                if (service == "issuer") await WriteAsync(ctx, 200, "application/json", "{}"u8.ToArray());
                else await WriteAsync(ctx, 200, "text/xml", Encoding.UTF8.GetBytes(EmptyResultXml(service, action, requestId)));
                break;
            case FaultKind.Redirect:
                ctx.Response.Headers.Location = "https://portal.example.net/login?continue=" + Uri.EscapeDataString($"https://{ctx.Request.Host}{ctx.Request.Path}");
                await WriteAsync(ctx, rule.StatusCode ?? 307, null, Array.Empty<byte>());
                break;
            case FaultKind.BareStatus:
                await WriteAsync(ctx, rule.StatusCode ?? 503, null, Array.Empty<byte>());
                break;
            case FaultKind.OversizedBody:
                if (rule.BodyBytes is long size) await WriteJsonObjectAsync(ctx, size, !rule.OmitContentLength);
                else await WriteEndlessAsync(ctx, service, action);
                break;
            default:
                throw new InvalidOperationException($"{rule.Kind} is not answered by {nameof(FaultAnswers)}.");
        }
    }

    /// <summary>Runs the real handler into a buffer, then sends its answer as the fault says.</summary>
    public static async Task MangleAsync(HttpContext ctx, FaultRule rule, Func<Task> handler)
    {
        var original = ctx.Response.Body;
        using var captured = new MemoryStream();
        ctx.Response.Body = captured;
        try
        {
            await handler();
        }
        finally
        {
            ctx.Response.Body = original;
        }

        var body = captured.ToArray();
        switch (rule.Kind)
        {
            case FaultKind.SlowBody:
                ctx.Response.ContentLength = body.Length;
                await ctx.Response.StartAsync(ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                var pause = TimeSpan.FromMilliseconds(rule.DelayMilliseconds > 0 ? rule.DelayMilliseconds : 1000);
                for (var at = 0; at < body.Length; at += SlowChunkBytes)
                {
                    await Task.Delay(pause, ctx.RequestAborted);
                    await ctx.Response.Body.WriteAsync(body.AsMemory(at, Math.Min(SlowChunkBytes, body.Length - at)), ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
                break;
            case FaultKind.CutOffBody:
                ctx.Response.ContentLength = body.Length;
                await ctx.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                // A flush hands the bytes to Kestrel's TLS and socket pipes, not yet to the client: let them leave first.
                await Task.Delay(CutOffGrace, ctx.RequestAborted);
                Close(ctx, reset: false);
                break;
            case FaultKind.TruncatedXml:
                ctx.Response.ContentLength = body.Length / 2;
                await ctx.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), ctx.RequestAborted);
                break;
            case FaultKind.WrongContentType:
                ctx.Response.ContentType = rule.ContentType ?? "text/html; charset=utf-8";
                ctx.Response.ContentLength = body.Length;
                await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
                break;
            default:
                throw new InvalidOperationException($"{rule.Kind} does not mangle a real answer.");
        }
    }

    /// <summary>
    /// Ends the connection without an answer: a FIN (an orderly close, as a server restarting or an idle
    /// timeout does) or an RST (SO_LINGER 0, as a crashed peer or a firewall does). The CONNECT proxy passes
    /// the difference on.
    /// </summary>
    private static void Close(HttpContext ctx, bool reset)
    {
        var socket = ctx.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            if (socket is not null && reset)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            else
            {
                socket?.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: the client left first.
        }
        ctx.Abort();
    }

    private static async Task WriteAsync(HttpContext ctx, int status, string? contentType, byte[] body)
    {
        ctx.Response.StatusCode = status;
        if (contentType is not null) ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = body.Length;
        if (body.Length > 0) await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    private static string HtmlPage(int status)
    {
        if (status == 200)
        {
            // A captive portal: a form with a token-like hidden value, which no error message should repeat.
            var csrf = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return "<!DOCTYPE html><html><head><title>Sign in to Airport Wi-Fi</title></head><body>" +
                   "<h1>Welcome to Airport Wi-Fi</h1><p>Accept the terms of use to continue.</p>" +
                   $"<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><button>Accept</button></form>" +
                   "</body></html>";
        }

        var reason = ReasonPhrases.GetReasonPhrase(status);
        return $"<html><head><title>{status} {reason}</title></head><body><center><h1>{status} {reason}</h1></center><hr><center>nginx</center></body></html>";
    }

    /// <summary>The request as a debugging proxy shows it: the body first, then the headers (signature and session token included).</summary>
    private static string EchoPage(HttpContext ctx, byte[]? requestBody)
    {
        var text = new StringBuilder();
        if (requestBody is not null) text.Append(Encoding.UTF8.GetString(requestBody)).Append('\n');
        text.Append(ctx.Request.Method).Append(' ').Append(ctx.Request.Path).Append(ctx.Request.QueryString).Append('\n');
        foreach (var header in ctx.Request.Headers) text.Append(header.Key).Append(": ").Append(header.Value.ToString()).Append('\n');
        return "<html><body><pre>" + WebUtility.HtmlEncode(text.ToString()) + "</pre></body></html>";
    }

    private static string EmptyResultXml(string service, string action, string requestId)
    {
        var ns = service == "iam" ? AwsXml.IamNamespace : AwsXml.StsNamespace;
        return $"<{action}Response xmlns=\"{ns}\"><{action}Result/><ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></{action}Response>";
    }

    /// <summary>A valid JSON object of exactly <paramref name="size"/> bytes, written in chunks as a client reads it.</summary>
    private static async Task WriteJsonObjectAsync(HttpContext ctx, long size, bool withLength)
    {
        const string head = "{\"keys\":[],\"padding\":\"", tail = "\"}";
        var padding = Math.Max(0, size - head.Length - tail.Length);
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        if (withLength) ctx.Response.ContentLength = head.Length + padding + tail.Length;
        await ctx.Response.WriteAsync(head, ctx.RequestAborted);
        var chunk = new string('x', 64 * 1024);
        for (long left = padding; left > 0; left -= chunk.Length)
        {
            await ctx.Response.WriteAsync(left >= chunk.Length ? chunk : chunk[..(int)left], ctx.RequestAborted);
        }
        await ctx.Response.WriteAsync(tail, ctx.RequestAborted);
    }

    /// <summary>A 200 that starts like the expected answer (JSON for the issuer, the action's XML for AWS) and never ends (stops at 1 GiB).</summary>
    private static async Task WriteEndlessAsync(HttpContext ctx, string service, string action)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = service == "issuer" ? "application/json" : "text/xml";
        var start = service == "issuer"
            ? "{\"padding\":\""
            : $"<{action}Response xmlns=\"{(service == "iam" ? AwsXml.IamNamespace : AwsXml.StsNamespace)}\"><!--";
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(start), ctx.RequestAborted);
        var padding = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
        try
        {
            for (long sent = 0; sent < OversizedLimitBytes && !ctx.RequestAborted.IsCancellationRequested; sent += padding.Length)
            {
                await ctx.Response.Body.WriteAsync(padding, ctx.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading, as it should.
        }
    }
}
