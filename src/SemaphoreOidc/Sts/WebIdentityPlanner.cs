using System;
using System.IO;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Credentials;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Files;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// Checks a self-refreshing web-identity set-up (Set-AwsEnv -WebIdentity) as <see cref="ExchangePlanner"/> checks an
    /// exchange: the SDKs will call AssumeRoleWithWebIdentity later, far from here, so whatever would make that fail
    /// (no role, a bad ARN, an expired token) is refused now, before a file or a variable is written. Messages name
    /// the inputs, not a command's parameters (docs/credentials.md, "Web identity").
    /// </summary>
    public static class WebIdentityPlanner
    {
        public static WebIdentityPlan Plan(WebIdentityRequest request, Func<string, string> environment, DateTime utcNow)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            environment = environment ?? Environment.GetEnvironmentVariable;

            if (string.IsNullOrWhiteSpace(request.RoleArn))
            {
                throw new SemaphoreOidcException(CredentialErrorIds.RoleArnMissing, ErrorKind.InvalidArgument,
                    "A web-identity set-up needs the role to assume (it becomes AWS_ROLE_ARN), such as arn:aws:iam::123456789012:role/deploy.",
                    EnvironmentVariables.RoleArn);
            }
            var roleArn = RoleArn.Parse(request.RoleArn);

            string raw = TokenSource.Resolve(request.Token, environment);
            if (string.IsNullOrWhiteSpace(raw))
            {
                // TokenReader's own message names Invoke-SemaphoreAssumeRole's -Token; this one names no parameter.
                throw new SemaphoreOidcException(TokenErrorIds.TokenMissing, ErrorKind.InvalidArgument,
                    request.Token == null
                        ? $"No Semaphore OIDC token: {TokenReader.EnvironmentVariable} is not set. Semaphore sets it in every job of an organisation that has OIDC tokens enabled."
                        : "The OIDC token given is empty. Give the job's token (SEMAPHORE_OIDC_TOKEN), or give none to use it.",
                    TokenReader.EnvironmentVariable);
            }
            var token = TokenReader.Read(raw);
            if (raw.Trim().Length > ExchangePlanner.MaxTokenLength)
            {
                throw new SemaphoreOidcException(TokenErrorIds.TokenMalformed, ErrorKind.InvalidData,
                    $"The OIDC token is {raw.Trim().Length} characters long; STS accepts at most {ExchangePlanner.MaxTokenLength}.", TokenReader.EnvironmentVariable);
            }
            TokenLifetime.EnsureNotExpired(token, utcNow, ExchangePlanner.ExpirySkew);

            string region = string.IsNullOrWhiteSpace(request.Region) ? null : RegionResolver.Validate(request.Region.Trim(), "the region given");

            string jobId = environment("SEMAPHORE_JOB_ID");
            string requested = string.IsNullOrWhiteSpace(request.SessionName) ? SessionName.Default(jobId, token.JobId) : request.SessionName;
            string sessionName = SessionName.Sanitize(requested);

            string directory = request.TokenDirectory;
            if (string.IsNullOrWhiteSpace(directory)) directory = WebIdentityTokenFile.DefaultDirectory();
            if (!Path.IsPathRooted(directory))
            {
                throw new SemaphoreOidcException(CredentialErrorIds.TokenFilePathInvalid, ErrorKind.InvalidArgument,
                    $"The token folder must be an absolute path (the SDKs open the file from wherever they run), not '{directory}'.", directory);
            }
            directory = Path.GetFullPath(directory);
            LocalPath.EnsureDirectoryOrMissing(directory, "The token folder");
            string path = Path.Combine(directory, WebIdentityTokenFile.FileNameFor(string.IsNullOrWhiteSpace(jobId) ? token.JobId : jobId));
            LocalPath.EnsureRegularFileOrMissing(path, "The token file");

            return new WebIdentityPlan(roleArn, token, sessionName, !string.Equals(sessionName, requested, StringComparison.Ordinal), region, path,
                EnvironmentVariables.ForWebIdentity(roleArn.Value, path, sessionName, region), EnvironmentVariables.ToClearForWebIdentity);
        }
    }
}
