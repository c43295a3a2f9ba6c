using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// One attempt on the wire: exactly one HTTP request, and the whole answer read within the attempt's time
    /// (docs/aws-calls.md, "One request per attempt"). Failures leave as <see cref="AwsAttemptException"/>, except
    /// cancellation, which the retry engine tells apart (Ctrl+C or the attempt's timeout).
    /// </summary>
    internal static class AwsWire
    {
        /// <summary>No answer of STS or IAM comes near this; an endless body stops here instead of filling memory.</summary>
        public const int MaxAnswerBytes = 8 * 1024 * 1024;

        public static async Task<AwsAnswer> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellation)
        {
            // With Expect: 100-continue, .NET may send a request again on a fresh connection when a pooled one
            // closes first; without it, a request with a body is never resent below us (docs/aws-calls.md).
            request.Headers.ExpectContinue = false;

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex) when (!(ex is AwsAttemptException))
            {
                throw new AwsAttemptException(AwsFailure.FromException(ex, request.RequestUri));
            }

            using (response)
            {
                var body = new MemoryStream();
                try
                {
                    await ReadBodyAsync(response, body, cancellation).ConfigureAwait(false);
                    return AnswerOf(request, response, body);
                }
                catch (AnswerTooLargeException)
                {
                    throw new AwsAttemptException(AwsFailure.Unexpected(AnswerOf(request, response, body), FailureClass.Final,
                        $"the body is larger than {MaxAnswerBytes / (1024 * 1024)} MiB"));
                }
                catch (Exception ex) when (cancellation.IsCancellationRequested)
                {
                    // The headers came, the body did not finish in time: the server is struggling, worth a retry.
                    throw new AwsAttemptException(AwsFailure.Unexpected(AnswerOf(request, response, body), FailureClass.Network,
                        $"the body had not finished when the attempt's time ran out ({body.Length} bytes received)", ex));
                }
                catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
                {
                    long expected = response.Content.Headers.ContentLength ?? -1;
                    throw new AwsAttemptException(AwsFailure.Unexpected(AnswerOf(request, response, body), FailureClass.Network,
                        $"the connection closed after {body.Length}{(expected >= 0 ? $" of {expected}" : string.Empty)} bytes of the body", ex));
                }
            }
        }

        private static async Task ReadBodyAsync(HttpResponseMessage response, MemoryStream body, CancellationToken cancellation)
        {
            // .NET Framework's response stream ignores the token; disposing the response ends a read there too.
            using (cancellation.Register(response.Dispose))
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellation).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > MaxAnswerBytes) throw new AnswerTooLargeException();
                    body.Write(chunk, 0, read);
                }
            }
        }

        private static AwsAnswer AnswerOf(HttpRequestMessage request, HttpResponseMessage response, MemoryStream body)
        {
            string requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            string contentType = response.Content?.Headers.TryGetValues("Content-Type", out var types) == true ? types.FirstOrDefault() : null;
            return new AwsAnswer(request.RequestUri, (int)response.StatusCode, contentType, body.ToArray(), requestId, response.Headers.Location);
        }

        private sealed class AnswerTooLargeException : Exception
        {
        }
    }
}
