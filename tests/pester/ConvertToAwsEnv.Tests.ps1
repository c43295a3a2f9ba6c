BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Cmd = 'SemaphoreOidc.Commands.ConvertToAwsEnvCommand'
    # Values that break naive quoting in every target.
    $script:Hostile = [pscustomobject]@{
        AccessKeyId     = 'ASIA''"$(touch /tmp/pwned)`x'
        SecretAccessKey = "a'b`"c`$HOME\\d`$(id) e`nline2 ‘curly’"
        SessionToken    = 'tok$env:PATH;`echo hi`\'
        Expiration      = [datetime]::new(2030, 1, 2, 3, 4, 5, [DateTimeKind]::Utc)
        Region          = 'eu-west-1'
    }
}

Describe 'ConvertTo-AwsEnv' {
    It 'Bash: eval in bash gives back every value exactly' {
        $text = $Hostile | ConvertTo-AwsEnv -Format Bash
        $script = $text + "`nprintf '%s\0' ""`$AWS_ACCESS_KEY_ID"" ""`$AWS_SECRET_ACCESS_KEY"" ""`$AWS_SESSION_TOKEN"" ""`$AWS_REGION"" ""`$AWS_DEFAULT_REGION"" ""`$AWS_CREDENTIAL_EXPIRATION"""
        $out = $script | bash -s
        $values = ($out -join "`n").Split([char]0)
        $values[0] | Should -BeExactly $Hostile.AccessKeyId
        $values[1] | Should -BeExactly $Hostile.SecretAccessKey
        $values[2] | Should -BeExactly $Hostile.SessionToken
        $values[3] | Should -Be 'eu-west-1'
        $values[4] | Should -Be 'eu-west-1'
        $values[5] | Should -Be '2030-01-02T03:04:05Z'
        Test-Path /tmp/pwned | Should -BeFalse
    }

    It 'PowerShell: running it in a fresh pwsh gives back every value exactly' {
        $text = $Hostile | ConvertTo-AwsEnv -Format PowerShell
        $file = Join-Path ([IO.Path]::GetTempPath()) "env-$([guid]::NewGuid()).ps1"
        Set-Content $file ($text + "`n" + '[Console]::Out.Write((@($env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY, $env:AWS_SESSION_TOKEN) -join [char]0))') -Encoding utf8
        try {
            $pwsh = Join-Path $PSHOME 'pwsh.dll'
            $out = if (Test-Path $pwsh) { dotnet $pwsh -NoProfile -File $file } else { pwsh -NoProfile -File $file }
            $values = ($out -join "`n").Split([char]0)
            $values[0] | Should -BeExactly $Hostile.AccessKeyId
            $values[1] | Should -BeExactly $Hostile.SecretAccessKey
            $values[2] | Should -BeExactly $Hostile.SessionToken
        }
        finally { Remove-Item $file -ErrorAction Ignore }
    }

    It 'Dotenv: one quoted KEY="value" line per variable' {
        $lines = ($Hostile | ConvertTo-AwsEnv -Format Dotenv) -split "`r?`n" | Where-Object { $_ }
        $lines | ForEach-Object { $_ | Should -Match '^AWS_[A-Z_]+=".*"$' }
        ($lines | Where-Object { $_ -like 'AWS_SECRET_ACCESS_KEY=*' }) | Should -Not -BeLike "*`n*"
    }

    It 'Json: parses back to the same values' {
        $json = $Hostile | ConvertTo-AwsEnv -Format Json | ConvertFrom-Json
        $json.AWS_SECRET_ACCESS_KEY | Should -BeExactly $Hostile.SecretAccessKey
        $json.AWS_SESSION_TOKEN | Should -BeExactly $Hostile.SessionToken
    }

    It 'CredentialProcess: Version 1 JSON with RFC 3339 expiration' {
        $json = $Hostile | ConvertTo-AwsEnv -Format CredentialProcess | ConvertFrom-Json -AsHashtable -DateKind String
        $json.Version | Should -Be 1
        $json.AccessKeyId | Should -BeExactly $Hostile.AccessKeyId
        $json.SecretAccessKey | Should -BeExactly $Hostile.SecretAccessKey
        $json.SessionToken | Should -BeExactly $Hostile.SessionToken
        $json.Expiration | Should -Be '2030-01-02T03:04:05Z'
    }

    It 'CredentialProcess output is accepted by the real aws CLI' -Skip:(-not (Get-Command aws -ErrorAction Ignore)) {
        Reset-TestEmulator; Register-TestProvider | Out-Null
        $arn = Register-TestRole -RoleName 'deploy'
        $c = Invoke-SemaphoreAssumeRole -RoleArn $arn -Token (New-TestToken) -Region 'us-east-1'
        $dir = Join-Path ([IO.Path]::GetTempPath()) "cp-$([guid]::NewGuid())"
        New-Item -ItemType Directory $dir | Out-Null
        try {
            $c | ConvertTo-AwsEnv -Format CredentialProcess | Set-Content "$dir/creds.json"
            Set-Content "$dir/config" "[profile cp]`ncredential_process = cat $dir/creds.json`nregion = us-east-1`n"
            $env:AWS_CONFIG_FILE = "$dir/config"
            $identity = aws sts get-caller-identity --profile cp --output json | ConvertFrom-Json
            $identity.Arn | Should -BeLike '*:assumed-role/deploy/*'
        }
        finally {
            Remove-Item Env:AWS_CONFIG_FILE -ErrorAction Ignore
            Remove-Item $dir -Recurse -Force
        }
    }

    It 'takes Invoke-SemaphoreAssumeRole output by property name and defaults to Bash' {
        $text = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 's'; SessionToken = 't' } | ConvertTo-AwsEnv
        $text | Should -Match "^export AWS_ACCESS_KEY_ID='ASIAEXAMPLEEXAMPLE00'"
    }

    It 'refuses incomplete credentials' {
        { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00' } | ConvertTo-AwsEnv } | Should -Throw -ErrorId "CredentialsIncomplete,$Cmd"
    }
}
