using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// The one retry loop for AWS calls, STS and IAM alike (docs/aws-calls.md): attempts up to the caller's
    /// limits, each bounded in time; every failure classified once (<see cref="AwsFailure"/>); a retry only
    /// where the policy says one can succeed, after a jittered wait; Ctrl+C ends it at once; every attempt and
    /// every decision on the verbose stream. Callers say what to call and how to report the last failure.
    /// </summary>
    internal sealed class AwsRetryEngine
    {
        private readonly RetryPolicy _policy;
        private readonly IExchangeLog _log;

        public AwsRetryEngine(RetryPolicy policy = null, IExchangeLog log = null)
        {
            _policy = policy ?? RetryPolicy.Default();
            _log = log ?? SilentLog.Instance;
        }

        /// <summary>
        /// Runs <paramref name="attempt"/> (exactly one request, given a token that ends when the attempt's time
        /// does) until it succeeds or may not be retried, then throws what <paramref name="toError"/> makes of the
        /// last failure and the number of attempts made.
        /// </summary>
        public async Task<T> RunAsync<T>(AwsCall call, AwsCallLimits limits, Func<CancellationToken, Task<T>> attempt,
            Func<AwsFailure, int, Exception> toError, CancellationToken cancellation)
        {
            if (call == null) throw new ArgumentNullException(nameof(call));
            if (limits == null) throw new ArgumentNullException(nameof(limits));
            var clock = Stopwatch.StartNew();
            int propagationRetries = 0;
            string name = call.Service + " " + call.Action;

            for (int number = 1; ; number++)
            {
                cancellation.ThrowIfCancellationRequested();
                _log.Verbose($"{name} attempt {number}/{limits.MaxAttempts} at {call.Endpoint}" +
                             (string.IsNullOrEmpty(call.Detail) ? "." : $": {call.Detail}."));
                AwsFailure failure;
                using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                {
                    attemptCancellation.CancelAfter(limits.AttemptTimeout);
                    try
                    {
                        return await attempt(attemptCancellation.Token).ConfigureAwait(false);
                    }
                    catch (Exception) when (cancellation.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(cancellation);
                    }
                    catch (AwsAttemptException ex)
                    {
                        failure = ex.Failure;
                    }
                    catch (OperationCanceledException ex)
                    {
                        failure = AwsFailure.Timeout(limits.AttemptTimeout, ex);
                    }
                    catch (Exception ex)
                    {
                        failure = AwsFailure.FromException(ex);
                    }
                }

                TimeSpan delay = _policy.DelayBefore(number);
                string stop = !_policy.Retries(failure.Class, call.Repeatable, propagationRetries) ? "not retrying"
                    : number >= limits.MaxAttempts ? $"giving up after {number} attempts"
                    : clock.Elapsed + delay > limits.MaxElapsed ? $"giving up: a retry would end after the {limits.MaxElapsed.TotalSeconds:0} s limit"
                    : null;
                if (stop != null)
                {
                    _log.Verbose($"{name} attempt {number} failed with {failure.Code} ({failure.Message}); {stop}.");
                    throw toError(failure, number);
                }

                if (failure.Class == FailureClass.Propagation) propagationRetries++;
                _log.Verbose($"{name} attempt {number} failed with {failure.Code} ({failure.Message}); retrying in {delay.TotalMilliseconds:0} ms.");
                await Task.Delay(delay, cancellation).ConfigureAwait(false);
            }
        }
    }
}
