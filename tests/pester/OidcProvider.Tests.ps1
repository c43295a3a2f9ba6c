# New-/Get-/Remove-SemaphoreOidcProvider against the run's emulator: real IAM calls to iam.amazonaws.com through
# HTTPS_PROXY, signed with the emulator's admin key pair taken from the default credential chain (environment).
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:NewCmd = 'SemaphoreOidc.Commands.NewSemaphoreOidcProviderCommand'
    $script:GetCmd = 'SemaphoreOidc.Commands.GetSemaphoreOidcProviderCommand'
    $script:RemoveCmd = 'SemaphoreOidc.Commands.RemoveSemaphoreOidcProviderCommand'

    # IAM needs credentials; the emulator knows its admin pair. Files run in one process: put everything back after.
    $script:SavedEnv = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION') {
        $script:SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction Ignore
    $env:AWS_REGION = 'eu-west-1' # IAM is global: any aws-partition region signs for us-east-1

    function script:Get-IamRequests([string] $Action) {
        # Invoke-RestMethod hands a JSON array down the pipeline as ONE object: unroll it before filtering,
        # else Where-Object passes the whole log whenever any entry matches.
        $log = Invoke-EmulatorAdmin GET '/admin/requests'
        @($log | ForEach-Object { $_ } | Where-Object { $_.service -eq 'iam' -and (-not $Action -or $_.action -eq $Action) })
    }
    function script:Get-ProviderArn([string] $HostAndPath) { "arn:aws:iam::$($AccountId):oidc-provider/$HostAndPath" }
}

AfterAll {
    foreach ($name in $script:SavedEnv.Keys) {
        if ($null -eq $script:SavedEnv[$name]) { Remove-Item "Env:$name" -ErrorAction Ignore }
        else { [Environment]::SetEnvironmentVariable($name, $script:SavedEnv[$name]) }
    }
}

