@{
    Synopsis    = 'Writes credentials as text another shell or tool evaluates: Bash, PowerShell, Dotenv, Json, or credential_process JSON.'
    Description = @'
ConvertTo-AwsEnv turns credentials from the pipeline (Invoke-SemaphoreAssumeRole's output, or any object with AccessKeyId, SecretAccessKey, SessionToken, Expiration and Region properties) into text: export statements for bash, $env: assignments for PowerShell, a dotenv file, JSON, or the JSON an AWS config's credential_process must print.

Values are quoted so that evaluating the text gives back each value exactly, whatever characters it holds. Dotenv values are double-quoted with \, " and $ escaped, as docker compose and python-dotenv read them; other dotenv readers differ on escapes, though AWS credential values never hold those characters. The output contains the secret key and session token: write it to a pipe or an owner-only file, never to the job log.
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore bash job'
            Code    = 'eval "$(pwsh -NoProfile -c ''Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | ConvertTo-AwsEnv -Format Bash'')"'
            Remarks = 'The bash job gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and the region as its environment.'
        }
        @{
            Title   = 'A dotenv file for docker compose'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn $arn | ConvertTo-AwsEnv -Format Dotenv | Set-Content -Path .env'
            Remarks = 'docker compose reads .env; keep it out of artifacts.'
        }
        @{
            Title   = 'As an AWS CLI credential_process'
            Code    = '# ~/.aws/config
# [profile deploy]
# credential_process = pwsh -NoProfile -c "Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | ConvertTo-AwsEnv -Format CredentialProcess"'
            Remarks = 'The CLI runs the command whenever it needs credentials for the profile and reads Version, AccessKeyId, SecretAccessKey, SessionToken and Expiration from its JSON.'
        }
    )
    Outputs     = @{ 'System.String' = 'The credentials as text in the chosen format.' }
    Links       = @('Invoke-SemaphoreAssumeRole', 'Set-AwsEnv')
}
