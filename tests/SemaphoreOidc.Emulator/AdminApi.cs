using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// Plain-HTTP JSON control API for out-of-process callers (Pester, the demo): the same operations as the
/// public C# methods of <see cref="EmulatorServer"/>, field names in camelCase.
/// </summary>
internal sealed class AdminApi
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly EmulatorServer _server;

    public AdminApi(EmulatorServer server) => _server = server;

    public async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        var method = ctx.Request.Method;
        try
        {
            object? result;
            switch (method, path)
            {
                case ("GET", "/admin/info"):
                    result = _server.Info();
                    break;
                case ("GET", "/admin/requests"):
                    result = _server.Requests;
                    break;
                case ("GET", "/admin/iam"):
                    result = _server.IamState();
                    break;
                case ("POST", "/admin/reset"):
                    _server.Reset();
                    result = new { reset = true };
                    break;
                case ("POST", "/admin/tokens"):
                    result = new { token = _server.MintToken(await ReadTokenRequestAsync(ctx)) };
                    break;
                case ("POST", "/admin/providers"):
                {
                    var body = await ReadAsync(ctx);
                    var ids = body["clientIds"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : null;
                    result = new { arn = _server.RegisterProvider(Required(body, "issuerUrl"), ids) };
                    break;
                }
                case ("POST", "/admin/roles"):
                {
                    var body = await ReadAsync(ctx);
                    var policy = TrustPolicy(body);
                    var max = body["maxSessionDuration"]?.GetValue<int>() ?? 3600;
                    result = new { arn = _server.RegisterRole(Required(body, "roleName"), policy, max) };
                    break;
                }
                case ("POST", "/admin/account"):
                {
                    var body = await ReadAsync(ctx);
                    if (body["assumeRolePolicySizeQuota"] is JsonValue q) _server.AssumeRolePolicySizeQuota = q.GetValue<int>();
                    if (body["requireProviderThumbprints"] is JsonValue t) _server.RequireProviderThumbprints = t.GetValue<bool>();
                    result = new { assumeRolePolicySizeQuota = _server.AssumeRolePolicySizeQuota, requireProviderThumbprints = _server.RequireProviderThumbprints };
                    break;
                }
                case ("POST", _) when path.StartsWith("/admin/roles/", StringComparison.Ordinal) && path.EndsWith("/trust", StringComparison.Ordinal):
                {
                    // POST /admin/roles/{name}/trust {trustPolicy}: a concurrent writer changing the policy behind a client's back.
                    var name = Uri.UnescapeDataString(path["/admin/roles/".Length..^"/trust".Length]);
                    result = new { arn = _server.SetRoleTrustPolicy(name, TrustPolicy(await ReadAsync(ctx))) };
                    break;
                }
                case ("POST", "/admin/issuers"):
                {
                    // {host, ownKeys?}: ownKeys = an issuer (an attacker's) that publishes and signs with keys of its own.
                    var body = await ReadAsync(ctx);
                    var ownKeys = body["ownKeys"] is JsonValue own && own.GetValue<bool>();
                    result = new { issuerUrl = _server.RegisterIssuerHost(Required(body, "host"), ownKeys), ownKeys };
                    break;
                }
                case ("POST", "/admin/faults"):
                {
                    var rule = await JsonSerializer.DeserializeAsync<FaultRule>(ctx.Request.Body, Json, ctx.RequestAborted)
                        ?? throw new ArgumentException("A fault rule is required.");
                    _server.AddFault(rule);
                    result = new { added = true };
                    break;
                }
                case ("POST", "/admin/trust-policy"):
                {
                    var body = await ReadAsync(ctx);
                    result = new { policy = _server.TrustPolicyFor(Required(body, "org"), Required(body, "subject")) };
                    break;
                }
                default:
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    result = new { error = $"No admin operation {method} {path}" };
                    break;
            }
            await ctx.Response.WriteAsJsonAsync(result, Json);
        }
        catch (KeyNotFoundException e)
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            await ctx.Response.WriteAsJsonAsync(new { error = e.Message }, Json);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ctx.Response.WriteAsJsonAsync(new { error = e.Message }, Json);
        }
    }

    private static async Task<TokenRequest> ReadTokenRequestAsync(HttpContext ctx)
    {
        var node = await ReadAsync(ctx);
        var request = node.Deserialize<TokenRequest>(Json) ?? new TokenRequest();
        if (node["lifetimeSeconds"] is { } seconds) request.Lifetime = TimeSpan.FromSeconds(seconds.GetValue<double>());
        return request;
    }

    private static async Task<JsonObject> ReadAsync(HttpContext ctx)
    {
        var node = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        return node as JsonObject ?? throw new ArgumentException("The body must be a JSON object.");
    }

    /// <summary>trustPolicy is normally a JSON string; a JSON object is taken too, for convenience.</summary>
    private static string TrustPolicy(JsonObject body) => body["trustPolicy"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => o.ToJsonString(),
        _ => throw new ArgumentException("trustPolicy is required."),
    };

    private static string Required(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new ArgumentException($"{name} is required.");
}
