using System;
using System.Linq;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Credentials
{
    public class EnvironmentVariablesTests
    {
        private static readonly DateTime Expiry = new DateTime(2026, 11, 28, 13, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void Full_set_in_fixed_order()
        {
            var vars = EnvironmentVariables.For(new AwsCredentialSet("AK", "SK", "ST", Expiry, "us-east-2"));
            Assert.Equal(new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CREDENTIAL_EXPIRATION" },
                vars.Select(v => v.Key));
            Assert.Equal(new[] { "AK", "SK", "ST", "us-east-2", "us-east-2", "2026-11-28T13:00:00Z" }, vars.Select(v => v.Value));
        }

        [Fact]
        public void Unknown_values_are_left_out_and_stale_ones_cleared()
        {
            var c = new AwsCredentialSet("AK", "SK", null, null, null);
            Assert.Equal(new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" }, EnvironmentVariables.For(c).Select(v => v.Key));
            var clear = EnvironmentVariables.ToClearFor(c);
            Assert.Contains("AWS_SESSION_TOKEN", clear);
            Assert.Contains("AWS_CREDENTIAL_EXPIRATION", clear);
            Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE", clear);
            Assert.DoesNotContain("AWS_PROFILE", clear);
            Assert.DoesNotContain("AWS_REGION", clear);
        }

        [Fact]
        public void Nothing_set_is_also_cleared()
        {
            var c = new AwsCredentialSet("AK", "SK", "ST", Expiry, "us-east-2");
            var set = EnvironmentVariables.For(c).Select(v => v.Key);
            Assert.Empty(set.Intersect(EnvironmentVariables.ToClearFor(c)));
        }

        [Fact]
        public void Web_identity_set()
        {
            var vars = EnvironmentVariables.ForWebIdentity("arn:aws:iam::123456789012:role/deploy", "/home/u/.aws/semaphore-oidc/token", "job-1", "eu-central-1");
            Assert.Equal(new[] { "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION" }, vars.Select(v => v.Key));
            Assert.Equal("/home/u/.aws/semaphore-oidc/token", vars[1].Value);
            Assert.Equal(new[] { "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE" },
                EnvironmentVariables.ForWebIdentity("arn:aws:iam::123456789012:role/deploy", "/t", null, null).Select(v => v.Key));
            Assert.Contains("AWS_ACCESS_KEY_ID", EnvironmentVariables.ToClearForWebIdentity);
            Assert.Contains("AWS_SECRET_ACCESS_KEY", EnvironmentVariables.ToClearForWebIdentity);
            Assert.Contains("AWS_SESSION_TOKEN", EnvironmentVariables.ToClearForWebIdentity);
        }

        [Fact]
        public void Web_identity_needs_role_and_absolute_path()
        {
            Assert.Equal("RoleArnMissing", Assert.Throws<SemaphoreOidcException>(() => EnvironmentVariables.ForWebIdentity(" ", "/t", null, null)).ErrorId);
            var ex = Assert.Throws<SemaphoreOidcException>(() => EnvironmentVariables.ForWebIdentity("arn:aws:iam::1:role/r", "token", null, null));
            Assert.Equal("TokenFilePathInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void Missing_secret_is_incomplete_and_not_echoed()
        {
            var ex = Assert.Throws<SemaphoreOidcException>(() => EnvironmentVariables.For(new AwsCredentialSet("AK", "", "TOKENSECRET", null, null)));
            Assert.Equal("CredentialsIncomplete", ex.ErrorId);
            Assert.DoesNotContain("TOKENSECRET", ex.Message);
        }
    }
}
