#Requires -Version 7.0
# The real AWS CLI (botocore) against the emulator: AWS's own parser reads the emulator's XML and AWS's own
# SigV4 signer signs GetCallerIdentity, so this checks the emulator's wire format independently of our code.
# Needs the built emulator (dotnet build tests/SemaphoreOidc.Tests) and `aws` on PATH; skipped without `aws`.

BeforeDiscovery {
    $script:NoAwsCli = -not (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'aws CLI against the emulator' -Skip:$NoAwsCli {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../SemaphoreOidc.Emulator/EmulatorControl.psm1') -Force
        $script:Emulator = Start-TestEmulator

        # Only the emulator's settings may reach the CLI: remember and replace every variable it reads.
        function script:Set-TestEnvironmentVariable([string] $Name, $Value) {
            # PowerShell turns $null into '' for a .NET string argument, and AWS_PROFILE='' is not "unset": remove instead.
            if ($null -eq $Value) { Remove-Item -LiteralPath "Env:$Name" -ErrorAction SilentlyContinue }
            else { [Environment]::SetEnvironmentVariable($Name, [string]$Value) }
        }
        $script:SavedEnv = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
        $script:Scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("awscli-test-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:Scratch | Out-Null
        # Ordinal keys: on Linux HTTPS_PROXY and https_proxy are different variables, and Python reads both.
        $settings = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
        $settings['HTTPS_PROXY'] = $Emulator.Proxy
        $settings['https_proxy'] = $Emulator.Proxy
        $settings['NO_PROXY'] = '127.0.0.1,localhost'
        $settings['no_proxy'] = '127.0.0.1,localhost'
        $settings['AWS_CA_BUNDLE'] = $Emulator.CaBundlePath
        $settings['AWS_CONFIG_FILE'] = (Join-Path $script:Scratch 'config')
        $settings['AWS_SHARED_CREDENTIALS_FILE'] = (Join-Path $script:Scratch 'credentials')
        $settings['AWS_EC2_METADATA_DISABLED'] = 'true'
        $settings['AWS_PAGER'] = ''
        $settings['AWS_RETRY_MODE'] = 'standard'
        $settings['AWS_MAX_ATTEMPTS'] = '3'
        $settings['AWS_PROFILE'] = $null
        $settings['AWS_DEFAULT_PROFILE'] = $null
        $settings['AWS_ACCESS_KEY_ID'] = $null
        $settings['AWS_SECRET_ACCESS_KEY'] = $null
        $settings['AWS_SESSION_TOKEN'] = $null
        $settings['AWS_ROLE_ARN'] = $null
        $settings['AWS_WEB_IDENTITY_TOKEN_FILE'] = $null
        foreach ($name in $settings.Keys) {
            $script:SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
            Set-TestEnvironmentVariable $name $settings[$name]
        }

        $script:Org = 'cli-org'
        Register-TestProvider -IssuerUrl "https://$Org.semaphoreci.com" | Out-Null
        $script:RoleArn = Register-TestRole -RoleName 'cli-deploy' -Organization $Org -Subject "org:${Org}:*:ref_type:branch:ref:refs/heads/main"

        function script:Invoke-Aws {
            # Returns exit code, stdout and stderr of one aws CLI call.
            param([string[]] $Arguments)
            $stderrFile = Join-Path $script:Scratch ("stderr-" + [guid]::NewGuid().ToString('N'))
            $stdout = & aws @Arguments 2> $stderrFile
            [pscustomobject]@{
                ExitCode = $LASTEXITCODE
                Stdout   = ($stdout -join "`n")
                Stderr   = (Get-Content -Raw -LiteralPath $stderrFile -ErrorAction SilentlyContinue) ?? ''
            }
        }

        function script:Invoke-AssumeRole {
            param([string] $Token, [string] $SessionName = 's1')
            Invoke-Aws @('sts', 'assume-role-with-web-identity', '--role-arn', $script:RoleArn, '--role-session-name', $SessionName,
                '--web-identity-token', $Token, '--region', 'us-east-1', '--output', 'json')
        }
    }

    AfterAll {
        if ($script:SavedEnv) {
            foreach ($name in $script:SavedEnv.Keys) { Set-TestEnvironmentVariable $name $script:SavedEnv[$name] }
        }
        if ($script:Emulator) { Stop-TestEmulator -Emulator $script:Emulator }
        if ($script:Scratch) { Remove-Item -Recurse -Force -LiteralPath $script:Scratch -ErrorAction SilentlyContinue }
    }

    It 'assume-role-with-web-identity returns credentials the CLI can parse' {
        $token = New-TestToken @{ organization = $Org; ref = 'refs/heads/main' }
        $result = Invoke-AssumeRole -Token $token
        $result.ExitCode | Should -Be 0 -Because $result.Stderr
        $response = $result.Stdout | ConvertFrom-Json

        $response.Credentials.AccessKeyId | Should -Match '^ASIA[A-Z0-9]{16}$'
        $response.Credentials.SecretAccessKey.Length | Should -Be 40
        $response.Credentials.SessionToken | Should -Not -BeNullOrEmpty
        # The CLI re-renders the timestamp; it must parse and lie about an hour ahead.
        $expiration = [DateTimeOffset]::Parse([string]$response.Credentials.Expiration, [Globalization.CultureInfo]::InvariantCulture)
        ($expiration - [DateTimeOffset]::UtcNow).TotalMinutes | Should -BeGreaterThan 55
        $response.AssumedRoleUser.Arn | Should -Be "arn:aws:sts::$($Emulator.AccountId):assumed-role/cli-deploy/s1"
        $response.SubjectFromWebIdentityToken | Should -BeLike "org:${Org}:project:*:ref:refs/heads/main"
        $response.Audience | Should -Be "https://$Org.semaphoreci.com"

        $script:Issued = $response.Credentials
    }

    It 'a subject the trust policy does not admit is AccessDenied' {
        $token = New-TestToken @{ organization = $Org; ref = 'refs/heads/feature' }
        $result = Invoke-AssumeRole -Token $token
        $result.ExitCode | Should -BeIn @(254, 255)
        $result.Stderr | Should -Match 'AccessDenied'
        $result.Stderr | Should -Match 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    }

    It 'an expired token is ExpiredTokenException' {
        $token = New-TestToken @{ organization = $Org; kind = 'Expired' }
        $result = Invoke-AssumeRole -Token $token
        $result.ExitCode | Should -BeIn @(254, 255)
        $result.Stderr | Should -Match 'ExpiredTokenException'
    }

    It 'the CLI retries throttling and then succeeds' {
        Add-TestFault @{ kind = 'Throttling'; action = 'AssumeRoleWithWebIdentity'; count = 2 }
        $before = @(Get-TestRequests).Count
        $token = New-TestToken @{ organization = $Org }
        $result = Invoke-AssumeRole -Token $token -SessionName 'retry'
        $result.ExitCode | Should -Be 0 -Because $result.Stderr
        $calls = @(Get-TestRequests) | Select-Object -Skip $before | Where-Object action -EQ 'AssumeRoleWithWebIdentity'
        @($calls).Count | Should -Be 3
        @($calls | Where-Object errorCode -EQ 'Throttling').Count | Should -Be 2
    }

    It 'get-caller-identity with the issued credentials names the assumed role' {
        $script:Issued | Should -Not -BeNullOrEmpty
        $env:AWS_ACCESS_KEY_ID = $Issued.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $Issued.SecretAccessKey
        $env:AWS_SESSION_TOKEN = $Issued.SessionToken
        try {
            $result = Invoke-Aws @('sts', 'get-caller-identity', '--region', 'us-east-1', '--output', 'json')
            $result.ExitCode | Should -Be 0 -Because $result.Stderr
            $identity = $result.Stdout | ConvertFrom-Json
            $identity.Arn | Should -Be "arn:aws:sts::$($Emulator.AccountId):assumed-role/cli-deploy/s1"
            $identity.Account | Should -Be $Emulator.AccountId

            # A wrong secret must fail SigV4 verification, as AWS would.
            $env:AWS_SECRET_ACCESS_KEY = 'x' * 40
            $bad = Invoke-Aws @('sts', 'get-caller-identity', '--region', 'us-east-1', '--output', 'json')
            $bad.ExitCode | Should -BeIn @(254, 255)
            $bad.Stderr | Should -Match 'SignatureDoesNotMatch'
        }
        finally {
            $env:AWS_ACCESS_KEY_ID = $null
            $env:AWS_SECRET_ACCESS_KEY = $null
            $env:AWS_SESSION_TOKEN = $null
        }
    }
}
