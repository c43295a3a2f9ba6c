namespace SemaphoreOidc.Sts
{
    /// <summary>Where the engine reports progress; the cmdlet writes it to the verbose stream. Never given a secret.</summary>
    public interface IExchangeLog
    {
        void Verbose(string message);
    }

    internal sealed class SilentLog : IExchangeLog
    {
        public static readonly SilentLog Instance = new SilentLog();

        public void Verbose(string message)
        {
        }
    }
}
