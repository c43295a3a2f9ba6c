using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Emulator;

// Usage: dotnet SemaphoreOidc.Emulator.dll [--state-dir DIR]
// Prints one JSON line (the same fields as GET /admin/info) and runs until stdin closes, SIGTERM or Ctrl+C.
// The parent process owns our stdin: when it dies, stdin reaches EOF and the emulator goes with it.
string? stateDir = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--state-dir" && i + 1 < args.Length) stateDir = args[++i];
    else
    {
        Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: SemaphoreOidc.Emulator [--state-dir DIR]");
        return 2;
    }
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StateDirectory = stateDir });
Console.Out.WriteLine(JsonSerializer.Serialize(server.Info()));
Console.Out.Flush();

var stdinClosed = Task.Run(async () =>
{
    using var stdin = Console.OpenStandardInput();
    var buffer = new byte[256];
    try
    {
        while (await stdin.ReadAsync(buffer, stop.Token) > 0) { }
    }
    catch (OperationCanceledException) { }
    catch (IOException) { }
});
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }));
return 0;
