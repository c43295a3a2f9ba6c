using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// What every cmdlet of the module shares: Ctrl+C cancels engine work at once, engine errors become
    /// ErrorRecords with their stable ids, and engine progress reaches the verbose stream from the pipeline thread.
    /// </summary>
    public abstract class SemaphoreOidcCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        protected CancellationToken Cancellation => _cancellation.Token;

        protected override void StopProcessing() => _cancellation.Cancel();

        protected override void EndProcessing() => _cancellation.Dispose();

        // Kept as object, built on the first error: ErrorHints holds engine types, and a field of such a type would load
        // the engine during Import-Module's type scan.
        private object _hints;

        /// <summary>This command's PowerShell words for engine errors (<see cref="AddErrorHints"/>), built once.</summary>
        internal ErrorHints Hints
        {
            get
            {
                if (_hints == null)
                {
                    var hints = new ErrorHints();
                    AddErrorHints(hints);
                    _hints = hints;
                }

                return (ErrorHints)_hints;
            }
        }

        /// <summary>
        /// Where a command says, by error id, which of its parameters fixes an engine error: the engine names inputs in
        /// words and never a parameter. An override calls the base first, so shared hints (AwsCmdlet's) come along.
        /// </summary>
        protected virtual void AddErrorHints(ErrorHints hints)
        {
        }

        /// <summary>The engine's error as a terminating ErrorRecord.</summary>
        protected void ThrowEngineError(SemaphoreOidcException error) => ThrowTerminatingError(ToErrorRecord(error));

        /// <summary>
        /// The engine's error as an ErrorRecord: its stable id, its category, its target, and this command's hint (if it
        /// has one for the id) at the end of the message and as ErrorDetails.RecommendedAction.
        /// </summary>
        protected ErrorRecord ToErrorRecord(SemaphoreOidcException error)
        {
            string hint = Hints.For(error);
            SemaphoreOidcException reported = string.IsNullOrWhiteSpace(hint) ? error : error.WithRecommendedAction(hint);
            var record = new ErrorRecord(reported, error.ErrorId, ToCategory(error.Kind), error.Target);
            if (!ReferenceEquals(reported, error)) record.ErrorDetails = new ErrorDetails(reported.Message) { RecommendedAction = reported.RecommendedAction };
            return record;
        }

        /// <summary>ErrorKind's names are ErrorCategory's (a test holds every member to it).</summary>
        internal static ErrorCategory ToCategory(ErrorKind kind) =>
            Enum.TryParse(kind.ToString(), out ErrorCategory category) ? category : ErrorCategory.NotSpecified;

        /// <summary>
        /// Runs engine work on the thread pool while this (pipeline) thread writes its verbose messages; a
        /// pipeline stop cancels the work and returns at once.
        /// </summary>
        protected T RunEngine<T>(Func<IExchangeLog, CancellationToken, Task<T>> work)
        {
            using (var signal = new AutoResetEvent(false))
            {
                var log = new QueuedLog(signal);
                var engineLog = new CallbackLog(log.Verbose);
                var task = Task.Run(() => work(engineLog, Cancellation), Cancellation);
                task.ContinueWith(_ => log.Wake(), TaskContinuationOptions.ExecuteSynchronously);

                // Wake on each message or on completion, so a fast answer is not delayed by polling.
                while (!task.IsCompleted)
                {
                    signal.WaitOne();
                    log.Drain(WriteVerbose);
                }

                log.Drain(WriteVerbose);
                try
                {
                    return task.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        private sealed class QueuedLog
        {
            private readonly ConcurrentQueue<string> _messages = new ConcurrentQueue<string>();
            private readonly AutoResetEvent _signal;

            public QueuedLog(AutoResetEvent signal) => _signal = signal;

            public void Verbose(string message)
            {
                _messages.Enqueue(message);
                Wake();
            }

            public void Wake()
            {
                try
                {
                    _signal.Set();
                }
                catch (ObjectDisposedException)
                {
                    // A message after the cmdlet returned (a cancelled attempt finishing late) has no one to read it.
                }
            }

            public void Drain(Action<string> write)
            {
                while (_messages.TryDequeue(out string message)) write(message);
            }
        }
    }
}
