# The pipelines the README and about_SemaphoreOidc promise, run as users write them: each output binds into the next command by value or
# by property name, with no Select-Object or ForEach-Object in between.
BeforeDiscovery {
    # -Skip is decided at discovery, before BeforeAll runs. The emulator's IAM (from the IAM branch) announces the
    # credentials it accepts; without them only what needs no IAM is tested.
    $emulatorInfo = $env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json
    $script:HasIam = [bool]($emulatorInfo.PSObject.Properties['adminAccessKeyId'] -and $emulatorInfo.adminAccessKeyId)
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574'
    $script:MainSubject = "org:pipe-org:project:$($ProjectId):repo:web:ref_type:branch:ref:refs/heads/main"

    $script:Variables = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION',
        'AWS_CREDENTIAL_EXPIRATION', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME', 'SEMAPHORE_OIDC_TOKEN'
    $script:Saved = @{}
    foreach ($name in $Variables) { $Saved[$name] = [Environment]::GetEnvironmentVariable($name) }
}

AfterAll {
    foreach ($pair in $Saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
}

Describe 'Invoke-SemaphoreAssumeRole | Set-AwsEnv' {
    BeforeAll {
        Register-TestProvider -Organization 'pipe-org' | Out-Null
        $script:RoleArn = Register-TestRole -RoleName "pipe-$([guid]::NewGuid().ToString('N').Substring(0, 8))" -Organization 'pipe-org' -Subject 'org:pipe-org:*'
    }

    BeforeEach {
        foreach ($name in $Variables) { [Environment]::SetEnvironmentVariable($name, $null) }
        $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'pipe-org'; projectId = $ProjectId }
    }

    It 'makes the exchanged credentials the process environment, bound by property name' {
        $result = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region eu-central-1 | Set-AwsEnv -PassThru
        $env:AWS_ACCESS_KEY_ID | Should -BeExactly $result.AccessKeyId
        $env:AWS_ACCESS_KEY_ID | Should -Match '^ASIA'
        $env:AWS_SECRET_ACCESS_KEY | Should -BeExactly $result.SecretAccessKey
        $env:AWS_SESSION_TOKEN | Should -BeExactly $result.SessionToken
        $env:AWS_REGION | Should -Be 'eu-central-1'
    }

    It 'binds RoleArn, WebIdentityToken and RoleSessionName into Set-AwsEnv -WebIdentity' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) "pipe-token-$([guid]::NewGuid().ToString('N'))"
        try {
            Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region eu-central-1 -SessionName 'pipe-session' | Set-AwsEnv -WebIdentity -TokenDirectory $folder
            $env:AWS_ROLE_ARN | Should -Be $RoleArn
            $env:AWS_ROLE_SESSION_NAME | Should -Be 'pipe-session'
            Get-Content $env:AWS_WEB_IDENTITY_TOKEN_FILE -Raw | Should -BeExactly $env:SEMAPHORE_OIDC_TOKEN
        }
        finally { Remove-Item $folder -Recurse -Force -ErrorAction Ignore }
    }

    It 'binds the same object into ConvertTo-AwsEnv' {
        $result = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Region eu-central-1
        $json = $result | ConvertTo-AwsEnv -Format CredentialProcess | ConvertFrom-Json
        $json.AccessKeyId | Should -BeExactly $result.AccessKeyId
        $json.SessionToken | Should -BeExactly $result.SessionToken
    }
}

Describe 'New-SemaphoreTrustPolicy | Test-SemaphoreTrustPolicy' {
    BeforeAll {
        $script:Policy = New-SemaphoreTrustPolicy -Organization pipe-org -AccountId 123456789012 -ProjectId $ProjectId -Branch main
    }

    It 'admits the subject the policy was built for' {
        $decision = New-SemaphoreTrustPolicy -Organization pipe-org -AccountId 123456789012 -ProjectId $ProjectId -Branch main |
            Test-SemaphoreTrustPolicy -Subject $MainSubject
        $decision.Decision | Should -Be 'Allowed'
        $decision.Subject | Should -Be $MainSubject
    }

    It 'refuses another branch, naming the condition' {
        $decision = $Policy | Test-SemaphoreTrustPolicy -Subject ($MainSubject -replace 'main$', 'dev')
        $decision.Decision | Should -Be 'ImplicitDeny'
        $decision.Statements[0].Reason | Should -Match 'sub'
    }

    It 'reviews the piped policy when given nothing else' {
        $findings = New-SemaphoreTrustPolicy -Organization pipe-org -AccountId 123456789012 -Subject 'org:pipe-org:*' -AllowBroad -WarningAction SilentlyContinue |
            Test-SemaphoreTrustPolicy
        $findings.Id | Should -Contain 'SubjectAdmitsAnyProject'
    }
}

