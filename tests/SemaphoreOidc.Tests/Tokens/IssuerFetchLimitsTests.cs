using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Tokens;
using Xunit;

namespace SemaphoreOidc.Tests.Tokens
{
    /// <summary>
    /// Every issuer request runs inside its limits: per-request timeout, one deadline, bounded answers, no
    /// redirects, JSON objects of the right shape only. The HttpClients here have no Timeout of their own, like
    /// the module's shared clients, so only the limits can end a request.
    /// </summary>
    public class IssuerFetchLimitsTests
    {
        private readonly TestIssuer _issuer = new TestIssuer();

        private string DiscoveryUrl => _issuer.Issuer + "/.well-known/openid-configuration";

        private TokenVerificationOptions Options(IssuerFetchLimits limits = null) => new TokenVerificationOptions
        {
            Issuer = IssuerPin.ForIssuerUrl(_issuer.Issuer),
            FetchLimits = limits,
            UtcNow = () => TestIssuer.Now.AddMinutes(5),
        };

        private HttpClient Client() => _issuer.Client(Timeout.InfiniteTimeSpan);

        private async Task<SemaphoreOidcException> Fails(IssuerFetchLimits limits = null, string token = null)
        {
            token = token ?? _issuer.Token();
            var ex = await Assert.ThrowsAsync<SemaphoreOidcException>(() => TokenVerifier.VerifyAsync(token, Client(), Options(limits), CancellationToken.None));
            Assert.DoesNotContain(token.Split('.')[2], ex.Message);
            return ex;
        }

        [Fact]
        public void Defaults_are_ten_seconds_per_request_thirty_in_all_and_one_mebibyte()
        {
            Assert.Equal(TimeSpan.FromSeconds(10), IssuerFetchLimits.Default.RequestTimeout);
            Assert.Equal(TimeSpan.FromSeconds(30), IssuerFetchLimits.Default.Deadline);
            Assert.Equal(1024 * 1024, IssuerFetchLimits.Default.MaxResponseBytes);
            Assert.Same(IssuerFetchLimits.Default, new TokenVerificationOptions().FetchLimits ?? IssuerFetchLimits.Default);
        }

        [Fact]
        public async Task An_issuer_that_never_answers_ends_at_the_per_request_timeout()
        {
            _issuer.Delay = TimeSpan.FromMinutes(5);
            var watch = Stopwatch.StartNew();
            var ex = await Fails(new IssuerFetchLimits(requestTimeout: TimeSpan.FromMilliseconds(300)));
            watch.Stop();
            Assert.Equal(TokenErrorIds.IssuerDiscoveryTimedOut, ex.ErrorId);
            Assert.Equal(ErrorKind.OperationTimeout, ex.Kind);
            Assert.Equal(DiscoveryUrl, ex.Target);
            Assert.Contains(DiscoveryUrl, ex.Message);
            Assert.Contains("limit per request is 0.3 s", ex.Message);
            // Loose: the point is "not the 5 minutes the issuer would take".
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        }

        [Fact]
        public async Task The_deadline_bounds_all_requests_together()
        {
            // Each answer alone is within the per-request timeout; discovery plus keys are not within the deadline.
            _issuer.Delay = TimeSpan.FromMilliseconds(700);
            var ex = await Fails(new IssuerFetchLimits(requestTimeout: TimeSpan.FromSeconds(10), deadline: TimeSpan.FromSeconds(1)));
            Assert.Equal(TokenErrorIds.IssuerDiscoveryTimedOut, ex.ErrorId);
            Assert.Contains(_issuer.JwksUri, ex.Message);
            Assert.Contains("in all", ex.Message);
            Assert.Equal(2, _issuer.Requests.Count);
        }

