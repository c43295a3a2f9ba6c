BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Cmd = 'SemaphoreOidc.Commands.SetAwsEnvCommand'
    $script:Names = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CREDENTIAL_EXPIRATION',
        'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_PROFILE'
    # Not named Clear-AwsEnv: that is a command of the module.
    function Reset-AwsVariables { foreach ($n in $Names) { Remove-Item "Env:$n" -ErrorAction Ignore } }
    function Get-Mode([string] $Path) { (& stat -c '%a' $Path).Trim() }
    function Get-Pwsh { $dll = Join-Path $PSHOME 'pwsh.dll'; if (Test-Path $dll) { 'dotnet', $dll } else { , (Get-Process -Id $PID).Path } }
    # Every file under a folder with its content, to show that a refused command changed nothing on disk.
    function Get-Tree([string] $Path) {
        @(Get-ChildItem $Path -Recurse -Force -File -ErrorAction Ignore | Sort-Object FullName | ForEach-Object { "$($_.FullName)=$(Get-Content $_.FullName -Raw)" }) -join "`n"
    }
    # The sections of an INI file as name -> (key -> value).
    function Read-Ini([string] $Path) {
        $sections = @{}; $current = $null
        foreach ($line in Get-Content $Path) {
            if ($line -match '^\[(.+)\]$') { $current = @{}; $sections[$Matches[1]] = $current }
            elseif ($current -ne $null -and $line -match '^([^=#;]+?)\s*=\s*(.*)$') { $current[$Matches[1]] = $Matches[2] }
        }
        $sections
    }
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
        Reset-AwsVariables
        Remove-Item Env:SEMAPHORE_OIDC_TOKEN, Env:SEMAPHORE_JOB_ID -ErrorAction Ignore
        Remove-Item $Temp -Recurse -Force -ErrorAction Ignore
    }
    BeforeEach { Reset-AwsVariables }

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
        It 'writes the region to the config file as aws configure does, keeping the rest of the config' {
            $file = Join-Path $Temp 'credentials-region'
            $config = Join-Path $Temp 'config-region'
            $original = "# my settings`n[profile region-test]`n# note`nregion = us-west-2`noutput = json`n`n[default]`nregion = us-east-1`n"
            Set-Content $config $original -NoNewline
            $env:AWS_SHARED_CREDENTIALS_FILE = $file
            $env:AWS_CONFIG_FILE = $config
            [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 's'; SessionToken = 't'; Region = 'eu-north-1' } | Set-AwsEnv -ProfileName 'region-test'
            Get-Content $config -Raw | Should -BeExactly $original.Replace('region = us-west-2', 'region = eu-north-1')
            Get-Mode $config | Should -Be '600'
            (Read-Ini $file)['region-test'].ContainsKey('region') | Should -BeFalse
        }

        It 'gives the aws CLI the profile''s keys and region' -Skip:(-not (Get-Command aws -ErrorAction Ignore)) {
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $Temp 'credentials-cli-region'
            $env:AWS_CONFIG_FILE = Join-Path $Temp 'config-cli-region'
            Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region 'ap-southeast-2' | Set-AwsEnv -ProfileName 'cli-region'
            (aws configure get region --profile cli-region) | Should -Be 'ap-southeast-2'
            $identity = aws sts get-caller-identity --profile cli-region --output json | ConvertFrom-Json
            $identity.Arn | Should -BeLike '*:assumed-role/deploy/*'
        }

        It 'refuses a value with "\n[section]", naming the field and not the file, and changes neither file' {
            $file = Join-Path $Temp 'credentials-value'
            $config = Join-Path $Temp 'config-value'
            Set-Content $file "[keep]`naws_access_key_id = AKIAKEEP`naws_secret_access_key = keep`n" -NoNewline
            Set-Content $config "[profile x]`noutput = json`n" -NoNewline
            $env:AWS_SHARED_CREDENTIALS_FILE = $file
            $env:AWS_CONFIG_FILE = $config
            $before = Get-Tree $Temp
            $bad = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = "wJalrSECRET`n[evil]`nrole_arn = arn:aws:iam::1:role/x"; SessionToken = 't'; Region = 'eu-west-1' }
            $err = { $bad | Set-AwsEnv -ProfileName 'x' } | Should -Throw -ErrorId "CredentialValueInvalid,$Cmd" -PassThru
            $err.Exception.Message | Should -Match 'SecretAccessKey value holds a line break'
            $err.Exception.Message | Should -Not -Match ([regex]::Escape($file))
            $err.TargetObject | Should -Be 'SecretAccessKey'
            (Get-AllOutputText { $bad | Set-AwsEnv -ProfileName 'x' }) | Should -Not -Match 'wJalrSECRET'
            Get-Tree $Temp | Should -BeExactly $before
        }

        It 'refuses a credentials path that is a FIFO at once, without opening it' {
            $fifo = Join-Path $Temp 'credentials-fifo'
            & mkfifo $fifo
            $env:AWS_SHARED_CREDENTIALS_FILE = $fifo
            { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 's' } | Set-AwsEnv -ProfileName 'p' } |
                Should -Throw -ErrorId "PathNotRegularFile,$Cmd"
        }

        It 'refuses to write unprotected when the runtime''s file locking is switched off' {
            $file = Join-Path $Temp 'credentials-nolock'
            Set-Content $file "[keep]`naws_access_key_id = AKIAKEEP`naws_secret_access_key = keep`n" -NoNewline
            $pwsh = Get-Pwsh
            $script = "Import-Module '$env:SEMAPHOREOIDC_MODULE'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$file'; " +
                "try { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = 's' } | Set-AwsEnv -ProfileName p -ErrorAction Stop; 'written' } catch { `$_.FullyQualifiedErrorId }"
            $env:DOTNET_SYSTEM_IO_DISABLEFILELOCKING = '1'
            try { $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script }
            finally { Remove-Item Env:DOTNET_SYSTEM_IO_DISABLEFILELOCKING }
            ($out -join "`n") | Should -Match '^FileLockUnavailable,'
            Get-Content $file -Raw | Should -BeExactly "[keep]`naws_access_key_id = AKIAKEEP`naws_secret_access_key = keep`n"
        }
    }

    Context '-ProfileName with concurrent writers' {
        It '20 writer processes x 3 runs keep 60 of 60 profiles intact, owner-only' {
            $root = Join-Path $Temp 'concurrent'
            New-Item -ItemType Directory $root | Out-Null
            # Each process imports the module once, then writes its own profile in each run as soon as that run's
            # start file appears, so 20 writes start within a few milliseconds of each other, three times.
            $writer = Join-Path $root 'writer.ps1'
            Set-Content $writer @'
param([int] $Index, [string] $Root, [string] $Module)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Set-Content "$Root/ready-$Index" ''
foreach ($run in 1..3) {
    while (-not (Test-Path "$Root/go-$run")) { Start-Sleep -Milliseconds 2 }
    $env:AWS_SHARED_CREDENTIALS_FILE = "$Root/run$run/credentials"
    try {
        [pscustomobject]@{ AccessKeyId = "ASIARUN$($run)W$Index"; SecretAccessKey = "secret/$run+$Index"; SessionToken = "token$run-$Index" } |
            Set-AwsEnv -ProfileName "writer$Index"
        Set-Content "$Root/done-$run-$Index" 'ok'
    }
    catch { Set-Content "$Root/done-$run-$Index" $_.FullyQualifiedErrorId }
}
'@
            foreach ($run in 1..3) {
                New-Item -ItemType Directory "$root/run$run" | Out-Null
                Set-Content "$root/run$run/credentials" "# shared by 20 writers`n[default]`naws_access_key_id = AKIAKEEP`naws_secret_access_key = keep`n" -NoNewline
            }
            $pwsh = Get-Pwsh
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $processes = foreach ($i in 1..20) {
                $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
                foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $writer, '-Index', $i, '-Root', $root, '-Module', $env:SEMAPHOREOIDC_MODULE)) { $info.ArgumentList.Add([string]$a) }
                $info.UseShellExecute = $false
                [Diagnostics.Process]::Start($info)
            }
            try {
                $deadline = [datetime]::UtcNow.AddSeconds(120)
                while (@(Get-ChildItem $root -Filter 'ready-*').Count -lt 20 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                foreach ($run in 1..3) {
                    # A run starts when every process waits for it (module imported, previous run done).
                    Set-Content "$root/go-$run" ''
                    $deadline = [datetime]::UtcNow.AddSeconds(120)
                    while (@(Get-ChildItem $root -Filter "done-$run-*").Count -lt 20 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                }
                foreach ($p in $processes) { $p.WaitForExit(60000) | Out-Null }
            }
            finally { foreach ($p in $processes) { if (-not $p.HasExited) { $p.Kill() } } }
            Write-Host "    20 writers x 3 runs took $([math]::Round($clock.Elapsed.TotalSeconds, 1)) s"

            $intact = 0
            foreach ($run in 1..3) {
                $file = "$root/run$run/credentials"
                Get-Mode $file | Should -Be '600'
                (Get-Content $file -Raw).StartsWith("# shared by 20 writers`n[default]`naws_access_key_id = AKIAKEEP`naws_secret_access_key = keep`n") | Should -BeTrue
                $ini = Read-Ini $file
                foreach ($i in 1..20) {
                    Get-Content "$root/done-$run-$i" | Should -Be 'ok' -Because "writer $i of run $run reports success"
                    $p = $ini["writer$i"]
                    if ($p -and $p.aws_access_key_id -eq "ASIARUN$($run)W$i" -and $p.aws_secret_access_key -eq "secret/$run+$i" -and $p.aws_session_token -eq "token$run-$i") { $intact++ }
                }
                $ini.Count | Should -Be 21
                @(Get-ChildItem "$root/run$run" -Force -Filter '*.tmp').Count | Should -Be 0
            }
            $intact | Should -Be 60
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

        It 'names the token file after the job, so parallel jobs never share one' {
            Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory $Temp
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -Be (Join-Path $Temp 'token-job-77')
        }

        It 'takes a relative -TokenDirectory from the PowerShell location, not the process''s directory' {
            $where = Join-Path $Temp 'location'
            New-Item -ItemType Directory $where -Force | Out-Null
            [Environment]::CurrentDirectory | Should -Not -Be $where
            Push-Location $where
            try { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory 'tokens' }
            finally { Pop-Location }
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -Be (Join-Path $where 'tokens/token-job-77')
            Test-Path $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -BeTrue
            Get-Mode (Join-Path $where 'tokens') | Should -Be '700'
        }

        It 'refuses a -TokenDirectory that is a file or not a file-system path, writing nothing' {
            $file = Join-Path $Temp 'not-a-folder'
            Set-Content $file 'x'
            { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory $file } | Should -Throw -ErrorId "PathNotDirectory,$Cmd"
            { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory 'Env:\PATH' } | Should -Throw -ErrorId "PathInvalid,$Cmd"
            $env:AWS_ROLE_ARN | Should -BeNullOrEmpty
            Get-Content $file | Should -Be 'x'
        }

        It 'refuses a <Case> token like Invoke-SemaphoreAssumeRole does, writing nothing' -ForEach @(
            @{ Case = 'expired'; Kind = 'Expired'; Id = 'TokenExpired' }
            @{ Case = 'not-yet-valid'; Kind = 'NotYetValid'; Id = 'TokenNotYetValid' }
        ) {
            $token = New-TestToken @{ organization = 'my-org'; kind = $Kind }
            $folder = Join-Path $Temp "refused-$Kind"
            $env:AWS_ACCESS_KEY_ID = 'before'
            $err = { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -WebIdentityToken $token -TokenDirectory $folder } | Should -Throw -ErrorId "$Id,$Cmd" -PassThru
            $err.Exception.Message | Should -Not -Match ([regex]::Escape($token.Split('.')[1]))
            { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Token $token -Region us-east-1 } | Should -Throw -ErrorId "$Id,SemaphoreOidc.Commands.InvokeSemaphoreAssumeRoleCommand"
            Test-Path $folder | Should -BeFalse
            $env:AWS_ACCESS_KEY_ID | Should -Be 'before'
            $env:AWS_ROLE_ARN | Should -BeNullOrEmpty
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -BeNullOrEmpty
        }

        It 'says which parameter is missing or empty, never -Token' {
            $missing = { Set-AwsEnv -WebIdentity -TokenDirectory $Temp } | Should -Throw -ErrorId "RoleArnMissing,$Cmd" -PassThru
            $missing.Exception.Message | Should -Match '-RoleArn'
            $missing.Exception.Message | Should -Not -Match "''"
            $empty = { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -WebIdentityToken '' -TokenDirectory $Temp } | Should -Throw -ErrorId "TokenMissing,$Cmd" -PassThru
            $empty.Exception.Message | Should -Match '-WebIdentityToken'
            $saved = $env:SEMAPHORE_OIDC_TOKEN
            Remove-Item Env:SEMAPHORE_OIDC_TOKEN
            try { $none = { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory $Temp } | Should -Throw -ErrorId "TokenMissing,$Cmd" -PassThru }
            finally { $env:SEMAPHORE_OIDC_TOKEN = $saved }
            $none.Exception.Message | Should -Match 'SEMAPHORE_OIDC_TOKEN'
            foreach ($e in $missing, $empty, $none) { $e.Exception.Message | Should -Not -Match '-Token\b' }
        }

        It 'keeps the token out of every stream and error' {
            $expired = New-TestToken @{ organization = 'my-org'; kind = 'Expired' }
            foreach ($block in { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory $Temp -Verbose -Debug },
                { Set-AwsEnv -WebIdentity -RoleArn $RoleArn -WebIdentityToken $expired -TokenDirectory $Temp -Verbose },
                { Set-AwsEnv -WebIdentity -TokenDirectory $Temp -Verbose },
                { Clear-AwsEnv -WebIdentity -TokenDirectory $Temp -Verbose -Debug }) {
                $text = Get-AllOutputText $block
                $text | Should -Not -Match ([regex]::Escape($env:SEMAPHORE_OIDC_TOKEN.Split('.')[1]))
                $text | Should -Not -Match ([regex]::Escape($expired.Split('.')[1]))
            }
        }
    }

    Context 'Clear-AwsEnv -WebIdentity' {
        BeforeEach { $script:Folder = Join-Path $Temp "clear-$([guid]::NewGuid().ToString('N'))" }

        It 'removes the token file and the three variables, and nothing else' {
            $env:AWS_REGION = 'eu-west-1'
            Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory $Folder -Region 'eu-west-1'
            $file = $env:AWS_WEB_IDENTITY_TOKEN_FILE
            $other = Join-Path $Folder 'token-another-job'
            Set-Content $other 'another job'
            Clear-AwsEnv -WebIdentity -TokenDirectory $Folder
            Test-Path $file | Should -BeFalse
            $env:AWS_ROLE_ARN | Should -BeNullOrEmpty
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -BeNullOrEmpty
            $env:AWS_ROLE_SESSION_NAME | Should -BeNullOrEmpty
            $env:AWS_REGION | Should -Be 'eu-west-1'
            Get-Content $other | Should -Be 'another job'
            Test-Path $Folder | Should -BeTrue
        }

        It 'finds the job''s file from a new process, as a Semaphore epilogue runs it' {
            Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory $Folder
            $file = $env:AWS_WEB_IDENTITY_TOKEN_FILE
            Reset-AwsVariables
            $pwsh = Get-Pwsh
            & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "Import-Module '$env:SEMAPHOREOIDC_MODULE'; Clear-AwsEnv -WebIdentity -TokenDirectory '$Folder'"
            $LASTEXITCODE | Should -Be 0
            Test-Path $file | Should -BeFalse
        }

        It 'leaves a token file it did not write alone, with a warning' {
            New-Item -ItemType Directory $Folder | Out-Null
            $eks = Join-Path $Folder 'eks-token'
            Set-Content $eks 'x'
            $env:AWS_WEB_IDENTITY_TOKEN_FILE = $eks
            $env:AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/eks'
            Clear-AwsEnv -WebIdentity -TokenDirectory $Folder -WarningVariable warned 3>$null
            $warned | Should -Match 'did not write'
            Test-Path $eks | Should -BeTrue
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -Be $eks
            $env:AWS_ROLE_ARN | Should -Be 'arn:aws:iam::123456789012:role/eks'
        }

        It 'changes nothing with -WhatIf, and finding nothing is not an error' {
            Set-AwsEnv -WebIdentity -RoleArn $RoleArn -TokenDirectory $Folder
            $file = $env:AWS_WEB_IDENTITY_TOKEN_FILE
            Clear-AwsEnv -WebIdentity -TokenDirectory $Folder -WhatIf
            Test-Path $file | Should -BeTrue
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -Be $file
            Clear-AwsEnv -WebIdentity -TokenDirectory $Folder
            Test-Path $file | Should -BeFalse
            $env:AWS_WEB_IDENTITY_TOKEN_FILE | Should -BeNullOrEmpty
            $out = @(Clear-AwsEnv -WebIdentity -TokenDirectory $Folder -ErrorAction Stop -ErrorVariable failed -WarningVariable warned -Verbose 3>$null 4>&1)
            $failed.Count | Should -Be 0
            $warned.Count | Should -Be 0
            $out.Count | Should -Be 1 -Because 'a second clean-up says only that there is nothing to do'
            $out[0].Message | Should -Match 'No web-identity set-up'
        }
    }
}
