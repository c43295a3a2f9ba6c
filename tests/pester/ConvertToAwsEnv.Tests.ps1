BeforeDiscovery {
    # -Skip is decided at discovery. python-dotenv is a pip package; where it is missing its test is skipped.
    $script:HasPythonDotenv = [bool](Get-Command python3 -ErrorAction Ignore) -and $(python3 -c 'import dotenv' 2>$null; $LASTEXITCODE -eq 0)
}

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
    function Get-Mode([string] $Path) { (& stat -c '%a' $Path).Trim() }
    $script:Temp = Join-Path ([IO.Path]::GetTempPath()) "convertto-$([guid]::NewGuid())"
    New-Item -ItemType Directory $Temp | Out-Null
    $script:Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CREDENTIAL_EXPIRATION'
}

AfterAll { Remove-Item $Temp -Recurse -Force -ErrorAction Ignore }

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

    It 'Dotenv: refuses values the readers disagree on, naming the variable, with no text' {
        $err = { $Hostile | ConvertTo-AwsEnv -Format Dotenv } | Should -Throw -ErrorId "DotenvValueUnsafe,$Cmd" -PassThru
        $err.TargetObject | Should -Be 'AWS_ACCESS_KEY_ID'
        (Get-AllOutputText { $Hostile | ConvertTo-AwsEnv -Format Dotenv }) | Should -Not -Match ([regex]::Escape('a''b"c$HOME'))
        $out = [System.Collections.Generic.List[object]]::new()
        try { $Hostile | ConvertTo-AwsEnv -Format Dotenv | ForEach-Object { $out.Add($_) } } catch { }
        $out.Count | Should -Be 0
    }

    Context 'Dotenv read back by real readers' {
        BeforeAll {
            Reset-TestEmulator; Register-TestProvider | Out-Null
            $arn = Register-TestRole -RoleName 'dotenv'
            $script:Real = Invoke-SemaphoreAssumeRole -RoleArn $arn -Token (New-TestToken) -Region 'eu-central-1'
            $script:Spaced = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 'a b#c "d" `e`'; SessionToken = 'tok=='; Region = 'eu-west-1' }
            $script:EnvFile = Join-Path $Temp 'real.env'
        }

        It 'bash (set -a; . ./.env) gets every value back' -ForEach @(@{ Which = 'Real' }, @{ Which = 'Spaced' }) {
            $c = Get-Variable $Which -ValueOnly
            $c | ConvertTo-AwsEnv -Format Dotenv -Path $EnvFile
            $out = bash --noprofile --norc -c 'set -a; . "$1"; for n in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION; do printf "%s\0" "${!n}"; done' bash $EnvFile
            $values = ($out -join "`n").Split([char]0)
            $values[0] | Should -BeExactly $c.AccessKeyId
            $values[1] | Should -BeExactly $c.SecretAccessKey
            $values[2] | Should -BeExactly $c.SessionToken
            $values[3] | Should -BeExactly $c.Region
        }

        It 'python-dotenv gets every value back' -Skip:(-not $HasPythonDotenv) -ForEach @(@{ Which = 'Real' }, @{ Which = 'Spaced' }) {
            $c = Get-Variable $Which -ValueOnly
            $c | ConvertTo-AwsEnv -Format Dotenv -Path $EnvFile
            $json = python3 -c 'import sys, json, dotenv; print(json.dumps(dotenv.dotenv_values(sys.argv[1])))' $EnvFile | ConvertFrom-Json
            $json.AWS_ACCESS_KEY_ID | Should -BeExactly $c.AccessKeyId
            $json.AWS_SECRET_ACCESS_KEY | Should -BeExactly $c.SecretAccessKey
            $json.AWS_SESSION_TOKEN | Should -BeExactly $c.SessionToken
            $json.AWS_REGION | Should -BeExactly $c.Region
        }
    }

    Context '-Path' {
        It 'writes the file owner-only, replacing a readable one, and outputs nothing' {
            $file = Join-Path $Temp 'loose.env'
            Set-Content $file 'OLD=1'
            & chmod 644 $file
            $out = $Hostile | ConvertTo-AwsEnv -Format Bash -Path $file
            $out | Should -BeNullOrEmpty
            Get-Mode $file | Should -Be '600'
            $script = (Get-Content $file -Raw) + "`nprintf '%s' ""`$AWS_SECRET_ACCESS_KEY"""
            ($script | bash -s) -join "`n" | Should -BeExactly $Hostile.SecretAccessKey
        }

        It 'takes a relative path from the PowerShell location, not the process''s directory' {
            $where = Join-Path $Temp 'location'
            New-Item -ItemType Directory $where | Out-Null
            [Environment]::CurrentDirectory | Should -Not -Be $where
            Push-Location $where
            try { $Hostile | ConvertTo-AwsEnv -Format Json -Path 'creds.json' }
            finally { Pop-Location }
            (Get-Content (Join-Path $where 'creds.json') -Raw | ConvertFrom-Json).AWS_SESSION_TOKEN | Should -BeExactly $Hostile.SessionToken
        }

        It 'refuses a FIFO at once without opening it, and a missing folder, writing nothing' {
            $fifo = Join-Path $Temp 'pipe.env'
            & mkfifo $fifo
            { $Hostile | ConvertTo-AwsEnv -Format Bash -Path $fifo } | Should -Throw -ErrorId "PathNotRegularFile,$Cmd"
            { $Hostile | ConvertTo-AwsEnv -Format Bash -Path (Join-Path $Temp 'no/such/dir.env') } | Should -Throw -ErrorId "OutputFileWriteFailed,$Cmd"
            Test-Path (Join-Path $Temp 'no') | Should -BeFalse
        }

        It 'leaves an existing file untouched when the values are refused' {
            $file = Join-Path $Temp 'kept.env'
            Set-Content $file 'KEEP=1'
            { $Hostile | ConvertTo-AwsEnv -Format Dotenv -Path $file } | Should -Throw -ErrorId "DotenvValueUnsafe,$Cmd"
            { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00' } | ConvertTo-AwsEnv -Path $file } | Should -Throw -ErrorId "CredentialsIncomplete,$Cmd"
            Get-Content $file | Should -Be 'KEEP=1'
            @(Get-ChildItem $Temp -Force -Filter '*.tmp').Count | Should -Be 0
        }

        It 'is a file a bash job can source after a successful exchange only' {
            Reset-TestEmulator; Register-TestProvider | Out-Null
            $arn = Register-TestRole -RoleName 'sourced'
            $file = Join-Path $Temp 'aws.env'
            $pwsh = Join-Path $PSHOME 'pwsh.dll'
            $env:SEMAPHORE_OIDC_TOKEN = New-TestToken
            try {
                & dotnet $pwsh -NoProfile -NonInteractive -Command "Import-Module '$env:SEMAPHOREOIDC_MODULE'; Invoke-SemaphoreAssumeRole -RoleArn '$arn' -Region us-east-1 | ConvertTo-AwsEnv -Format Bash -Path '$file'"
                $LASTEXITCODE | Should -Be 0
                (bash --noprofile --norc -c '. "$1" && printf %s "$AWS_ACCESS_KEY_ID"' bash $file) | Should -Match '^ASIA'
                Remove-Item $file
                & dotnet $pwsh -NoProfile -NonInteractive -Command "Import-Module '$env:SEMAPHOREOIDC_MODULE'; Invoke-SemaphoreAssumeRole -RoleArn 'arn:aws:iam::123456789012:role/nope' -Token 'x.y.z' | ConvertTo-AwsEnv -Format Bash -Path '$file'" 2>$null
                $LASTEXITCODE | Should -Not -Be 0
                Test-Path $file | Should -BeFalse
            }
            finally { Remove-Item Env:SEMAPHORE_OIDC_TOKEN -ErrorAction Ignore }
        }
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