        [Fact]
        public async Task Ctrl_C_during_a_hanging_request_stops_at_once_and_is_no_timeout()
        {
            _issuer.Delay = TimeSpan.FromMinutes(5);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TokenVerifier.VerifyAsync(_issuer.Token(), Client(), Options(), cts.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        }

        [Fact]
        public async Task A_declared_oversized_answer_is_refused_without_reading_it()
        {
            var body = new CountingStream(Encoding.ASCII.GetBytes(Padded(_issuer.JwksJson(), 2 * 1024 * 1024)), seekable: true);
            _issuer.Responses[_issuer.JwksUri] = _ => JsonAnswer(new StreamContent(body));
            var ex = await Fails();
            Assert.Equal(TokenErrorIds.IssuerResponseTooLarge, ex.ErrorId);
            Assert.Equal(ErrorKind.LimitsExceeded, ex.Kind);
            Assert.Contains(_issuer.JwksUri, ex.Message);
            Assert.Contains("2097152 bytes", ex.Message);
            Assert.Equal(0, body.BytesRead);
        }

        [Fact]
        public async Task An_undeclared_oversized_answer_is_refused_while_reading()
        {
            var body = new CountingStream(Encoding.ASCII.GetBytes(Padded(_issuer.JwksJson(), 8 * 1024 * 1024)), seekable: false);
            _issuer.Responses[_issuer.JwksUri] = _ => JsonAnswer(new StreamContent(body));
            var ex = await Fails();
            Assert.Equal(TokenErrorIds.IssuerResponseTooLarge, ex.ErrorId);
            Assert.Contains("more than 1048576 bytes", ex.Message);
            // Read up to the limit and one buffer more, never the 8 MiB.
            Assert.InRange(body.BytesRead, 1024 * 1024, 1024 * 1024 + 64 * 1024);
        }

        [Theory]
        [InlineData(64 * 1024, true)]
        [InlineData(64 * 1024 + 1, false)]
        public async Task An_answer_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not(int size, bool accepted)
        {
            var limits = new IssuerFetchLimits(maxResponseBytes: 64 * 1024);
            byte[] body = Encoding.ASCII.GetBytes(Padded(_issuer.JwksJson(), size));
            _issuer.Responses[_issuer.JwksUri] = _ => JsonAnswer(new StreamContent(new CountingStream(body, seekable: false)));
            if (accepted) await TokenVerifier.VerifyAsync(_issuer.Token(), Client(), Options(limits), CancellationToken.None);
            else Assert.Equal(TokenErrorIds.IssuerResponseTooLarge, (await Fails(limits)).ErrorId);
        }

        [Theory]
        [InlineData(HttpStatusCode.MovedPermanently)]
        [InlineData(HttpStatusCode.Found)]
        [InlineData(HttpStatusCode.TemporaryRedirect)]
        [InlineData((HttpStatusCode)308)]
        public async Task A_redirect_is_refused_and_not_followed(HttpStatusCode status)
        {
            string elsewhere = "https://user:secret@elsewhere.example/.well-known/openid-configuration?x=1";
            _issuer.Responses[DiscoveryUrl] = _ =>
            {
                var answer = new HttpResponseMessage(status);
                answer.Headers.Location = new Uri(elsewhere);
                return answer;
            };
            var ex = await Fails();
            Assert.Equal(TokenErrorIds.IssuerRedirectRefused, ex.ErrorId);
            Assert.Contains(DiscoveryUrl, ex.Message);
            Assert.Contains("https://elsewhere.example/.well-known/openid-configuration", ex.Message);
            Assert.DoesNotContain("secret", ex.Message);
            Assert.Equal(new[] { DiscoveryUrl }, _issuer.Requests.ToArray());
        }

        [Fact]
        public async Task An_answer_from_another_URL_is_refused_even_when_a_client_followed_the_redirect()
        {
            _issuer.Responses[DiscoveryUrl] = request =>
            {
                var answer = JsonAnswer(new StringContent("{}"));
                answer.RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://elsewhere.example/.well-known/openid-configuration");
                return answer;
            };
            Assert.Equal(TokenErrorIds.IssuerRedirectRefused, (await Fails()).ErrorId);
        }

        [Fact]
        public async Task An_HTML_page_is_refused_naming_its_type_and_first_words()
        {
            _issuer.Responses[DiscoveryUrl] = _ => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("<html><title>Hotel Wi-Fi login</title>\n<body>...</body></html>", Encoding.UTF8, "text/html"),
            };
            var ex = await Fails();
            Assert.Equal(TokenErrorIds.IssuerResponseInvalid, ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, ex.Kind);
            Assert.Contains("text/html", ex.Message);
            Assert.Contains("Hotel Wi-Fi login", ex.Message);
            Assert.Contains(DiscoveryUrl, ex.Message);
        }

