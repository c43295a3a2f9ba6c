BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Cmd = 'SemaphoreOidc.Commands.SetAwsEnvCommand'
    $script:Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CREDENTIAL_EXPIRATION',
        'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE'
    function Clear-AwsEnv { foreach ($n in $Names) { Remove-Item "Env:$n" -ErrorAction Ignore } }
    function Get-Mode([string] $Path) { (& stat -c '%a' $Path).Trim() }
}

Describe 'Set-AwsEnv' {
    BeforeAll {
        Reset-TestEmulator
        Register-TestProvider | Out-Null
        $script:RoleArn = Register-TestRole -RoleName 'deploy'
        $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org'; jobId = 'job-77' }
        $env:SEMAPHORE_JOB_ID = 'job-77'
        $script:Temp = Join-Path ([IO.Path]::GetTempPath()) ("setawsenv-" + [guid]::NewGuid())
        New-Item -ItemType Directory $Temp | Out-Null
    }
    AfterAll {
        Clear-AwsEnv
        Remove-Item Env:SEMAPHORE_OIDC_TOKEN, Env:SEMAPHORE_JOB_ID -ErrorAction Ignore
        Remove-Item $Temp -Recurse -Force -ErrorAction Ignore
    }
    BeforeEach { Clear-AwsEnv }

    It 'sets the process environment from Invoke-SemaphoreAssumeRole | Set-AwsEnv' {
        $c = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region 'eu-north-1'
        $c | Set-AwsEnv
        $env:AWS_ACCESS_KEY_ID | Should -Be $c.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY | Should -Be $c.SecretAccessKey
        $env:AWS_SESSION_TOKEN | Should -Be $c.SessionToken
        $env:AWS_REGION | Should -Be 'eu-north-1'
        $env:AWS_DEFAULT_REGION | Should -Be 'eu-north-1'
        [datetime]::Parse($env:AWS_CREDENTIAL_EXPIRATION).ToUniversalTime() | Should -Be $c.Expiration
        $env:AWS_CREDENTIAL_EXPIRATION | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
    }

    It 'gives credentials the real aws CLI accepts' -Skip:(-not (Get-Command aws -ErrorAction Ignore)) {
        Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region 'us-east-1' | Set-AwsEnv
        $identity = aws sts get-caller-identity --output json | ConvertFrom-Json
        $LASTEXITCODE | Should -Be 0
        $identity.Arn | Should -Be "arn:aws:sts::$($AccountId):assumed-role/deploy/semaphore-job-job-77"
    }

    It 'binds any object with the credential property names' {
        [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 's3cr3t'; SessionToken = 'tok'; Region = 'us-west-2' } | Set-AwsEnv
        $env:AWS_ACCESS_KEY_ID | Should -Be 'ASIAEXAMPLEEXAMPLE00'
        $env:AWS_REGION | Should -Be 'us-west-2'
        $env:AWS_CREDENTIAL_EXPIRATION | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 's'; SessionToken = 't' } | Set-AwsEnv -WhatIf
        $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
    }

    It 'refuses incomplete credentials and changes nothing' {
        $env:AWS_ACCESS_KEY_ID = 'before'
        { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00' } | Set-AwsEnv } | Should -Throw -ErrorId "CredentialsIncomplete,$Cmd"
        $env:AWS_ACCESS_KEY_ID | Should -Be 'before'
    }

    Context '-ProfileName' {
        It 'writes the profile, keeps every other profile and comment, owner-only' {
            $file = Join-Path $Temp 'credentials'
            $original = "# team profiles`n[default]`naws_access_key_id = AKIADEFAULT`naws_secret_access_key = keep-me`n`n; another comment`n[other]`naws_access_key_id = AKIAOTHER`naws_secret_access_key = other-secret`n"
            Set-Content $file $original -NoNewline
            $env:AWS_SHARED_CREDENTIALS_FILE = $file
            $c = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region 'us-east-1'
            $c | Set-AwsEnv -ProfileName 'semaphore'
            $text = Get-Content $file -Raw
            $text | Should -Match '# team profiles'
            $text | Should -Match '; another comment'
            $text | Should -Match 'keep-me'
            $text | Should -Match 'other-secret'
            $text | Should -Match '\[semaphore\]'
            $text | Should -Match ([regex]::Escape($c.SessionToken))
            Get-Mode $file | Should -Be '600'
            $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
        }

        It 'is read back by the real aws CLI' -Skip:(-not (Get-Command aws -ErrorAction Ignore)) {
            $file = Join-Path $Temp 'credentials-cli'
            $env:AWS_SHARED_CREDENTIALS_FILE = $file
            Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region 'us-east-1' | Set-AwsEnv -ProfileName 'ci'
            $identity = aws sts get-caller-identity --profile ci --region us-east-1 --output json | ConvertFrom-Json
            $identity.Arn | Should -BeLike '*:assumed-role/deploy/*'
        }

        It 'refuses a profile name IAM tools cannot read, writing nothing' {
            $file = Join-Path $Temp 'credentials-bad'
            $env:AWS_SHARED_CREDENTIALS_FILE = $file
            { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 's'; SessionToken = 't' } | Set-AwsEnv -ProfileName 'bad]name' } |
                Should -Throw -ErrorId "ProfileNameInvalid,$Cmd"
            Test-Path $file | Should -BeFalse
        }
    }

    Context '-WebIdentity' {
        It 'writes an owner-only token file and sets the self-refreshing variables' {
            $c = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region 'eu-west-1'
            $c | Set-AwsEnv -WebIdentity -TokenDirectory $Temp
            $env:AWS_ROLE_ARN | Should -Be $RoleArn
            $env:AWS_ROLE_SESSION_NAME | Should -Be 'semaphore-job-job-77'
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -Not -BeNullOrEmpty
            [IO.Path]::IsPathRooted($env:AWS_WEB_IDENTITY_TOKEN_FILE) | Should -BeTrue
            (Get-Content $env:AWS_WEB_IDENTITY_TOKEN_FILE -Raw).Trim() | Should -Be $env:SEMAPHORE_OIDC_TOKEN
            Get-Mode $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -Be '600'
            $env:AWS_ACCESS_KEY_ID | Should -BeNullOrEmpty
        }

        It 'works without an exchange, and the real aws CLI assumes the role itself' -Skip:(-not (Get-Command aws -ErrorAction Ignore)) {
            Set-AwsEnv -WebIdentity -RoleArn $RoleArn -Region 'us-east-1' -TokenDirectory $Temp
            $identity = aws sts get-caller-identity --output json | ConvertFrom-Json
            $LASTEXITCODE | Should -Be 0
            $identity.Arn | Should -BeLike '*:assumed-role/deploy/semaphore-job-job-77'
        }

        It 'refuses a malformed role ARN and writes nothing' {
            { Set-AwsEnv -WebIdentity -RoleArn 'deploy' -TokenDirectory $Temp } | Should -Throw -ErrorId "RoleArnInvalid,$Cmd"
            $env:AWS_ROLE_ARN | Should -BeNullOrEmpty
        }

        It 'refuses an empty -WebIdentityToken instead of falling back to the job''s token, and writes nothing' {
            $env:SEMAPHORE_OIDC_TOKEN | Should -Not -BeNullOrEmpty
            $before = @(Get-ChildItem $Temp -Recurse -File -ErrorAction Ignore).Count
            { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -WebIdentityToken '' -TokenDirectory $Temp } | Should -Throw -ErrorId "TokenMissing,$Cmd"
            $env:AWS_ROLE_ARN | Should -BeNullOrEmpty
            @(Get-ChildItem $Temp -Recurse -File -ErrorAction Ignore).Count | Should -Be $before
        }
    }
}
