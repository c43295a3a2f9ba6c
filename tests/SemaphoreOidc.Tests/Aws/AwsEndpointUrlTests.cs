using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class AwsEndpointUrlTests
    {
        private const string Example = "https://sts.eu-west-1.amazonaws.com";

        [Theory]
        [InlineData("https://sts.eu-west-1.amazonaws.com", "https://sts.eu-west-1.amazonaws.com/")]
        [InlineData("  https://vpce-1.sts.eu-west-1.vpce.amazonaws.com/  ", "https://vpce-1.sts.eu-west-1.vpce.amazonaws.com/")]
        [InlineData("http://127.0.0.1:4566", "http://127.0.0.1:4566/")]
        [InlineData("https://proxy.example/aws/sts", "https://proxy.example/aws/sts")]
        [InlineData("HTTPS://STS.AMAZONAWS.COM", "https://sts.amazonaws.com/")]
        public void Parses_http_and_https_endpoints(string value, string display)
        {
            var endpoint = AwsEndpointUrl.Parse(value, Example);
            Assert.Equal(display, endpoint.Display);
            Assert.Equal(display, endpoint.ToString());
        }

        [Fact]
        public void Blank_means_none() => Assert.Null(AwsEndpointUrl.ParseOptional("  ", Example));

        [Theory]
        [InlineData("https://sts.example.com", true)]
        [InlineData("http://127.0.0.1:4566", true)]
        [InlineData("", false)]
        [InlineData(null, false)]
        [InlineData("sts.example.com", false)]
        [InlineData("http://u:p@sts.example.com/", false)]
        [InlineData("https://sts.example.com/?x=1", false)]
        public void TryParse_agrees_with_Parse(string value, bool valid)
        {
            Assert.Equal(valid, AwsEndpointUrl.TryParse(value, out AwsEndpointUrl endpoint));
            Assert.Equal(valid, endpoint != null);
            if (valid) Assert.Equal(AwsEndpointUrl.Parse(value, Example).Display, endpoint.Display);
        }

        [Theory]
        [InlineData("sts.amazonaws.com")]
        [InlineData("ftp://sts.amazonaws.com")]
        [InlineData("file:///etc/passwd")]
        [InlineData("/sts")]
        [InlineData("https://")]
        [InlineData("https://sts.amazonaws.com/?Action=x")]
        [InlineData("https://sts.amazonaws.com/#top")]
        public void Refuses_what_is_not_an_http_endpoint(string value)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => AwsEndpointUrl.Parse(value, Example));
            Assert.Equal("EndpointUrlInvalid", error.ErrorId);
            Assert.Contains(Example, error.Message);
        }

        [Theory]
        [InlineData("http://user:PASS-1234@sts.example.com/", "http://sts.example.com/")]
        [InlineData("https://PASS-1234@sts.example.com:8443/x", "https://sts.example.com:8443/x")]
        [InlineData("https://user:PASS-1234@127.0.0.1/", "https://127.0.0.1/")]
        public void Refuses_user_information_and_never_repeats_it(string value, string display)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => AwsEndpointUrl.Parse(value, Example));
            Assert.Equal("EndpointUrlHasUserInfo", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Equal(display, error.Target);
            Assert.Contains(display, error.Message);
            Assert.DoesNotContain("PASS-1234", error.Message + error.Target + error);
        }

        [Theory]
        [InlineData("http://user:PASS-1234@sts example.com/")]
        [InlineData("user:PASS-1234@sts.example.com")]
        [InlineData("ftp://user:PASS-1234@sts.example.com/")]
        [InlineData("http://user:PASS-1234@/")]
        public void A_url_that_does_not_parse_is_shown_without_user_information_too(string value)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => AwsEndpointUrl.Parse(value, Example));
            Assert.Equal("EndpointUrlInvalid", error.ErrorId);
            Assert.DoesNotContain("PASS-1234", error.Message + error.Target);
        }

        [Fact]
        public void Iam_endpoints_follow_the_same_rules()
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => IamEndpoint.Resolve("us-east-1", "http://admin:PASS-1234@iam.example.com/"));
            Assert.Equal("EndpointUrlHasUserInfo", error.ErrorId);
            Assert.DoesNotContain("PASS-1234", error.Message);
            Assert.Equal("EndpointUrlInvalid", Assert.Throws<SemaphoreOidcException>(() => IamEndpoint.Resolve("us-east-1", "iam.amazonaws.com")).ErrorId);
            Assert.Contains("https://iam.amazonaws.com", Assert.Throws<SemaphoreOidcException>(() => IamEndpoint.Resolve(null, "x")).Message);
        }

        [Theory]
        [InlineData("http://localhost:4566", true, false)]
        [InlineData("http://LOCALHOST/", true, false)]
        [InlineData("http://127.0.0.1/", true, false)]
        [InlineData("http://127.255.10.3:8080/", true, false)]
        [InlineData("http://[::1]:8080/", true, false)]
        [InlineData("https://sts.example.com/", false, false)]
        [InlineData("http://sts.example.com/", false, true)]
        [InlineData("http://10.0.0.5/", false, true)]
        [InlineData("http://128.0.0.1/", false, true)]
        [InlineData("http://[::2]/", false, true)]
        [InlineData("http://localhost.example.com/", false, true)]
        [InlineData("http://0.0.0.0/", false, true)]
        public void Knows_which_endpoints_send_in_cleartext_to_another_machine(string value, bool loopback, bool cleartextOffMachine)
        {
            var endpoint = AwsEndpointUrl.Parse(value, Example);
            Assert.Equal(loopback, endpoint.IsLoopback);
            Assert.Equal(cleartextOffMachine, endpoint.IsCleartextOffMachine);
        }

        [Theory]
        [InlineData("http://user:pw@host/path", "http://host/path")]
        [InlineData("user:pw@host", "host")]
        [InlineData("https://host/a@b", "https://host/a@b")]
        [InlineData("https://u@h@host:1/x?y@z", "https://host:1/x?y@z")]
        [InlineData("https://host", "https://host")]
        [InlineData("", "")]
        [InlineData(null, null)]
        public void Strips_user_information_from_text_that_looks_like_a_url(string text, string expected) =>
            Assert.Equal(expected, InputText.WithoutUserInfo(text));

        [Fact]
        public void Shows_input_with_control_characters_escaped_and_long_values_cut()
        {
            Assert.Equal("a\\nb\\tc\\u0007", InputText.Show("a\nb\tc\a"));
            string shown = InputText.Show(new string('x', 5000));
            Assert.True(shown.Length < 300);
            Assert.EndsWith("(5000 characters)", shown);
            Assert.Equal("(null)", InputText.Show(null));
        }
    }
}
