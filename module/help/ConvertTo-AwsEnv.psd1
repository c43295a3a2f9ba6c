@{
    Synopsis    = 'Writes credentials as text another shell or tool evaluates: Bash, PowerShell, Dotenv, Json, or credential_process JSON.'
    Description = @'
ConvertTo-AwsEnv turns credentials from the pipeline (Invoke-SemaphoreAssumeRole's output, or any object with AccessKeyId, SecretAccessKey, SessionToken, Expiration and Region properties) into text: export statements for bash, $env: assignments for PowerShell, a dotenv file, JSON, or the JSON an AWS config's credential_process must print.

Values are quoted so that evaluating the text gives back each value exactly, whatever characters it holds. Dotenv is written so that bash (set -a; . ./.env), docker compose and python-dotenv read back the same values: a value of letters, digits and + / = . _ : @ , - (every AWS key, token, region and timestamp) is written bare, which docker run --env-file reads too; any other value is single-quoted; a value holding a single quote, a backslash, a dollar sign or a control character cannot be written safely for all three and is refused (DotenvValueUnsafe, naming the variable), with no text written.

The output contains the secret key and session token: write it with -Path, which creates the file owner-only (0600) and replaces it in one step, or to a pipe; never to the job log. Set-Content would create a file other users can read.
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore bash job'
            Code    = 'eval "$(pwsh -NoProfile -c ''Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | ConvertTo-AwsEnv -Format Bash'')"'
            Remarks = 'The bash job gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and the region as its environment.'
        }
        @{
            Title   = 'A dotenv file for docker compose'
            Code    = 'Invoke-SemaphoreAssumeRole -RoleArn $arn | ConvertTo-AwsEnv -Format Dotenv -Path .env'
            Remarks = 'Writes .env owner-only; docker compose, python-dotenv and bash (set -a; . ./.env) read the same values from it. Keep it out of artifacts and delete it at the end of the job.'
        }
        @{
            Title   = 'In a Semaphore bash job: a file to source'
            Code    = 'pwsh -NoProfile -c ''Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | ConvertTo-AwsEnv -Format Bash -Path aws.env'' && . ./aws.env && rm aws.env'
            Remarks = 'The file appears only when the exchange succeeded (&& stops otherwise), is owner-only while it exists, and holds nothing but the export lines.'
        }
        @{
            Title   = 'As an AWS CLI credential_process'
            Code    = '# ~/.aws/config
# [profile deploy]
# credential_process = pwsh -NoProfile -c "Invoke-SemaphoreAssumeRole -RoleArn arn:aws:iam::123456789012:role/deploy | ConvertTo-AwsEnv -Format CredentialProcess"'
            Remarks = 'The CLI runs the command whenever it needs credentials for the profile and reads Version, AccessKeyId, SecretAccessKey, SessionToken and Expiration from its JSON.'
        }
    )
    Outputs     = @{ 'System.String' = 'The credentials as text in the chosen format; nothing with -Path.' }
    Links       = @('Invoke-SemaphoreAssumeRole', 'Set-AwsEnv')
}
