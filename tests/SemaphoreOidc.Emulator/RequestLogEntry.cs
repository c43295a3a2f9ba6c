using System;
using System.Collections.Generic;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// One request the emulator answered (or dropped), for tests to assert on retries, call order and what reached AWS.
/// <see cref="Host"/> is the host name the request named (no port); <see cref="Parameters"/> holds the AWS Query
/// parameters tests assert on (<see cref="LoggedParameters"/>), as received, and never the web identity token or
/// anything else secret; null for the issuer.
/// </summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Host,
    string Service,
    string Action,
    int Status,
    string? ErrorCode,
    string? Fault,
    IReadOnlyDictionary<string, string>? Parameters = null)
{
    /// <summary>The STS parameters that say what a caller asked for: the role, session name, duration and session policies.</summary>
    public static bool IsLogged(string name) =>
        name is "RoleArn" or "RoleSessionName" or "DurationSeconds" or "Policy"
        || (name.StartsWith("PolicyArns.member.", StringComparison.Ordinal) && name.EndsWith(".arn", StringComparison.Ordinal));

    public static IReadOnlyDictionary<string, string> LoggedParameters(IReadOnlyDictionary<string, string> parameters)
    {
        var logged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (IsLogged(name)) logged[name] = value;
        }
        return logged;
    }
}
