@{
    Synopsis    = 'Removes what Set-AwsEnv -WebIdentity set up: the job''s OIDC token file and the variables that point to it.'
    Description = @'
Clear-AwsEnv -WebIdentity deletes the token file that Set-AwsEnv -WebIdentity wrote for this job and removes AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME when AWS_WEB_IDENTITY_TOKEN_FILE points to that file. It removes nothing else: no other file, no region variable, no static keys, and never a token file the module did not write (AWS_WEB_IDENTITY_TOKEN_FILE set by something else, such as EKS, is left alone with a warning).

On a persistent self-hosted agent a token file would otherwise outlive its job, readable by later jobs of the same user until the token expires. Token files are named after the job (token-<SEMAPHORE_JOB_ID>), so Clear-AwsEnv also finds the job's file from a new process, such as a Semaphore epilogue command, where the variables of the set-up no longer exist. Running it when there is nothing to remove is not an error.
'@
    Examples    = @(
        @{
            Title   = 'In a Semaphore job: remove the token file in the epilogue'
            Code    = '# .semaphore/semaphore.yml, in the block''s task
epilogue:
  always:
    commands:
      - pwsh -NoProfile -c "Clear-AwsEnv -WebIdentity"'
            Remarks = 'Semaphore runs epilogue commands after the job''s commands, whether they passed or failed. The file is found by the job id, so the variables Set-AwsEnv set in another pwsh process are not needed.'
        }
        @{
            Title   = 'In a Semaphore pwsh job: set up, work, clean up'
            Code    = 'Set-AwsEnv -WebIdentity -RoleArn arn:aws:iam::123456789012:role/deploy
try { ./deploy.ps1 } finally { Clear-AwsEnv -WebIdentity }'
            Remarks = 'The SDKs and the aws CLI assume the role from the token file while deploy.ps1 runs; the finally block removes the file and the three variables whatever happens.'
        }
        @{
            Title   = 'A custom token folder'
            Code    = 'Set-AwsEnv -WebIdentity -RoleArn $arn -TokenDirectory ./.oidc
Clear-AwsEnv -WebIdentity -TokenDirectory ./.oidc -WhatIf'
            Remarks = 'Pass the same -TokenDirectory that Set-AwsEnv used; -WhatIf names the file and variables it would remove.'
        }
    )
    Links       = @('Set-AwsEnv', 'about_SemaphoreOidc')
}
