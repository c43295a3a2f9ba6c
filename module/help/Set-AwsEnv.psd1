@{
    Synopsis    = 'Makes credentials current: process environment variables, a shared-credentials profile, or a self-refreshing web-identity set-up.'
    Description = @'
Set-AwsEnv takes credentials from the pipeline (Invoke-SemaphoreAssumeRole's output, or any object with AccessKeyId, SecretAccessKey, SessionToken, Expiration and Region properties) and makes them current.

By default it sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_REGION and AWS_DEFAULT_REGION in this process and clears variables that would override them.

With -ProfileName it writes the profile's keys to the shared credentials file and, when the credentials carry a region, the profile's region to the config file, as aws configure does. Every other profile, setting and comment of both files is kept. Parallel jobs on one agent never lose each other's profiles: each write takes an exclusive lock beside the file (.credentials.lock, .config.lock; released when the process ends), reads the file again under it and replaces it in one rename, owner-only (0600). A writer waits up to 15 seconds for another (FileLockTimedOut). A value that a credentials file cannot hold, such as one with a line break, is refused as CredentialValueInvalid naming the field; nothing is written then.

With -WebIdentity it writes the OIDC token to an owner-only file named after the job (~/.aws/semaphore-oidc/token-<SEMAPHORE_JOB_ID>) and sets AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME, so SDKs and the CLI assume the role and refresh by themselves: use it for jobs longer than the credentials' lifetime. The role ARN, the token (expired or not-yet-valid tokens are refused as TokenExpired / TokenNotYetValid), the region and the folder are all checked before anything is written. Remove the file at the end of the job with Clear-AwsEnv -WebIdentity (a Semaphore epilogue runs it even when the job fails).
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore pwsh job'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | Set-AwsEnv'
            Remarks = 'Every later command of the job (aws, terraform, SDKs) runs with the role''s credentials.'
        }
        @{
            Title   = 'A named profile'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn $arn -Region eu-west-1 | Set-AwsEnv -ProfileName deploy
aws s3 ls --profile deploy'
            Remarks = 'Writes [deploy] to ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE) and region = eu-west-1 to [profile deploy] of ~/.aws/config (or AWS_CONFIG_FILE); other profiles are unchanged.'
        }
        @{
            Title   = 'Long jobs: let the SDKs refresh'
            Code    = 'Set-AwsEnv -WebIdentity -RoleArn arn:aws:iam::123456789012:role/deploy
# ... the job''s work ...
Clear-AwsEnv -WebIdentity'
            Remarks = 'No exchange happens here: AWS SDKs and the CLI call AssumeRoleWithWebIdentity themselves whenever they need fresh credentials, for as long as the token lives. Clear-AwsEnv removes the token file and the three variables at the end.'
        }
    )
    Parameters  = @{
        WebIdentityToken = 'With -WebIdentity: the OIDC token to write; defaults to $env:SEMAPHORE_OIDC_TOKEN. An empty value is refused (TokenMissing) rather than replaced by the job''s token, and so is an expired one (TokenExpired).'
    }
    Outputs     = @{ 'SemaphoreOidc.Credentials.AwsCredentialSet' = 'With -PassThru: the credentials that were made current.' }
    Links       = @('Invoke-SemaphoreAssumeRole', 'ConvertTo-AwsEnv', 'Clear-AwsEnv')
}
