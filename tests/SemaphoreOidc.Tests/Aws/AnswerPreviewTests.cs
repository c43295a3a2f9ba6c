using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SemaphoreOidc.Aws;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    /// <summary>The first bytes of a non-AWS answer, as error messages show them: readable, short, and never a secret.</summary>
    public class AnswerPreviewTests
    {
        private const string Jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL215LW9yZy5zZW1hcGhvcmVjaS5jb20iLCJzdWIiOiJvcmc6bXktb3JnIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU";
        private const string AccessKeyId = "ASIAQWERTYUIOPASDFGH";
        private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        private const string SessionToken = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6example+session/token==";

        private static string Preview(string body, params string[] known) => AnswerPreview.Of(Encoding.UTF8.GetBytes(body), known);

        [Fact]
        public void A_page_echoing_the_request_shows_none_of_its_secrets()
        {
            string echo = "<html><body><pre>POST / HTTP/1.1\nHost: sts.us-east-1.amazonaws.com\n" +
                          $"Authorization: AWS4-HMAC-SHA256 Credential={AccessKeyId}/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" +
                          $"X-Amz-Security-Token: {SessionToken}\n\n" +
                          $"Action=AssumeRoleWithWebIdentity&RoleSessionName=s&WebIdentityToken={Jwt}&Version=2011-06-15</pre></body></html>";
            foreach (int offset in new[] { 0, 60, 120, 200, 300, 400 })
            {
                // Any window of the page may be the one shown: none of them may hold a secret.
                string text = Preview(echo.Substring(offset));
                Assert.DoesNotContain(AccessKeyId, text);
                Assert.DoesNotContain("0123456789abcdef0123", text);
                Assert.DoesNotContain("IQoJb3JpZ2lu", text);
                Assert.DoesNotContain("eyJhbGci", text);
                Assert.DoesNotContain(SecretKey, text);
            }
        }

        [Theory]
        [InlineData("<AccessKeyId>ASIAQWERTYUIOPASDFGH</AccessKeyId>")]
        [InlineData("<SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>")]
        [InlineData("<SessionToken>FwoGZXIvYXdzEBYaDHqa0AP1example</SessionToken>")]
        [InlineData("<sts:SessionToken>abc</sts:SessionToken>")]
        [InlineData("{\"SecretAccessKey\": \"short-but-secret\"}")]
        [InlineData("password=hunter22&user=me")]
        [InlineData("aws_session_token = FwoGZXIvYXdzEBYaDHqa")]
        [InlineData("token: abc.def")]
        public void Values_named_as_secrets_are_removed(string body)
        {
            string text = Preview(body);
            Assert.Contains("[redacted]", text);
            foreach (string secret in new[] { "ASIAQWERTY", "wJalrXUtn", "FwoGZXIv", "abc", "short-but-secret", "hunter22", "abc.def" })
            {
                if (body.Contains(secret)) Assert.DoesNotContain(secret, text.Replace("[redacted]", string.Empty));
            }
        }

        [Fact]
        public void Known_secrets_are_removed_even_in_plain_words_and_url_encoded()
        {
            // Nothing about these words looks secret: only knowing what was sent removes them.
            string token = "plain words only";
            string text = Preview($"you sent {token} and {Uri.EscapeDataString(token)}", token);
            Assert.DoesNotContain("plain", text);
            Assert.Equal(2, text.Split(new[] { "[redacted]" }, StringSplitOptions.None).Length - 1);
        }

        [Fact]
        public void Long_opaque_runs_go_but_element_names_and_words_stay()
        {
            string random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
            string text = Preview($"<AssumeRoleWithWebIdentityResponse><Note>The portal said {random} and nothing else</Note></AssumeRoleWithWebIdentityResponse>");
            Assert.DoesNotContain(random, text);
            Assert.StartsWith("'<AssumeRoleWithWebIdentityResponse><Note>The portal said [redacted] and nothing else", text);
        }

        [Fact]
        public void It_is_one_short_line_with_the_size()
        {
            string body = "<html>\r\n  <head>\t<title>Login</title>\n</head>\n<body>" + new string('x', 10) + string.Concat(Enumerable.Repeat(" word", 200)) + "</body></html>";
            string text = Preview(body);
            Assert.StartsWith("'<html> <head> <title>Login</title> </head> <body>xxxxxxxxxx word word", text);
            Assert.DoesNotContain("\n", text);
            Assert.EndsWith($"...' ({Encoding.UTF8.GetByteCount(body)} bytes)", text);
            Assert.InRange(text.IndexOf("...'", StringComparison.Ordinal) - 1, AnswerPreview.MaxCharacters - 1, AnswerPreview.MaxCharacters);
        }

        [Fact]
        public void Binary_and_empty_bodies_are_named_not_printed()
        {
            Assert.Equal("of 256 bytes that are not text", AnswerPreview.Of(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), null));
            Assert.Equal("empty", AnswerPreview.Of(Array.Empty<byte>(), null));
        }
    }
}
