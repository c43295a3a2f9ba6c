namespace SemaphoreOidc.Aws
{
    /// <summary>Where the engine reports progress; the cmdlet writes it to the verbose stream. Never given a secret.</summary>
    public interface IExchangeLog
    {
        void Verbose(string message);
    }

    /// <summary>
    /// A log that hands each message to a callback. Cmdlets use it rather than implement IExchangeLog
    /// themselves: a type in the cmdlet assembly that implements an engine interface would make PowerShell's
    /// type scan at Import-Module load the engine before the module's loader could isolate it.
    /// </summary>
    public sealed class CallbackLog : IExchangeLog
    {
        private readonly System.Action<string> _write;

        public CallbackLog(System.Action<string> write) => _write = write ?? throw new System.ArgumentNullException(nameof(write));

        public void Verbose(string message) => _write(message);
    }

    internal sealed class SilentLog : IExchangeLog
    {
        public static readonly SilentLog Instance = new SilentLog();

        public void Verbose(string message)
        {
        }
    }
}
