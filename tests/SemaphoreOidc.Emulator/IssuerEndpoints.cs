using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// A Semaphore OIDC issuer: the discovery document and the JWKS, as https://&lt;org&gt;.semaphoreci.com serves them.
/// A host registered with keys of its own (an attacker's issuer) serves the same documents with its own keys.
/// </summary>
internal sealed class IssuerEndpoints
{
    public static readonly string[] ClaimsSupported =
    {
        "iss", "aud", "sub", "exp", "iat", "nbf", "jti", "branch", "pr_branch", "pr", "ref", "ref_type", "tag", "repo",
        "repo_slug", "org", "org_id", "prj", "prj_id", "wf_id", "ppl_id", "job_id", "job_type", "trg", "sub127",
    };

    private readonly SigningKeys _keys;
    private readonly EmulatorState _state;

    public IssuerEndpoints(SigningKeys keys, EmulatorState state)
    {
        _keys = keys;
        _state = state;
    }

    public async Task HandleAsync(HttpContext ctx, string host)
    {
        var issuer = $"https://{host}";
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var own = _state.HasOwnKeys(host) ? _keys.OwnKeysFor(host) : null;
        object body;
        switch (ctx.Request.Path.Value)
        {
            case "/.well-known/openid-configuration":
                body = new Dictionary<string, object>
                {
                    ["issuer"] = issuer,
                    ["jwks_uri"] = $"{issuer}/.well-known/jwks.json",
                    ["response_types_supported"] = new[] { "id_token" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = own is null ? new[] { "RS256" } : new[] { "RS256", "ES256" },
                    ["claims_supported"] = ClaimsSupported,
                };
                break;
            case "/.well-known/jwks.json":
            case "/.well-known/jwks":
                body = own is null ? _keys.Jwks() : own.Jwks();
                break;
            default:
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }

        ctx.Response.ContentType = "application/json";
        // Semaphore caches these for 15 minutes; say so, so clients that honour caching behave as in production.
        ctx.Response.Headers.CacheControl = "public, max-age=900";
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