Describe 'New-SemaphoreOidcProvider' {
    BeforeEach { Reset-TestEmulator }

    It 'creates the provider for -Organization with the issuer URL as its audience' {
        $p = New-SemaphoreOidcProvider -Organization 'my-org'
        $p.GetType().FullName | Should -Be 'SemaphoreOidc.Providers.SemaphoreOidcProvider'
        $p.Arn | Should -Be (Get-ProviderArn 'my-org.semaphoreci.com')
        $p.Url | Should -Be 'my-org.semaphoreci.com'
        $p.Issuer | Should -Be 'https://my-org.semaphoreci.com'
        $p.ClientIds | Should -Be @('https://my-org.semaphoreci.com')
        $p.Thumbprints | Should -BeNullOrEmpty
        $p.Created | Should -BeTrue
        $p.CreateDate.Kind | Should -Be 'Utc'
        (Get-IamRequests 'CreateOpenIDConnectProvider').Count | Should -Be 1
    }

    It 'a second call returns the same provider, without an error or a write' {
        $first = New-SemaphoreOidcProvider -Organization 'my-org'
        $second = New-SemaphoreOidcProvider -Organization 'my-org' -ErrorVariable err
        $err | Should -BeNullOrEmpty
        $second.Arn | Should -Be $first.Arn
        $second.Created | Should -BeFalse
        (Get-IamRequests 'CreateOpenIDConnectProvider').Count | Should -Be 1
        (Get-IamRequests 'AddClientIDToOpenIDConnectProvider').Count | Should -Be 0
    }

    It 'adds a missing audience to an existing provider; -WhatIf adds nothing' {
        New-SemaphoreOidcProvider -Organization 'my-org' | Out-Null
        $audiences = 'https://my-org.semaphoreci.com', 'sts.amazonaws.com'

        $whatIf = New-SemaphoreOidcProvider -Organization 'my-org' -Audience $audiences -WhatIf
        $whatIf.ClientIds | Should -Be @('https://my-org.semaphoreci.com')
        (Get-IamRequests 'AddClientIDToOpenIDConnectProvider').Count | Should -Be 0

        $p = New-SemaphoreOidcProvider -Organization 'my-org' -Audience $audiences -Confirm:$false
        $p.AddedClientIds | Should -Be @('sts.amazonaws.com')
        $p.ClientIds | Should -Be $audiences
        (Get-IamRequests 'AddClientIDToOpenIDConnectProvider').Count | Should -Be 1
        (Get-SemaphoreOidcProvider -Organization 'my-org').ClientIds | Should -Be $audiences
    }

    It '-WhatIf creates nothing' {
        New-SemaphoreOidcProvider -Organization 'my-org' -WhatIf | Should -BeNullOrEmpty
        (Get-IamRequests 'CreateOpenIDConnectProvider').Count | Should -Be 0
        @(Get-SemaphoreOidcProvider).Count | Should -Be 0
    }

    It '-IssuerUrl <Url> is IssuerUrlInvalid and nothing is sent to IAM' -ForEach @(
        @{ Url = 'http://my-org.semaphoreci.com' }
        @{ Url = 'https://my-org.semaphoreci.com/' }
        @{ Url = 'https://my-org.semaphoreci.com:8443' }
        @{ Url = 'https://my-org.semaphoreci.com?tenant=1' }
    ) {
        { New-SemaphoreOidcProvider -IssuerUrl $Url } | Should -Throw -ErrorId "IssuerUrlInvalid,$NewCmd"
        (Get-IamRequests).Count | Should -Be 0
    }

    It 'an invalid -Organization is OrganizationInvalid' {
        { New-SemaphoreOidcProvider -Organization 'My Org!' } | Should -Throw -ErrorId "OrganizationInvalid,$NewCmd"
        (Get-IamRequests).Count | Should -Be 0
    }

    It 'a self-hosted -IssuerUrl becomes the provider URL and the audience' {
        $issuer = (Invoke-EmulatorAdmin POST '/admin/issuers' @{ host = 'semaphore.example.com' }).issuerUrl
        $p = New-SemaphoreOidcProvider -IssuerUrl $issuer
        $p.Arn | Should -Be (Get-ProviderArn 'semaphore.example.com')
        $p.ClientIds | Should -Be @($issuer)
    }

    It '-ComputeThumbprint stores what openssl computes for the top intermediate the issuer serves' -Skip:(-not (Get-Command openssl -ErrorAction Ignore)) {
        $fingerprint = & openssl x509 -fingerprint -sha1 -noout -in $Emulator.intermediateCertificatePath
        $LASTEXITCODE | Should -Be 0
        $expected = ($fingerprint -split '=', 2)[1].Replace(':', '').ToLowerInvariant()
        $expected | Should -Match '^[0-9a-f]{40}$'

        $p = New-SemaphoreOidcProvider -Organization 'thumb-org' -ComputeThumbprint
        $p.Thumbprints | Should -Be @($expected)
    }

    It 'computes the thumbprint by itself when IAM answers that it needs one' -Skip:(-not (Get-Command openssl -ErrorAction Ignore)) {
        $fingerprint = & openssl x509 -fingerprint -sha1 -noout -in $Emulator.intermediateCertificatePath
        $expected = ($fingerprint -split '=', 2)[1].Replace(':', '').ToLowerInvariant()
        Invoke-EmulatorAdmin POST '/admin/account' @{ requireProviderThumbprints = $true } | Out-Null
        try {
            $before = (Get-IamRequests 'CreateOpenIDConnectProvider').Count
            $p = New-SemaphoreOidcProvider -Organization 'legacy-org'
            $p.Thumbprints | Should -Be @($expected)
            $creates = @(Get-IamRequests 'CreateOpenIDConnectProvider' | Select-Object -Skip $before)
            $creates.Count | Should -Be 2
            $creates[0].errorCode | Should -Be 'InvalidInput' -Because 'the first try asks without a thumbprint'
            $creates[1].status | Should -Be 200
        }
        finally { Invoke-EmulatorAdmin POST '/admin/account' @{ requireProviderThumbprints = $false } | Out-Null }
    }

    It '-Thumbprint and -Tag reach IAM' {
        $p = New-SemaphoreOidcProvider -Organization 'tagged-org' -Thumbprint ('AB' * 20) -Tag @{ team = 'platform'; env = 'prod' }
        $p.Thumbprints | Should -Be @('ab' * 20)
        $p.Tags['team'] | Should -Be 'platform'
        $p.Tags['env'] | Should -Be 'prod'
        (Get-SemaphoreOidcProvider -Arn $p.Arn).Tags.Count | Should -Be 2
    }

    It 'shows no secret with -Verbose -Debug, on success or on a refused signature' {
        $text = Get-AllOutputText { New-SemaphoreOidcProvider -Organization 'hygiene-org' -Verbose -Debug -Confirm:$false }
        $text | Should -Match 'CreateOpenIDConnectProvider' -Because 'the verbose stream was captured'
        $text.Contains($Emulator.adminSecretAccessKey) | Should -BeFalse

        # Another first character, whatever the random key starts with ('w' + the rest was the key itself 1 time in 60-odd).
        $wrong = $(if ($Emulator.adminSecretAccessKey[0] -eq 'w') { 'x' } else { 'w' }) + $Emulator.adminSecretAccessKey.Substring(1)
        $env:AWS_SECRET_ACCESS_KEY = $wrong
        try {
            $failed = Get-AllOutputText { New-SemaphoreOidcProvider -Organization 'hygiene-org2' -Verbose -Debug -Confirm:$false }
        }
        finally { $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey }
        $failed | Should -Match 'SignatureDoesNotMatch'
        $failed.Contains($wrong) | Should -BeFalse
        $failed.Contains($Emulator.adminSecretAccessKey) | Should -BeFalse
    }
}

