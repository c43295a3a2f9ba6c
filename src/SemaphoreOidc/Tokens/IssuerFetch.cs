using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// The requests of one operation against an OIDC issuer, inside <see cref="IssuerFetchLimits"/>: each request
    /// has its own timeout, all of them share one deadline, answers are read only up to the size limit, redirects
    /// are refused and only JSON objects are accepted. The caller's CancellationToken (Ctrl+C) still stops
    /// everything at once and is never reported as a timeout. The HttpClient's own Timeout is not relied on: the
    /// shared clients have none by design, so every deadline is a CancellationToken here.
    /// </summary>
    internal sealed class IssuerFetch : IDisposable
    {
        private const int PreviewCharacters = 60;
        private readonly HttpClient _http;
        private readonly IssuerFetchLimits _limits;
        private readonly CancellationToken _cancel;
        private readonly CancellationTokenSource _deadline;

        public IssuerFetch(HttpClient http, IssuerFetchLimits limits, CancellationToken cancel)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _limits = limits ?? IssuerFetchLimits.Default;
            _cancel = cancel;
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            _deadline.CancelAfter(_limits.Deadline);
        }

        public IssuerFetchLimits Limits => _limits;

        /// <summary>GET <paramref name="url"/> and parse the answer, which must be a JSON object; the caller disposes it.</summary>
        /// <param name="url">An https URL the pinned issuer (or its discovery document) gave.</param>
        /// <param name="what">What the document is, for messages: "discovery document", "key set (JWKS)".</param>
        public Task<JsonDocument> GetJsonObjectAsync(string url, string what) =>
            RunAsync(url, async token =>
            {
                using (var request = new HttpRequestMessage(HttpMethod.Get, url))
                {
                    request.Headers.Accept.ParseAdd("application/json");
                    using (HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false))
                    // Older HTTP stacks (Windows PowerShell's .NET Framework) ignore the token once the body is
                    // streaming; disposing the answer is what ends a read that never completes.
                    using (token.Register(() => response.Dispose()))
                    {
                        EnsureAnswered(response, url, what);
                        byte[] body = await ReadBoundedAsync(response, url, what, token).ConfigureAwait(false);
                        return ParseObject(response, body, url, what);
                    }
                }
            });

        /// <summary>
        /// Runs one request under the per-request timeout and the shared deadline, turning a timeout into
        /// <c>IssuerDiscoveryTimedOut</c> and a network failure into <c>IssuerDiscoveryFailed</c>.
        /// </summary>
        public async Task<T> RunAsync<T>(string url, Func<CancellationToken, Task<T>> send)
        {
            var watch = Stopwatch.StartNew();
            using (var request = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token))
            {
                request.CancelAfter(_limits.RequestTimeout);
                try
                {
                    return await send(request.Token).ConfigureAwait(false);
                }
                catch (SemaphoreOidcException)
                {
                    throw;
                }
                catch (Exception ex) when (_cancel.IsCancellationRequested && IsAbort(ex))
                {
                    // Ctrl+C: the caller stops; this is not an error to report.
                    throw new OperationCanceledException(_cancel);
                }
                catch (Exception ex) when (IsAbort(ex) && (request.IsCancellationRequested || ex is OperationCanceledException))
                {
                    // Our own timeout or deadline, or the HttpClient's own Timeout when a caller set one.
                    throw TimedOut(url, watch.Elapsed, _deadline.IsCancellationRequested && !_cancel.IsCancellationRequested);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    string why = ExceptionChain.Innermost(ex).Message;
                    throw new SemaphoreOidcException(TokenErrorIds.IssuerDiscoveryFailed, ErrorKind.ConnectionError,
                        $"GET {url} failed: {why}. Check network access to the issuer from here: proxy (HTTPS_PROXY, NO_PROXY) and trusted CAs (AWS_CA_BUNDLE).",
                        url, ex);
                }
            }
        }

        public void Dispose() => _deadline.Dispose();

        private static bool IsAbort(Exception ex) =>
            ex is OperationCanceledException || ex is ObjectDisposedException || ex is IOException || ex is HttpRequestException;

        private SemaphoreOidcException TimedOut(string url, TimeSpan elapsed, bool deadline)
        {
            string message = deadline
                ? $"GET {url} timed out: the issuer's requests took more than {Seconds(_limits.Deadline)} s in all. "
                : $"GET {url} timed out: no complete answer after {Seconds(elapsed)} s (the limit per request is {Seconds(_limits.RequestTimeout)} s). ";
            return new SemaphoreOidcException(TokenErrorIds.IssuerDiscoveryTimedOut, ErrorKind.OperationTimeout,
                message + "The issuer accepted the connection but did not answer in time: check that the issuer URL is right and that the " +
                "issuer is reachable from here (HTTPS_PROXY, NO_PROXY), then try again.",
                url);
        }

        private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "0.#" : "0", System.Globalization.CultureInfo.InvariantCulture);

        private static void EnsureAnswered(HttpResponseMessage response, string url, string what)
        {
            int status = (int)response.StatusCode;
            Uri answered = response.RequestMessage?.RequestUri;
            bool followed = answered != null && !string.Equals(answered.AbsoluteUri, new Uri(url).AbsoluteUri, StringComparison.Ordinal);
            if ((status >= 300 && status < 400) || followed)
            {
                Uri location = followed ? answered : response.Headers.Location;
                throw new SemaphoreOidcException(TokenErrorIds.IssuerRedirectRefused, ErrorKind.SecurityError,
                    $"GET {url} answered with a redirect (HTTP {status}{(location == null ? string.Empty : " to " + Display(location))}). Redirects are not followed: " +
                    $"the {what} must come from the issuer itself. Give the issuer URL exactly as the tokens carry it in 'iss' (no trailing slash, the right host).",
                    url);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SemaphoreOidcException(TokenErrorIds.IssuerDiscoveryFailed,
                    status >= 500 ? ErrorKind.ResourceUnavailable : ErrorKind.ObjectNotFound,
                    $"GET {url} answered HTTP {status} {response.ReasonPhrase}. Check that the issuer URL is right, that it is reachable from here, " +
                    "and that it serves OIDC discovery (Semaphore: OIDC tokens enabled for the organisation).",
                    url);
            }
        }

        private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, string url, string what, CancellationToken token)
        {
            long max = _limits.MaxResponseBytes;
            long? declared = response.Content.Headers.ContentLength;
            if (declared > max) throw TooLarge(url, what, declared.Value);

            using (Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var body = new MemoryStream())
            {
                var buffer = new byte[16 * 1024];
                while (true)
                {
                    int read = await stream.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false);
                    if (read == 0) return body.ToArray();
                    // Counted after decompression, so a small compressed answer that inflates is caught too.
                    if (body.Length + read > max) throw TooLarge(url, what, null);
                    body.Write(buffer, 0, read);
                }
            }
        }

        private SemaphoreOidcException TooLarge(string url, string what, long? declared) =>
            new SemaphoreOidcException(TokenErrorIds.IssuerResponseTooLarge, ErrorKind.LimitsExceeded,
                $"GET {url} answered with {(declared.HasValue ? declared.Value + " bytes" : "more than " + _limits.MaxResponseBytes + " bytes")}; " +
                $"a {what} is a few KB and at most {_limits.MaxResponseBytes} bytes are read. The answer was refused without reading it all: " +
                "check that the URL is the issuer's own and not a proxy, portal or file server.",
                url);

        private static JsonDocument ParseObject(HttpResponseMessage response, byte[] body, string url, string what)
        {
            string mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && !IsJsonMediaType(mediaType))
            {
                throw Invalid(url, $"answered {mediaType}, not JSON{Preview(body)}", what);
            }

            int start = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(new ReadOnlyMemory<byte>(body, start, body.Length - start));
            }
            catch (JsonException)
            {
                throw Invalid(url, "answered something that is not JSON" + Preview(body), what);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Invalid(url, "answered JSON that is not an object" + Preview(body), what);
            }

            return document;
        }

        internal static SemaphoreOidcException Invalid(string url, string problem, string what) =>
            new SemaphoreOidcException(TokenErrorIds.IssuerResponseInvalid, ErrorKind.InvalidData,
                $"GET {url} {problem}; an OIDC {what} was expected. Check that the issuer URL is right (not a proxy, portal or login page) " +
                "and that OIDC tokens are enabled for the organisation.",
                url);

        private static bool IsJsonMediaType(string mediaType) =>
            mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

        /// <summary>The first characters of an answer (discovery and keys are public; nothing secret is ever sent to the issuer).</summary>
        private static string Preview(byte[] body)
        {
            if (body.Length == 0) return " (an empty answer)";
            string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, PreviewCharacters * 4));
            var preview = new StringBuilder();
            foreach (char c in text)
            {
                if (preview.Length == PreviewCharacters) break;
                preview.Append(char.IsControl(c) ? ' ' : c);
            }
            return $" (it starts: '{preview.ToString().Trim()}')";
        }

        /// <summary>A redirect target as it may be shown: no user information, query or fragment.</summary>
        private static string Display(Uri location) =>
            location.IsAbsoluteUri ? location.Scheme + "://" + location.Authority + location.AbsolutePath : Sanitize(location.OriginalString);

        private static string Sanitize(string text)
        {
            var clean = new StringBuilder();
            foreach (char c in text)
            {
                if (clean.Length == 200 || c == '?' || c == '#') break;
                clean.Append(char.IsControl(c) ? ' ' : c);
            }
            return clean.ToString();
        }
    }
}
