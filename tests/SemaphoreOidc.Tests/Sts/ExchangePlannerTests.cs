using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    public class ExchangePlannerTests
    {
        private const string Role = "arn:aws:iam::123456789012:role/deploy";

        // Job tokens as the emulated Semaphore signs them (the one token factory), valid now unless the request says otherwise.
        private static readonly TokenMinter Minter = new TokenMinter(new SigningKeys());

        private static string JobToken(TokenRequest request = null) => Minter.Mint(request ?? new TokenRequest());

        private static string JobTokenExpiringAt(DateTime expires) =>
            JobToken(new TokenRequest { IssuedAt = new DateTimeOffset(expires.AddHours(-1)), Lifetime = TimeSpan.FromHours(1) });

        private static ExchangePlan Plan(AssumeRoleParameters p, Dictionary<string, string> env = null) =>
            ExchangePlanner.Plan(p, name => env != null && env.TryGetValue(name, out var v) ? v : null, DateTime.UtcNow);

        private static SemaphoreOidcException Refused(AssumeRoleParameters p, Dictionary<string, string> env = null) =>
            Assert.Throws<SemaphoreOidcException>(() => Plan(p, env));

        [Fact]
        public void Resolves_defaults_from_the_environment()
        {
            string token = JobToken();
            var plan = Plan(new AssumeRoleParameters { RoleArn = Role },
                new Dictionary<string, string> { ["SEMAPHORE_OIDC_TOKEN"] = token, ["SEMAPHORE_JOB_ID"] = "job-42", ["AWS_REGION"] = "eu-west-1" });
            Assert.Equal(token, plan.Token.RawToken);
            Assert.Equal("semaphore-job-job-42", plan.SessionName);
            Assert.False(plan.SessionNameChanged);
            Assert.Equal("eu-west-1", plan.Region.Name);
            Assert.Null(plan.DurationSeconds);
            Assert.Null(plan.Endpoint);
        }

        [Fact]
        public void Sanitises_a_session_name_and_says_so()
        {
            var plan = Plan(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), SessionName = "deploy web/main" });
            Assert.Equal("deploy-web-main", plan.SessionName);
            Assert.True(plan.SessionNameChanged);
        }

        [Fact]
        public void Token_missing()
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role });
            Assert.Equal("TokenMissing", error.ErrorId);
        }

        [Theory]
        [InlineData("not-a-jwt")]
        [InlineData("a.b.c")]
        [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0")]
        public void Token_not_a_jwt(string token)
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = token });
            Assert.Equal("TokenMalformed", error.ErrorId);
            Assert.DoesNotContain(token, error.Message);
        }

        [Fact]
        public void Token_expired_names_both_times()
        {
            var expired = DateTime.UtcNow.AddMinutes(-5);
            string token = JobTokenExpiringAt(expired);
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = token });
            Assert.Equal("TokenExpired", error.ErrorId);
            Assert.Contains(expired.ToString("yyyy-MM-ddTHH:mm:ss"), error.Message);
            Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:"), error.Message);
            Assert.DoesNotContain(token, error.Message);
        }

        [Fact]
        public void Role_arn_checked_before_the_token()
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = "arn:aws:iam::123:role/x", Token = "garbage" });
            Assert.Equal("RoleArnInvalid", error.ErrorId);
        }

        [Theory]
        [InlineData(899)]
        [InlineData(43201)]
        [InlineData(0)]
        [InlineData(-1)]
        public void Duration_out_of_range(int seconds)
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), DurationSeconds = seconds });
            Assert.Equal("DurationOutOfRange", error.ErrorId);
            Assert.Equal(seconds, error.Target);
        }

        [Theory]
        [InlineData(900)]
        [InlineData(43200)]
        public void Duration_limits_are_inclusive(int seconds) =>
            Assert.Equal(seconds, Plan(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), DurationSeconds = seconds }).DurationSeconds);

        [Fact]
        public void More_than_ten_policy_arns()
        {
            var arns = Enumerable.Range(1, 11).Select(i => $"arn:aws:iam::aws:policy/P{i}").ToList();
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), PolicyArns = arns });
            Assert.Equal("TooManyPolicyArns", error.ErrorId);
            arns.RemoveAt(0);
            Assert.Equal(10, Plan(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), PolicyArns = arns }).PolicyArns.Count);
        }

        [Fact]
        public void Policy_arn_malformed()
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), PolicyArns = new[] { "ReadOnlyAccess" } });
            Assert.Equal("PolicyArnInvalid", error.ErrorId);
        }

        [Theory]
        [InlineData("{not json", "SessionPolicyInvalid")]
        [InlineData("[1,2]", "SessionPolicyInvalid")]
        [InlineData("{}", "SessionPolicyInvalid")]
        [InlineData("{\"Version\":\"2012-10-17\"}", "SessionPolicyInvalid")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":[]}", "SessionPolicyInvalid")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":[\"s3:*\"]}", "SessionPolicyInvalid")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"s3:*\",\"Resource\":\"*\"}]}", "SessionPolicyInvalid")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", "SessionPolicyInvalid")]
        [InlineData("{\"Version\":\"2024-01-01\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", "SessionPolicyInvalid")]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"\u0100\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}", "SessionPolicyInvalid")]
        public void Session_policy_checked(string policy, string id)
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), Policy = policy });
            Assert.Equal(id, error.ErrorId);
        }

        [Fact]
        public void Session_policy_too_large()
        {
            string policy = "{\"Version\":\"2012-10-17\",\"Statement\":[],\"x\":\"" + new string('a', 2048) + "\"}";
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), Policy = policy });
            Assert.Equal("SessionPolicyTooLarge", error.ErrorId);
        }

        [Theory]
        [InlineData("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}")]
        [InlineData("{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")]
        [InlineData("{\"Version\":\"2008-10-17\",\"Statement\":[{\"Sid\":\"caf\u00e9\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")]
        public void Session_policy_passed_as_given(string policy) =>
            Assert.Equal(policy, Plan(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), Policy = policy }).Policy);

        [Theory]
        [InlineData("sts.amazonaws.com")]
        [InlineData("ftp://sts.amazonaws.com")]
        public void Endpoint_must_be_an_http_url(string url)
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), EndpointUrl = url });
            Assert.Equal("EndpointUrlInvalid", error.ErrorId);
        }

        [Fact]
        public void Endpoint_with_user_information_is_refused_without_repeating_it()
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), EndpointUrl = "http://user:PASS-9876@sts.example.com/" });
            Assert.Equal("EndpointUrlHasUserInfo", error.ErrorId);
            Assert.Equal("http://sts.example.com/", error.Target);
            Assert.DoesNotContain("PASS-9876", error.Message);
        }

        [Fact]
        public void Endpoint_is_kept_with_its_display_form()
        {
            var plan = Plan(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), EndpointUrl = "http://sts.example.com:8080" });
            Assert.Equal(new System.Uri("http://sts.example.com:8080/"), plan.Endpoint);
            Assert.Equal("http://sts.example.com:8080/", plan.EndpointDisplay);
            Assert.True(plan.EndpointUrl.IsCleartextOffMachine);
            Assert.Equal("sts.eu-west-2 (region eu-west-2)",
                Plan(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), Region = "eu-west-2" }).EndpointDisplay);
        }

        [Fact]
        public void Role_name_with_letters_sts_refuses_is_refused_locally()
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = "arn:aws:iam::123456789012:role/déploiement", Token = JobToken() });
            Assert.Equal("RoleArnInvalid", error.ErrorId);
        }

        [Fact]
        public void Injected_region_is_refused()
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), Region = "us-east-1$(id)\nX" });
            Assert.Equal("RegionInvalid", error.ErrorId);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(21)]
        public void Max_attempts_bounded(int attempts)
        {
            var error = Refused(new AssumeRoleParameters { RoleArn = Role, Token = JobToken(), MaxAttempts = attempts });
            Assert.Equal("MaxAttemptsOutOfRange", error.ErrorId);
        }
    }
}
