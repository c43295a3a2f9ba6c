using System;
using System.Collections.Generic;
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
        var requestId = AwsIds.RequestId();
        // Logged when the answer starts, not after it is sent: a test that reads the log right after its
        // call returned must see that call. A dropped connection never starts an answer; finally logs it.
        var logged = 0;
        var generation = _state.Generation;
        IReadOnlyDictionary<string, string>? parameters = null;
        void Record()
        {
            if (System.Threading.Interlocked.Exchange(ref logged, 1) != 0) return;
            var fault = ctx.Items.TryGetValue(FaultItem, out var f) ? f as string : null;
            _state.Log(new RequestLogEntry(DateTimeOffset.UtcNow, host, service, action,
                FaultAnswers.NoAnswer(fault) ? 0 : ctx.Response.StatusCode,
                ctx.Items.TryGetValue(ErrorCodeItem, out var code) ? code as string : null, fault, parameters), generation);
        }
        ctx.Response.OnStarting(() => { Record(); return Task.CompletedTask; });
        var overwritten = 0;
        FaultRule? applied = null;
        // A rule's concurrent writer acts after the answer was made from the old state and before it leaves.
        void Overwrite()
        {
            if (applied?.OverwriteRole is null || System.Threading.Interlocked.Exchange(ref overwritten, 1) != 0) return;
            _state.OverwriteTrustPolicy(applied.OverwriteRole, applied.OverwriteTrustPolicy!);
        }
        ctx.Response.OnStarting(() => { Overwrite(); return Task.CompletedTask; });
        try
        {
            if (_state.IsIssuerHost(host))
            {
                service = "issuer";
                var issuerFault = applied = await ApplyFaultAsync(ctx, service, action, requestId, null, Record);
                if (PassesToHandler(issuerFault)) await HandleWithFaultAsync(ctx, issuerFault, () => _issuer.HandleAsync(ctx, host));
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
            parameters = RequestLogEntry.LoggedParameters(req.Parameters);
            var fault = applied = await ApplyFaultAsync(ctx, service, action, requestId, req.RawBody, Record);
            if (!PassesToHandler(fault)) return;

            await HandleWithFaultAsync(ctx, fault, async () =>
            {
                try
                {
                    if (service == "iam") await _iam.HandleAsync(ctx, req, requestId);
                    else await _sts.HandleAsync(ctx, req, requestId);
                }
                catch (AwsErrorException e)
                {
                    await WriteAwsErrorAsync(ctx, service, e.Status, e.Code, e.Message, requestId);
                }
            });
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
            Overwrite();
            Record();
        }
    }

    /// <summary>sts/iam for AWS names (STS's VPC endpoints included), "direct" for the bare loopback endpoint, null for anything else.</summary>
    private static string? AwsServiceForHost(string host)
    {
        if (host is "127.0.0.1" or "localhost") return "direct";
        // An interface VPC endpoint (PrivateLink): vpce-<id>.sts.<region>.vpce.amazonaws.com, reached only with an endpoint URL.
        if (host.EndsWith(".vpce.amazonaws.com", StringComparison.Ordinal) && host.Contains(".sts.", StringComparison.Ordinal)) return "sts";
        if (host.StartsWith("sts.", StringComparison.Ordinal) && (host.EndsWith(".amazonaws.com", StringComparison.Ordinal) || host.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal))) return "sts";
        if (host.StartsWith("iam.", StringComparison.Ordinal) && (host.EndsWith(".amazonaws.com", StringComparison.Ordinal) || host.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal))) return "iam";
        return null;
    }

    /// <summary>No fault, a delay, or a fault that mangles the real answer: the handler still answers.</summary>
    private static bool PassesToHandler(FaultRule? fault) =>
        fault is null || fault.Kind is FaultKind.Delay or FaultKind.RealAnswer || FaultAnswers.MangleRealAnswer(fault.Kind);

    private static Task HandleWithFaultAsync(HttpContext ctx, FaultRule? fault, Func<Task> handler) =>
        fault is not null && FaultAnswers.MangleRealAnswer(fault.Kind) ? FaultAnswers.MangleAsync(ctx, fault, handler) : handler();

    /// <returns>The fault applied, or null when none matched.</returns>
    private async Task<FaultRule?> ApplyFaultAsync(HttpContext ctx, string service, string action, string requestId, byte[]? requestBody, Action record)
    {
        var rule = _faults.Take(service, action, ctx.Request.Host.Host.TrimEnd('.').ToLowerInvariant());
        if (rule is null) return null;
        ctx.Items[FaultItem] = rule.Kind.ToString();
        switch (rule.Kind)
        {
            case FaultKind.Delay:
                await Task.Delay(rule.DelayMilliseconds, ctx.RequestAborted);
                break;
            case FaultKind.RealAnswer:
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
            default:
                if (!FaultAnswers.MangleRealAnswer(rule.Kind)) await FaultAnswers.AnswerAsync(ctx, rule, service, action, requestId, requestBody, record);
                break;
        }
        return rule;
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