        [Theory]
        [InlineData("discovery", "[]")]
        [InlineData("discovery", "\"hello\"")]
        [InlineData("discovery", "{}")]
        [InlineData("discovery", "{\"issuer\":\"ISSUER\",\"jwks_uri\":5}")]
        [InlineData("discovery", "not json at all")]
        [InlineData("discovery", "")]
        [InlineData("jwks", "{}")]
        [InlineData("jwks", "{\"keys\":{}}")]
        [InlineData("jwks", "{\"keys\":[]}")]
        [InlineData("jwks", "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}")]
        [InlineData("jwks", "{\"keys\":[5]}")]
        public async Task A_wrong_shape_is_refused(string which, string body)
        {
            string url = which == "discovery" ? DiscoveryUrl : _issuer.JwksUri;
            _issuer.Responses[url] = _ => JsonAnswer(new StringContent(body.Replace("ISSUER", _issuer.Issuer), Encoding.UTF8));
            var ex = await Fails();
            Assert.Equal(TokenErrorIds.IssuerResponseInvalid, ex.ErrorId);
            Assert.Contains(url, ex.Message);
            Assert.Equal(url, ex.Target);
        }

        [Theory]
        [InlineData("application/json")]
        [InlineData("application/jwk-set+json")]
        [InlineData(null)]
        public async Task JSON_media_types_and_no_media_type_are_accepted(string mediaType)
        {
            _issuer.Responses[_issuer.JwksUri] = _ =>
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(_issuer.JwksJson())).ToArray());
                if (mediaType != null) content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            };
            string token = _issuer.Token();
            var verified = await TokenVerifier.VerifyAsync(token, Client(), Options(), CancellationToken.None);
            // The key came from this answer (BOM and all): it is the only key set the verifier was given.
            Assert.Equal(token, verified.RawToken);
            Assert.Equal(_issuer.Key.KeyId, verified.KeyId);
            Assert.Equal(1, _issuer.Requests.Count(url => url == _issuer.JwksUri));
        }

        private static HttpResponseMessage JsonAnswer(HttpContent content)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }

        /// <summary>A JSON object padded with an extra member to exactly <paramref name="size"/> bytes.</summary>
        private static string Padded(string json, int size)
        {
            string head = json.Substring(0, json.Length - 1) + ",\"padding\":\"";
            return head + new string('x', size - head.Length - 2) + "\"}";
        }

        /// <summary>A body that counts what was read from it; unseekable means no Content-Length.</summary>
        private sealed class CountingStream : Stream
        {
            private readonly MemoryStream _inner;
            private readonly bool _seekable;

            public CountingStream(byte[] data, bool seekable)
            {
                _inner = new MemoryStream(data);
                _seekable = seekable;
            }

            public long BytesRead { get; private set; }
            public override bool CanRead => true;
            public override bool CanSeek => _seekable;
            public override bool CanWrite => false;
            public override long Length => _seekable ? _inner.Length : throw new NotSupportedException();
            public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int read = _inner.Read(buffer, offset, Math.Min(count, 16 * 1024));
                BytesRead += read;
                return read;
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