Describe 'Get-SemaphoreOidcProvider' {
    BeforeAll {
        Reset-TestEmulator
        $script:A = New-SemaphoreOidcProvider -Organization 'org-a'
        $script:B = New-SemaphoreOidcProvider -Organization 'org-b'
    }

    It 'lists every provider' {
        $all = @(Get-SemaphoreOidcProvider)
        $all.Count | Should -Be 2
        $all.Arn | Sort-Object | Should -Be @($A.Arn, $B.Arn | Sort-Object)
    }

    It 'finds by -Organization, -IssuerUrl and -Arn' {
        (Get-SemaphoreOidcProvider -Organization 'org-a').Arn | Should -Be $A.Arn
        (Get-SemaphoreOidcProvider -IssuerUrl 'https://org-b.semaphoreci.com').Arn | Should -Be $B.Arn
        $byArn = Get-SemaphoreOidcProvider -Arn $B.Arn
        $byArn.Url | Should -Be 'org-b.semaphoreci.com'
        $byArn.ClientIds | Should -Be @('https://org-b.semaphoreci.com')
    }

    It 'an organisation without a provider is ProviderNotFound (non-terminating)' {
        $found = Get-SemaphoreOidcProvider -Organization 'absent-org' -ErrorVariable err -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "ProviderNotFound,$GetCmd"
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'https://absent-org.semaphoreci.com'
    }

    It 'an unknown -Arn is IAM''s NoSuchEntity' {
        { Get-SemaphoreOidcProvider -Arn (Get-ProviderArn 'absent-org.semaphoreci.com') } | Should -Throw -ErrorId "IamNoSuchEntity,$GetCmd"
    }
}

Describe 'Remove-SemaphoreOidcProvider' {
    BeforeEach {
        Reset-TestEmulator
        $script:P = New-SemaphoreOidcProvider -Organization 'doomed-org'
    }

    It 'removes what Get-SemaphoreOidcProvider finds, through the pipeline' {
        Get-SemaphoreOidcProvider -Organization 'doomed-org' | Remove-SemaphoreOidcProvider -Confirm:$false
        (Get-IamRequests 'DeleteOpenIDConnectProvider').Count | Should -Be 1
        @(Get-SemaphoreOidcProvider).Count | Should -Be 0
    }

    It '-WhatIf removes nothing' {
        Remove-SemaphoreOidcProvider -Arn $P.Arn -WhatIf
        (Get-IamRequests 'DeleteOpenIDConnectProvider').Count | Should -Be 0
        (Get-SemaphoreOidcProvider -Arn $P.Arn).Arn | Should -Be $P.Arn
    }

    It 'a malformed ARN is ProviderArnInvalid and does not stop the rest of the pipeline' {
        $bad = "arn:aws:iam::$($AccountId):role/not-a-provider"
        $bad, $P.Arn | Remove-SemaphoreOidcProvider -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "ProviderArnInvalid,$RemoveCmd"
        $err[0].TargetObject | Should -Be $bad
        (Get-IamRequests 'DeleteOpenIDConnectProvider').Count | Should -Be 1
        @(Get-SemaphoreOidcProvider).Count | Should -Be 0
    }
}

Describe 'STS trusts what New-SemaphoreOidcProvider created' {
    BeforeAll {
        Reset-TestEmulator
        $script:RoleArn = Register-TestRole -RoleName 'deploy'
        $script:Token = New-TestToken @{ organization = 'my-org' }
    }

    It 'refuses the token before the provider exists and exchanges it after' {
        { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Token $Token -MaxAttempts 1 } | Should -Throw
        New-SemaphoreOidcProvider -Organization 'my-org' | Out-Null
        $c = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Token $Token
        $c.AccessKeyId | Should -Match '^ASIA[A-Z0-9]{16}$'
        $c.Provider | Should -Be 'https://my-org.semaphoreci.com'
        $c.Audience | Should -Be 'https://my-org.semaphoreci.com'
    }

    It 'refuses the token again once the provider is removed' {
        Get-SemaphoreOidcProvider -Organization 'my-org' | Remove-SemaphoreOidcProvider -Confirm:$false
        { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Token $Token -MaxAttempts 1 } | Should -Throw
    }
}
