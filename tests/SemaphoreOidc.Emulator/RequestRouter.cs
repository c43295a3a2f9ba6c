using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The HTTPS front door: picks the party by Host (issuer, STS, IAM; the bare 127.0.0.1/localhost endpoint by
/// the Version parameter), applies queued faults, and logs every request.
/// </summary>
internal sealed class RequestRouter
{
    internal const string ErrorCodeItem = "emulator.errorCode";
    private const string FaultItem = "emulator.fault";
    private readonly EmulatorState _state;
    private readonly FaultInjector _faults;
    private readonly IssuerEndpoints _issuer;
    private readonly StsEndpoints _sts;
    private readonly IamEndpoints _iam;

    public RequestRouter(EmulatorState state, FaultInjector faults, IssuerEndpoints issuer, StsEndpoints sts, IamEndpoints iam)
    {
        _state = state;
        _faults = faults;
        _issuer = issuer;
        _sts = sts;
        _iam = iam;
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        var host = ctx.Request.Host.Host.TrimEnd('.').ToLowerInvariant();
        var service = "unknown";
        var action = ctx.Request.Path.Value ?? "/";
        string? faultName = null;
        var requestId = AwsIds.RequestId();
        // Logged when the answer starts, not after it is sent: a test that reads the log right after its
        // call returned must see that call. A dropped connection never starts an answer; finally logs it.
        var logged = 0;
        var generation = _state.Generation;
        void Record()
        {
            if (System.Threading.Interlocked.Exchange(ref logged, 1) != 0) return;
            var fault = ctx.Items.TryGetValue(FaultItem, out var f) ? f as string : null;
            _state.Log(new RequestLogEntry(DateTimeOffset.UtcNow, host, service, action,
                fault is nameof(FaultKind.DropConnection) or nameof(FaultKind.Hang) ? 0 : ctx.Response.StatusCode,
                ctx.Items.TryGetValue(ErrorCodeItem, out var code) ? code as string : null, fault), generation);
        }
        ctx.Response.OnStarting(() => { Record(); return Task.CompletedTask; });
        try
        {
            if (_state.IsIssuerHost(host))
            {
                service = "issuer";
                faultName = await ApplyFaultAsync(ctx, service, action, requestId, Record);
                if (faultName is null || faultName == nameof(FaultKind.Delay)) await _issuer.HandleAsync(ctx, host);
                return;
            }

            var awsService = AwsServiceForHost(host);
            if (awsService is null)
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var req = await AwsQueryRequest.ReadAsync(ctx.Request);
            if (awsService == "direct")
            {
                // An explicit endpoint URL hides the service name; the API version names it instead.
                awsService = req.Version switch { "2010-05-08" => "iam", _ => "sts" };
            }
            service = awsService;
            action = req.Action ?? "";
            faultName = await ApplyFaultAsync(ctx, service, action, requestId, Record);
            if (faultName is not null && faultName != nameof(FaultKind.Delay)) return;

            try
            {
                if (service == "iam") await _iam.HandleAsync(ctx, req, requestId);
                else await _sts.HandleAsync(ctx, req, requestId);
            }
            catch (AwsErrorException e)
            {
                await WriteAwsErrorAsync(ctx, service, e.Status, e.Code, e.Message, requestId);
            }
        }
        catch (AwsErrorException e) when (!ctx.Response.HasStarted)
        {
            await WriteAwsErrorAsync(ctx, service, e.Status, e.Code, e.Message, requestId);
        }
        catch (Exception e) when ((e is OperationCanceledException or System.IO.IOException) && ctx.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (e.g. during a Delay fault): nothing to answer.
        }
        finally
        {
            Record();
        }
    }

    /// <summary>sts/iam for AWS names, "direct" for the bare loopback endpoint, null for anything else.</summary>
    private static string? AwsServiceForHost(string host)
    {
        if (host is "127.0.0.1" or "localhost") return "direct";
        if (host.StartsWith("sts.", StringComparison.Ordinal) && (host.EndsWith(".amazonaws.com", StringComparison.Ordinal) || host.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal))) return "sts";
        if (host.StartsWith("iam.", StringComparison.Ordinal) && (host.EndsWith(".amazonaws.com", StringComparison.Ordinal) || host.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal))) return "iam";
        return null;
    }

    /// <returns>The fault applied (its kind's name), or null when none matched.</returns>
    /// <param name="record">Logs the request now (a hanging request is logged when it starts hanging, so a test can wait for it).</param>
    private async Task<string?> ApplyFaultAsync(HttpContext ctx, string service, string action, string requestId, Action record)
    {
        var rule = _faults.Take(service, action);
        if (rule is null) return null;
        ctx.Items[FaultItem] = rule.Kind.ToString();
        switch (rule.Kind)
        {
            case FaultKind.Delay:
                await Task.Delay(rule.DelayMilliseconds, ctx.RequestAborted);
                break;
            case FaultKind.DropConnection:
                ctx.Abort();
                break;
            case FaultKind.Hang:
                record();
                await Task.Delay(System.Threading.Timeout.Infinite, ctx.RequestAborted);
                break;
            case FaultKind.OversizedBody:
                await WriteOversizedAsync(ctx, rule.BodyBytes ?? 4 * 1024 * 1024, !rule.OmitContentLength);
                break;
            case FaultKind.Throttling:
                await WriteFaultAsync(ctx, service, rule.StatusCode ?? (service == "issuer" ? 429 : 400), "Throttling", "Rate exceeded", requestId);
                break;
            case FaultKind.Http500:
                var status = rule.StatusCode ?? 500;
                var code = rule.ErrorCode ?? (status == 503 ? "ServiceUnavailable" : "InternalFailure");
                var message = status == 503 ? "Service is unavailable" : "An internal error has occurred";
                await WriteFaultAsync(ctx, service, status, code, message, requestId);
                break;
            case FaultKind.AwsError:
                var errorCode = rule.ErrorCode ?? "InternalFailure";
                await WriteFaultAsync(ctx, service, rule.StatusCode ?? AwsXml.StatusFor(errorCode), errorCode,
                    $"Injected fault: {errorCode}", requestId);
                break;
        }
        return rule.Kind.ToString();
    }

    /// <summary>A valid JSON object of exactly <paramref name="size"/> bytes, written in chunks as a client reads it.</summary>
    private static async Task WriteOversizedAsync(HttpContext ctx, long size, bool withLength)
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

    private static Task WriteFaultAsync(HttpContext ctx, string service, int status, string code, string message, string requestId)
    {
        if (service == "issuer")
        {
            // The issuer is not AWS: a plain-text failure like any web server's.
            ctx.Items[ErrorCodeItem] = code;
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "text/plain";
            return ctx.Response.WriteAsync($"{code}: {message}");
        }
        return WriteAwsErrorAsync(ctx, service, status, code, message, requestId);
    }

    private static Task WriteAwsErrorAsync(HttpContext ctx, string service, int status, string code, string message, string requestId)
    {
        ctx.Items[ErrorCodeItem] = code;
        var ns = service == "iam" ? AwsXml.IamNamespace : AwsXml.StsNamespace;
        return AwsXml.WriteErrorAsync(ctx, ns, status, code, message, requestId);
    }
}
