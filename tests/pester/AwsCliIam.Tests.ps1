#Requires -Version 7.0
# The real AWS CLI (botocore) as a second client of the emulator's IAM: AWS's own serializer builds the
# requests, AWS's own SigV4 signer signs them with the emulator's admin key pair, and AWS's own parser reads
# the answers, so the IAM wire format is checked independently of the module's client. Uses the run's emulator
# (SEMAPHOREOIDC_EMULATOR, HTTPS_PROXY, AWS_CA_BUNDLE); skipped without `aws` on PATH.

BeforeDiscovery {
    $script:NoAwsCli = -not (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'aws iam against the emulator' -Skip:$NoAwsCli {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-TestEmulator

        # Only the emulator's settings may reach the CLI: remember and replace every variable it reads.
        function script:Set-TestEnvironmentVariable([string] $Name, $Value) {
            # $null becomes '' for a .NET string argument, and AWS_PROFILE='' is not "unset": remove instead.
            if ($null -eq $Value) { Remove-Item -LiteralPath "Env:$Name" -ErrorAction SilentlyContinue }
            else { [Environment]::SetEnvironmentVariable($Name, [string]$Value) }
        }
        $script:Scratch = Join-Path ([IO.Path]::GetTempPath()) ("awscli-iam-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $Scratch | Out-Null
        # Ordinal keys: on Linux HTTPS_PROXY and https_proxy are different variables, and Python reads both.
        $settings = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
        $settings['HTTPS_PROXY'] = $Emulator.proxy
        $settings['https_proxy'] = $Emulator.proxy
        $settings['NO_PROXY'] = '127.0.0.1,localhost'
        $settings['no_proxy'] = '127.0.0.1,localhost'
        $settings['AWS_CA_BUNDLE'] = $Emulator.caBundlePath
        $settings['AWS_CONFIG_FILE'] = (Join-Path $Scratch 'config')
        $settings['AWS_SHARED_CREDENTIALS_FILE'] = (Join-Path $Scratch 'credentials')
        $settings['AWS_EC2_METADATA_DISABLED'] = 'true'
        $settings['AWS_PAGER'] = ''
        $settings['AWS_RETRY_MODE'] = 'standard'
        $settings['AWS_MAX_ATTEMPTS'] = '3'
        $settings['AWS_ACCESS_KEY_ID'] = $Emulator.adminAccessKeyId
        $settings['AWS_SECRET_ACCESS_KEY'] = $Emulator.adminSecretAccessKey
        $settings['AWS_SESSION_TOKEN'] = $null
        $settings['AWS_PROFILE'] = $null
        $settings['AWS_DEFAULT_PROFILE'] = $null
        $settings['AWS_ROLE_ARN'] = $null
        $settings['AWS_WEB_IDENTITY_TOKEN_FILE'] = $null
        # CLI v1 fetches any parameter that looks like a URL (--url, --client-id-list https://...) and sends the
        # page instead; cli_follow_urlparam = false makes it send the URL itself, as v2 always does.
        Set-Content -LiteralPath $settings['AWS_CONFIG_FILE'] -Value "[default]`ncli_follow_urlparam = false`n" -Encoding utf8NoBOM
        # A service error exits 254 in CLI v2 and 255 in v1 (which is what Debian's awscli package installs).
        $script:ServiceErrorExitCodes = @(254, 255)
        $script:SavedEnv = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::Ordinal)
        foreach ($name in $settings.Keys) {
            $script:SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
            Set-TestEnvironmentVariable $name $settings[$name]
        }

        function script:Invoke-AwsIam {
            # Exit code, stdout and stderr of one `aws iam` call; JSON output, IAM's global endpoint.
            param([string[]] $Arguments)
            $stderrFile = Join-Path $Scratch ("stderr-" + [guid]::NewGuid().ToString('N'))
            $stdout = & aws iam @Arguments --region us-east-1 --output json 2> $stderrFile
            [pscustomobject]@{
                ExitCode = $LASTEXITCODE
                Stdout   = ($stdout -join "`n")
                Stderr   = (Get-Content -Raw -LiteralPath $stderrFile -ErrorAction SilentlyContinue) ?? ''
            }
        }

        $script:Url = 'https://cli-org.semaphoreci.com'
        $script:ProviderArn = "arn:aws:iam::$($Emulator.accountId):oidc-provider/cli-org.semaphoreci.com"
    }

    AfterAll {
        if ($script:SavedEnv) {
            foreach ($name in $script:SavedEnv.Keys) { Set-TestEnvironmentVariable $name $script:SavedEnv[$name] }
        }
        if ($script:Scratch) { Remove-Item -Recurse -Force -LiteralPath $script:Scratch -ErrorAction SilentlyContinue }
    }

    It 'create-open-id-connect-provider returns the provider ARN' {
        $r = Invoke-AwsIam @('create-open-id-connect-provider', '--url', $Url, '--client-id-list', $Url)
        $r.ExitCode | Should -Be 0 -Because $r.Stderr
        ($r.Stdout | ConvertFrom-Json).OpenIDConnectProviderArn | Should -Be $ProviderArn
    }

    It 'list-open-id-connect-providers lists it' {
        $r = Invoke-AwsIam @('list-open-id-connect-providers')
        $r.ExitCode | Should -Be 0 -Because $r.Stderr
        ($r.Stdout | ConvertFrom-Json).OpenIDConnectProviderList.Arn | Should -Contain $ProviderArn
    }

    It 'get-open-id-connect-provider describes it as IAM does (URL without https://)' {
        $r = Invoke-AwsIam @('get-open-id-connect-provider', '--open-id-connect-provider-arn', $ProviderArn)
        $r.ExitCode | Should -Be 0 -Because $r.Stderr
        $p = $r.Stdout | ConvertFrom-Json
        $p.Url | Should -Be 'cli-org.semaphoreci.com'
        @($p.ClientIDList) | Should -Be @($Url)
        @($p.ThumbprintList).Count | Should -Be 0
        # The CLI re-renders the timestamp; it must parse and be recent.
        $created = [DateTimeOffset]::Parse([string]$p.CreateDate, [Globalization.CultureInfo]::InvariantCulture)
        ([DateTimeOffset]::UtcNow - $created).TotalMinutes | Should -BeLessThan 5
    }

    It 'the module sees the provider the CLI created' {
        $p = Get-SemaphoreOidcProvider -Organization 'cli-org'
        $p.Arn | Should -Be $ProviderArn
        $p.ClientIds | Should -Be @($Url)
    }

    It 'a second create is EntityAlreadyExists (exit code 254, v1: 255)' {
        $r = Invoke-AwsIam @('create-open-id-connect-provider', '--url', $Url, '--client-id-list', $Url)
        $r.ExitCode | Should -BeIn $ServiceErrorExitCodes
        $r.Stderr | Should -Match 'EntityAlreadyExists'
        $r.Stderr | Should -Match ([regex]::Escape("Provider with url $Url already exists."))
    }

    It 'create-role and get-role round-trip the trust policy (the CLI decodes IAM''s URL-encoded document)' {
        $policy = (Invoke-EmulatorAdmin POST '/admin/trust-policy' @{ org = 'cli-org'; subject = 'org:cli-org:*' }).policy
        $file = Join-Path $Scratch 'trust.json'
        # Pretty-printed on purpose: white space is not part of IAM's size, and the JSON must survive encoding.
        Set-Content -LiteralPath $file -Value ($policy | ConvertFrom-Json | ConvertTo-Json -Depth 20) -Encoding utf8NoBOM

        $created = Invoke-AwsIam @('create-role', '--role-name', 'x', '--assume-role-policy-document', "file://$file", '--max-session-duration', '7200')
        $created.ExitCode | Should -Be 0 -Because $created.Stderr
        ($created.Stdout | ConvertFrom-Json).Role.Arn | Should -Be "arn:aws:iam::$($Emulator.accountId):role/x"

        $r = Invoke-AwsIam @('get-role', '--role-name', 'x')
        $r.ExitCode | Should -Be 0 -Because $r.Stderr
        $role = ($r.Stdout | ConvertFrom-Json).Role
        $role.RoleName | Should -Be 'x'
        $role.RoleId | Should -Match '^AROA[A-Z0-9]{17}$'
        $role.Path | Should -Be '/'
        $role.MaxSessionDuration | Should -Be 7200
        # botocore URL-decodes and parses the document into an object: compare it as JSON, not as text.
        $role.AssumeRolePolicyDocument | ConvertTo-Json -Depth 20 -Compress |
            Should -Be ($policy | ConvertFrom-Json | ConvertTo-Json -Depth 20 -Compress)
    }

    It 'get-account-summary shows the trust-policy size quota and the counts' {
        $r = Invoke-AwsIam @('get-account-summary')
        $r.ExitCode | Should -Be 0 -Because $r.Stderr
        $map = ($r.Stdout | ConvertFrom-Json).SummaryMap
        $map.AssumeRolePolicySizeQuota | Should -Be 2048
        $map.Roles | Should -Be 1
        $map.OpenIDConnectProviders | Should -Be 1
    }

    It 'get-role of a missing role is NoSuchEntity (exit code 254, v1: 255)' {
        $r = Invoke-AwsIam @('get-role', '--role-name', 'missing-role')
        $r.ExitCode | Should -BeIn $ServiceErrorExitCodes
        $r.Stderr | Should -Match 'NoSuchEntity'
        $r.Stderr | Should -Match 'The role with name missing-role cannot be found.'
    }

    It 'a wrong secret is SignatureDoesNotMatch' {
        $env:AWS_SECRET_ACCESS_KEY = 'x' * 40
        try { $r = Invoke-AwsIam @('list-open-id-connect-providers') }
        finally { $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey }
        $r.ExitCode | Should -BeIn $ServiceErrorExitCodes
        $r.Stderr | Should -Match 'SignatureDoesNotMatch'
    }

    It 'delete-open-id-connect-provider removes it' {
        $r = Invoke-AwsIam @('delete-open-id-connect-provider', '--open-id-connect-provider-arn', $ProviderArn)
        $r.ExitCode | Should -Be 0 -Because $r.Stderr
        $list = Invoke-AwsIam @('list-open-id-connect-providers')
        @(($list.Stdout | ConvertFrom-Json).OpenIDConnectProviderList).Count | Should -Be 0
    }
}
