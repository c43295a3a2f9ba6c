using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// The HTTP handler under an AWS SDK client: each request the SDK sends goes out once through
    /// <see cref="AwsWire"/> and its answer is read by <see cref="QueryResponse"/>, exactly as for IAM. AWS errors and
    /// anything that is not an AWS answer end the attempt here, classified; only a well-formed success reaches
    /// the SDK, which turns it into its response object (docs/aws-calls.md).
    /// </summary>
    internal sealed class SdkAnswerHandler : HttpMessageHandler
    {
        private readonly HttpClient _http;

        public SdkAnswerHandler(HttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var attempt = SdkAttempt.Current ?? throw new InvalidOperationException("An SDK call ran outside the retry engine.");

            // The SDK's HttpClient has marked its request as sent; the shared client needs a message of its own.
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
            foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);

            var answer = await AwsWire.SendAsync(_http, copy, cancellationToken).ConfigureAwait(false);
            attempt.Answer = answer;
            QueryResponse.Read(answer, attempt.Action);

            var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode) { RequestMessage = request, Content = new ByteArrayContent(answer.Body) };
            response.Content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType ?? "text/xml");
            if (answer.RequestId != null) response.Headers.TryAddWithoutValidation("x-amzn-RequestId", answer.RequestId);
            return response;
        }
    }

    /// <summary>The attempt an SDK call belongs to: which action's answer to expect, and the answer once it came.</summary>
    internal sealed class SdkAttempt
    {
        private static readonly AsyncLocal<SdkAttempt> CurrentAttempt = new AsyncLocal<SdkAttempt>();

        private SdkAttempt(string action) => Action = action;

        public static SdkAttempt Current => CurrentAttempt.Value;

        public string Action { get; }

        /// <summary>The HTTP answer, once one arrived.</summary>
        public AwsAnswer Answer { get; set; }

        /// <summary>Starts an attempt for the calling async flow (and the SDK pipeline it awaits).</summary>
        public static SdkAttempt Begin(string action)
        {
            var attempt = new SdkAttempt(action);
            CurrentAttempt.Value = attempt;
            return attempt;
        }
    }
}
