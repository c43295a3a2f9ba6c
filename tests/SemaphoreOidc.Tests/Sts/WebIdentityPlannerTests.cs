using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SemaphoreOidc.Emulator;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    public sealed class WebIdentityPlannerTests : IDisposable
    {
        private const string Role = "arn:aws:iam::123456789012:role/deploy";

        // Job tokens as the emulated Semaphore signs them (the one token factory), valid now unless the request says otherwise.
        private static readonly TokenMinter Minter = new TokenMinter(new SigningKeys());

        private static string JobToken(TokenRequest request = null) => Minter.Mint(request ?? new TokenRequest());

        private static string JobTokenExpiringAt(DateTime expires) =>
            JobToken(new TokenRequest { IssuedAt = new DateTimeOffset(expires.AddHours(-1)), Lifetime = TimeSpan.FromHours(1) });
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "semaphore-oidc-planner-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }

        private WebIdentityPlan Plan(WebIdentityRequest r, Dictionary<string, string> env = null)
        {
            r.TokenDirectory ??= _dir;
            return WebIdentityPlanner.Plan(r, n => env != null && env.TryGetValue(n, out var v) ? v : null, DateTime.UtcNow);
        }

        private SemaphoreOidcException Refused(WebIdentityRequest r, Dictionary<string, string> env = null)
        {
            var ex = Assert.Throws<SemaphoreOidcException>(() => Plan(r, env));
            Assert.False(Directory.Exists(_dir), "a refused plan wrote something");
            Assert.DoesNotContain("-Token", ex.Message);        // engine messages name no cmdlet parameter
            Assert.DoesNotContain("-RoleArn", ex.Message);
            if (r.Token != null && r.Token.Length > 20) Assert.DoesNotContain(r.Token.Split('.')[1], ex.Message);
            return ex;
        }

        [Fact]
        public void Resolves_every_default()
        {
            string token = JobToken();
            var plan = Plan(new WebIdentityRequest { RoleArn = " " + Role + " " },
                new Dictionary<string, string> { ["SEMAPHORE_OIDC_TOKEN"] = token, ["SEMAPHORE_JOB_ID"] = "job-42" });
            Assert.Equal(Role, plan.RoleArn.Value);
            Assert.Equal(token, plan.Token.RawToken);
            Assert.Equal("semaphore-job-job-42", plan.SessionName);
            Assert.Null(plan.Region);
            Assert.Equal(Path.Combine(_dir, "token-job-42"), plan.TokenFilePath);
            Assert.Equal(new[] { "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME" }, plan.Variables.Select(v => v.Key));
            Assert.Equal(plan.TokenFilePath, plan.Variables[1].Value);
            Assert.Contains("AWS_ACCESS_KEY_ID", plan.VariablesToClear);
            Assert.False(Directory.Exists(_dir)); // a plan writes nothing
        }

        [Fact]
        public void Without_a_job_id_the_file_is_named_after_the_tokens_job_then_random()
        {
            var plan = Plan(new WebIdentityRequest { RoleArn = Role, Token = JobToken(new TokenRequest { JobId = "0b2b3c4d-job" }) });
            Assert.Equal("token-0b2b3c4d-job", Path.GetFileName(plan.TokenFilePath));
            var anonymous = Plan(new WebIdentityRequest { RoleArn = Role, Token = JobToken(new TokenRequest { Claims = { ["job_id"] = null } }) });
            Assert.Matches("^token-[0-9a-f]{24}$", Path.GetFileName(anonymous.TokenFilePath));
        }

        [Fact]
        public void Sanitises_the_session_name_and_validates_the_region()
        {
            var plan = Plan(new WebIdentityRequest { RoleArn = Role, Token = JobToken(), SessionName = "deploy web/main", Region = " eu-west-1 " });
            Assert.Equal("deploy-web-main", plan.SessionName);
            Assert.True(plan.SessionNameChanged);
            Assert.Equal("eu-west-1", plan.Region);
            Assert.Contains(plan.Variables, v => v.Key == "AWS_REGION" && v.Value == "eu-west-1");
            Assert.Equal("RegionInvalid", Refused(new WebIdentityRequest { RoleArn = Role, Token = JobToken(), Region = "us-east-1$(id)" }).ErrorId);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void A_missing_role_has_its_own_id(string role)
        {
            var ex = Refused(new WebIdentityRequest { RoleArn = role, Token = JobToken() });
            Assert.Equal("RoleArnMissing", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.DoesNotContain("''", ex.Message);
        }

        [Fact]
        public void A_malformed_role_is_RoleArnInvalid() =>
            Assert.Equal("RoleArnInvalid", Refused(new WebIdentityRequest { RoleArn = "deploy", Token = JobToken() }).ErrorId);

        [Fact]
        public void Token_rules()
        {
            Assert.Equal("TokenMissing", Refused(new WebIdentityRequest { RoleArn = Role }).ErrorId);
            // Given but empty: never a silent fall-back to the job's token.
            Assert.Equal("TokenMissing", Refused(new WebIdentityRequest { RoleArn = Role, Token = "" },
                new Dictionary<string, string> { ["SEMAPHORE_OIDC_TOKEN"] = JobToken() }).ErrorId);
            Assert.Equal("TokenMalformed", Refused(new WebIdentityRequest { RoleArn = Role, Token = "not-a-jwt" }).ErrorId);
        }

        [Fact]
        public void An_expired_or_not_yet_valid_token_is_refused_as_STS_would_refuse_it()
        {
            var expired = Refused(new WebIdentityRequest { RoleArn = Role, Token = JobTokenExpiringAt(DateTime.UtcNow.AddMinutes(-5)) });
            Assert.Equal("TokenExpired", expired.ErrorId);
            Assert.Equal(ErrorKind.AuthenticationError, expired.Kind);
            // JobTokenExpiringAt makes nbf one hour before exp: expiring in five hours means valid only in four.
            var early = Refused(new WebIdentityRequest { RoleArn = Role, Token = JobTokenExpiringAt(DateTime.UtcNow.AddHours(5)) });
            Assert.Equal("TokenNotYetValid", early.ErrorId);
            // Within the clock skew STS tolerates: accepted.
            Plan(new WebIdentityRequest { RoleArn = Role, Token = JobTokenExpiringAt(DateTime.UtcNow.AddSeconds(-10)) });
        }

        [Fact]
        public void The_folder_must_be_an_absolute_directory()
        {
            Assert.Equal("TokenFilePathInvalid", Refused(new WebIdentityRequest { RoleArn = Role, Token = JobToken(), TokenDirectory = "relative/dir" }).ErrorId);
            string file = Path.GetTempFileName();
            try
            {
                Assert.Equal("PathNotDirectory", Refused(new WebIdentityRequest { RoleArn = Role, Token = JobToken(), TokenDirectory = file }).ErrorId);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