Describe 'Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy -Policy' {
    It 'the token object binds as the claims: <Ref> is <Expected>' -ForEach @(
        @{ Ref = 'refs/heads/main'; Expected = 'Allowed' }
        @{ Ref = 'refs/heads/feature'; Expected = 'ImplicitDeny' }
    ) {
        $policy = New-SemaphoreTrustPolicy -Organization pipe-org -AccountId 123456789012 -ProjectId $ProjectId -Branch main
        $token = New-TestToken @{ organization = 'pipe-org'; projectId = $ProjectId; ref = $Ref }
        $decision = Get-SemaphoreOidcToken -Token $token | Test-SemaphoreTrustPolicy -Policy $policy
        $decision.Decision | Should -Be $Expected
        $decision.Subject | Should -Be (Get-SemaphoreOidcToken -Token $token).Subject
        $decision.Issuer | Should -Be 'https://pipe-org.semaphoreci.com'
    }

    It 'the job''s own token from the environment' {
        $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'pipe-org'; projectId = $ProjectId }
        $policy = New-SemaphoreTrustPolicy -Organization pipe-org -AccountId 123456789012 -ProjectId $ProjectId -Branch main
        (Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy -Policy $policy).Decision | Should -Be 'Allowed'
    }
}

Describe 'Provider objects bind by their Arn (offline)' {
    BeforeAll {
        # The shape Get-SemaphoreOidcProvider writes; binding is by property name, so any object with Arn works.
        $script:Provider = [pscustomobject]@{ Arn = 'arn:aws:iam::210987654321:oidc-provider/pipe-org.semaphoreci.com'; Url = 'pipe-org.semaphoreci.com' }
    }

    It 'into New-SemaphoreTrustPolicy -ProviderArn' {
        $policy = $Provider | New-SemaphoreTrustPolicy -Organization pipe-org -ProjectId $ProjectId -Branch main
        $policy.Json | Should -Match ([regex]::Escape($Provider.Arn))
    }

    It 'into Remove-SemaphoreOidcProvider -WhatIf, which names it and calls nothing' {
        $before = @(Get-TestRequests).Count
        $text = Get-AllOutputText { $Provider | Remove-SemaphoreOidcProvider -WhatIf }
        $text | Should -Match ([regex]::Escape($Provider.Arn))
        @(Get-TestRequests).Count | Should -Be $before -Because '-WhatIf must not reach IAM'
    }
}

Describe 'Pipelines through IAM' -Skip:(-not $HasIam) {
    BeforeAll {
        $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
        Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction Ignore
        $env:AWS_REGION = 'us-east-1'
    }

    It 'New-SemaphoreTrustPolicy ... | Set-SemaphoreRoleTrust -RoleName deploy' {
        $role = "pipe-deploy-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        Register-TestRole -RoleName $role -Organization 'pipe-org' -Subject 'org:pipe-org:project:*:repo:other:*' | Out-Null
        $policy = New-SemaphoreTrustPolicy -Organization pipe-org -AccountId $AccountId -ProjectId $ProjectId -Repository web -Branch main
        $policy | Set-SemaphoreRoleTrust -RoleName $role -Confirm:$false
        $trust = Get-SemaphoreRoleTrust -RoleName $role
        $trust.SubjectPatterns | Should -Contain $MainSubject
        # Then the role's own trust policy, read back, pipes into the simulation.
        ($trust | Test-SemaphoreTrustPolicy -Subject $MainSubject).Decision | Should -Be 'Allowed'
    }

    It 'role names bind by value into Get-SemaphoreRoleTrust' {
        $role = "pipe-read-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        Register-TestRole -RoleName $role -Organization 'pipe-org' | Out-Null
        ($role | Get-SemaphoreRoleTrust).RoleName | Should -Be $role
    }

    It 'Get-SemaphoreOidcProvider | Remove-SemaphoreOidcProvider' {
        $arn = Register-TestProvider -Organization 'pipe-remove-org'
        Get-SemaphoreOidcProvider -Organization 'pipe-remove-org' | Remove-SemaphoreOidcProvider -Confirm:$false
        (Get-SemaphoreOidcProvider).Arn | Should -Not -Contain $arn
    }
}
