using System;
using System.Text;
using SemaphoreOidc.Aws;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    /// <summary>
    /// How one answer is read, whatever service sent it: AWS's success, AWS's error (classified by its code), or
    /// something else (classified by its status: a bare 5xx passes, a portal page does not). docs/aws-calls.md.
    /// </summary>
    public class QueryResponseTests
    {
        private const string Ns = "https://iam.amazonaws.com/doc/2010-05-08/";
        private static readonly Uri Endpoint = new Uri("https://user:secret@iam.amazonaws.com/some/path?x=1");

        private static AwsAnswer Answer(int status, string contentType, string body, string location = null) =>
            new AwsAnswer(Endpoint, status, contentType, Encoding.UTF8.GetBytes(body ?? string.Empty), "req-1", location == null ? null : new Uri(location));

        private static AwsFailure Failure(AwsAnswer answer, string action = "ListRoles") =>
            Assert.Throws<AwsAttemptException>(() => QueryResponse.Read(answer, action)).Failure;

        [Fact]
        public void A_success_gives_its_result_element()
        {
            var result = QueryResponse.Read(Answer(200, "text/xml", $"<ListRolesResponse xmlns=\"{Ns}\"><ListRolesResult><Roles/></ListRolesResult></ListRolesResponse>"), "ListRoles");
            Assert.Equal("ListRolesResult", result.Name.LocalName);
            Assert.NotNull(QueryResponse.RequiredElement(result, "Roles"));
        }

        [Fact]
        public void An_action_without_a_result_reads_as_an_empty_one()
        {
            var result = QueryResponse.Read(Answer(200, "text/xml", $"<DeleteRoleResponse xmlns=\"{Ns}\"><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></DeleteRoleResponse>"), "DeleteRole");
            Assert.Empty(result.Elements());
        }

        [Theory]
        [InlineData(403, "AccessDenied", FailureClass.Final)]
        [InlineData(400, "Throttling", FailureClass.Transient)]
        [InlineData(409, "ConcurrentModification", FailureClass.Conflict)]
        [InlineData(500, "ServiceFailure", FailureClass.Transient)]
        [InlineData(400, "InvalidIdentityToken", FailureClass.Propagation)]
        public void An_AWS_error_keeps_its_code_message_and_request_id(int status, string code, FailureClass kind)
        {
            var failure = Failure(Answer(status, "text/xml",
                $"<ErrorResponse xmlns=\"{Ns}\"><Error><Type>Sender</Type><Code>{code}</Code><Message>It said no</Message></Error><RequestId>abc-123</RequestId></ErrorResponse>"));
            Assert.True(failure.IsServiceError);
            Assert.Equal((code, "It said no", "abc-123", status, kind), (failure.Code, failure.Message, failure.RequestId, failure.StatusCode, failure.Class));
        }

        [Theory]
        // What arrived instead of an AWS answer, and whether a retry could cure it.
        [InlineData(200, "text/html; charset=utf-8", "<html><body>Sign in</body></html>", "not an XML answer", FailureClass.Final)]
        [InlineData(403, "text/html", "<html>Blocked by policy</html>", "not an XML answer", FailureClass.Final)]
        [InlineData(502, "text/html", "<html>502 Bad Gateway</html>", "not an XML answer", FailureClass.Transient)]
        [InlineData(503, null, "", "an empty body", FailureClass.Transient)]
        [InlineData(504, null, "", "an empty body", FailureClass.Transient)]
        [InlineData(429, "text/plain", "slow down", "not an XML answer", FailureClass.Transient)]
        [InlineData(408, null, "", "an empty body", FailureClass.Transient)]
        [InlineData(404, null, "", "an empty body", FailureClass.Final)]
        [InlineData(500, "text/xml", "<oops/>", "an HTTP error without an AWS error document", FailureClass.Transient)]
        [InlineData(200, "application/json", "{\"Roles\":[]}", "not an XML answer", FailureClass.Final)]
        [InlineData(200, "text/xml", "<ListRolesResponse><ListRolesResult><Roles>", "not well-formed XML", FailureClass.Final)]
        [InlineData(200, null, "\u0001\u0002garbage", "not well-formed XML", FailureClass.Final)]
        [InlineData(200, "text/xml", "<html><body>Welcome</body></html>", "XML that is not a ListRoles answer (<html>)", FailureClass.Final)]
        [InlineData(200, "text/xml", "<GetRoleResponse><GetRoleResult/></GetRoleResponse>", "XML that is not a ListRoles answer (<GetRoleResponse>)", FailureClass.Final)]
        [InlineData(200, "text/xml", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><ListRolesResponse>&a;</ListRolesResponse>", "not well-formed XML", FailureClass.Final)]
        [InlineData(200, "text/xml", "<ErrorResponse><Error><Message>no code</Message></Error></ErrorResponse>", "XML that is not a ListRoles answer (<ErrorResponse>)", FailureClass.Final)]
        public void Anything_else_is_an_unexpected_answer(int status, string contentType, string body, string what, FailureClass kind)
        {
            var failure = Failure(Answer(status, contentType, body));
            Assert.True(failure.IsUnexpectedResponse);
            Assert.False(failure.IsServiceError);
            Assert.Equal((what, kind), (failure.Message, failure.Class));
            Assert.Equal("https://iam.amazonaws.com/some/path", failure.Endpoint);
        }

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(307)]
        [InlineData(308)]
        public void A_redirect_is_never_followed_and_names_only_where_it_points(int status)
        {
            var failure = Failure(Answer(status, "text/html", "<a href=x>moved</a>", "https://portal.example.net:8443/login?session=s3cr3t"));
            Assert.Equal(("a redirect to https://portal.example.net:8443/", FailureClass.Final), (failure.Message, failure.Class));
            Assert.DoesNotContain("s3cr3t", failure.DescribeAnswer(null));
        }

        [Fact]
        public void The_description_names_status_content_type_and_the_safe_first_bytes_never_the_userinfo()
        {
            var failure = Failure(Answer(200, "text/html", "<html><title>Portal</title>WebIdentityToken=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig</html>"));
            string text = failure.DescribeAnswer(null);
            Assert.StartsWith("HTTP 200, content type text/html: not an XML answer; body '<html><title>Portal</title>WebIdentityToken=[redacted]</html>' (", text);
            Assert.DoesNotContain("eyJ", text);
            Assert.DoesNotContain("secret", failure.Endpoint);
        }

        [Fact]
        public void A_missing_required_element_is_a_shape_error_not_an_empty_value()
        {
            var result = QueryResponse.Read(Answer(200, "text/xml", $"<ListRolesResponse xmlns=\"{Ns}\"><ListRolesResult/></ListRolesResponse>"), "ListRoles");
            Assert.Equal("<ListRolesResult> without Roles", Assert.Throws<AnswerShapeException>(() => QueryResponse.RequiredElement(result, "Roles")).Message);
            Assert.Equal("<ListRolesResult> without Marker", Assert.Throws<AnswerShapeException>(() => QueryResponse.Required(result, "Marker")).Message);
        }
    }
}
