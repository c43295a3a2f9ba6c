using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// An AWS Query-protocol request: parameters from the query string and the form body. The raw body is kept
/// because SigV4 signs its exact bytes.
/// </summary>
internal sealed class AwsQueryRequest
{
    private const int MaxBodyBytes = 1 << 20;

    public required Dictionary<string, string> Parameters { get; init; }
    public required byte[] RawBody { get; init; }

    public string? Action => Get("Action");
    public string? Version => Get("Version");

    public string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    public static async Task<AwsQueryRequest> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes) throw new AwsErrorException("ValidationError", "Request body too large.");
            buffer.Write(chunk, 0, n);
        }
        var body = buffer.ToArray();

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in QueryHelpers.ParseQuery(request.QueryString.Value)) parameters[k] = v.ToString();
        var isForm = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false;
        if (isForm || (request.ContentType is null && body.Length > 0))
        {
            // QueryHelpers decodes '+' as space, as form encoding requires.
            foreach (var (k, v) in QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body))) parameters[k] = v.ToString();
        }
        return new AwsQueryRequest { Parameters = parameters, RawBody = body };
    }
}
