using System;

namespace SemaphoreOidc.Emulator;

/// <summary>One request the emulator answered (or dropped), for tests to assert on retries and call order.</summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Host,
    string Service,
    string Action,
    int Status,
    string? ErrorCode,
    string? Fault);
