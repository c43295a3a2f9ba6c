@{
    Synopsis    = 'Exchanges the job''s Semaphore OIDC token for temporary AWS credentials (STS AssumeRoleWithWebIdentity).'
    Description = @'
Invoke-SemaphoreAssumeRole calls STS AssumeRoleWithWebIdentity with $env:SEMAPHORE_OIDC_TOKEN (or -Token) for the role in -RoleArn and returns an AssumeRoleResult: access key id, secret access key, session token, expiration, region and the assumed role. Pipe it to Set-AwsEnv (pwsh jobs) or ConvertTo-AwsEnv (bash jobs).

Every input is checked before the call. Throttling, 5xx answers, network failures and identity-provider hiccups are retried with jittered backoff up to -MaxAttempts, each attempt one request that may take -TimeoutSec seconds; Ctrl+C stops at once. An answer that is not STS's (a captive portal, a proxy's page, a redirect, half an answer) is never taken for credentials: it is StsUnexpectedResponse, with the endpoint, status, content type and the first bytes of the page, secrets removed. An AccessDenied error shows the token's iss, aud and sub and the trust-policy condition that would admit it.

AssumeRoleWithWebIdentity is not signed, so no AWS credentials are needed for the exchange itself.
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore pwsh job'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy -Region eu-west-1 | Set-AwsEnv
aws sts get-caller-identity'
            Remarks = 'The credentials become AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_REGION of this process, so the aws CLI and SDKs started from it use them.'
        }
        @{
            Title   = 'In a Semaphore bash job'
            Code    = 'eval "$(pwsh -NoProfile -c ''Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | ConvertTo-AwsEnv -Format Bash'')"
aws s3 ls'
            Remarks = 'ConvertTo-AwsEnv writes export statements with safe quoting; eval makes them the bash job''s environment.'
        }
        @{
            Title   = 'A shorter, narrower session'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn $arn -DurationSeconds 900 -PolicyArn arn:aws:iam::aws:policy/ReadOnlyAccess -SessionName release-42'
            Remarks = 'Fifteen-minute credentials limited to read-only access, with a session name that appears in CloudTrail.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Credentials.AssumeRoleResult' = 'Temporary credentials and the assumed role. SecretAccessKey, SessionToken and WebIdentityToken are never formatted by default.' }
    Notes       = @'
Error ids: RoleArnInvalid, RegionInvalid, PolicyArnInvalid, SessionPolicyInvalid, EndpointUrlInvalid, EndpointUrlHasUserInfo, MaxAttemptsOutOfRange, TimeoutOutOfRange, TokenMissing, TokenExpired, AssumeRoleAccessDenied, AssumeRoleInvalidIdentityToken, AssumeRoleServiceUnavailable, AssumeRoleTimeout, StsUnreachable, StsUnexpectedResponse and others; each message says what to change. See about_SemaphoreOidc for AccessDenied troubleshooting.
'@
    Links       = @('Set-AwsEnv', 'ConvertTo-AwsEnv', 'Get-SemaphoreOidcToken')
}
