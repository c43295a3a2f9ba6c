@{
    Synopsis    = 'Makes credentials current: process environment variables, a shared-credentials profile, or a self-refreshing web-identity set-up.'
    Description = @'
Set-AwsEnv takes credentials from the pipeline (Invoke-SemaphoreAssumeRole's output, or any object with AccessKeyId, SecretAccessKey, SessionToken, Expiration and Region properties) and makes them current.

By default it sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_REGION and AWS_DEFAULT_REGION in this process and clears variables that would override them. With -ProfileName it writes one profile of the shared credentials file, keeping every other profile and comment, atomically and owner-only. With -WebIdentity it writes the OIDC token to an owner-only file and sets AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME, so SDKs and the CLI assume the role and refresh by themselves: use it for jobs longer than the credentials' lifetime.
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore pwsh job'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | Set-AwsEnv'
            Remarks = 'Every later command of the job (aws, terraform, SDKs) runs with the role''s credentials.'
        }
        @{
            Title   = 'A named profile'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn $arn | Set-AwsEnv -ProfileName deploy
aws s3 ls --profile deploy'
            Remarks = 'Writes [deploy] to ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE); other profiles are unchanged.'
        }
        @{
            Title   = 'Long jobs: let the SDKs refresh'
            Code    = 'Set-AwsEnv -WebIdentity -RoleArn arn:aws:iam::123456789012:role/deploy'
            Remarks = 'No exchange happens here: AWS SDKs and the CLI call AssumeRoleWithWebIdentity themselves whenever they need fresh credentials, for as long as the token lives.'
        }
    )
    Outputs     = @{ 'SemaphoreOidc.Credentials.AwsCredentialSet' = 'With -PassThru: the credentials that were made current.' }
    Links       = @('Invoke-SemaphoreAssumeRole', 'ConvertTo-AwsEnv')
}
