# New-SemaphoreTrustPolicy and Test-SemaphoreTrustPolicy work offline: no emulator, so no Common.ps1.
BeforeAll {
    $ErrorActionPreference = 'Stop'
    if (-not $env:SEMAPHOREOIDC_MODULE) { throw 'Run the tests through ./build.ps1 -Task Test (SEMAPHOREOIDC_MODULE is not set).' }
    Import-Module $env:SEMAPHOREOIDC_MODULE -Force

    $script:New = 'SemaphoreOidc.Commands.NewSemaphoreTrustPolicyCommand'
    $script:Test = 'SemaphoreOidc.Commands.TestSemaphoreTrustPolicyCommand'
    $script:Project = '936a5312-a3b8-4921-8b3f-2cec8baac574'
    $script:Issuer = 'https://my-org.semaphoreci.com'
    $script:Main = "org:my-org:project:$($Project):repo:web:ref_type:branch:ref:refs/heads/main"
    $script:Base = @{ Organization = 'my-org'; AccountId = '123456789012' }

    function Get-SubjectFor([string] $Branch, [string] $Repo = 'web', [string] $Org = 'my-org') {
        "org:$($Org):project:$($Project):repo:$($Repo):ref_type:branch:ref:refs/heads/$Branch"
    }

    # An unsigned JWT with Semaphore's claims: Test-SemaphoreTrustPolicy decodes tokens, it does not verify them.
    function New-UnsignedToken([hashtable] $Claims) {
        $encode = { param($o) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($o | ConvertTo-Json -Compress))).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        (& $encode @{ alg = 'RS256'; kid = 'k1'; typ = 'JWT' }) + '.' + (& $encode $Claims) + '.c2ln'
    }
}

Describe 'New-SemaphoreTrustPolicy' {
    It 'builds the policy of Semaphore''s first example' {
        $p = New-SemaphoreTrustPolicy @Base -ProjectId $Project -Repository web -Branch main
        $doc = $p.Json | ConvertFrom-Json
        $doc.Version | Should -Be '2012-10-17'
        $s = @($doc.Statement)
        $s.Count | Should -Be 1
        $s[0].Principal.Federated | Should -Be 'arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com'
        $s[0].Action | Should -Be 'sts:AssumeRoleWithWebIdentity'
        $s[0].Condition.StringEquals.'my-org.semaphoreci.com:aud' | Should -Be $Issuer
        $s[0].Condition.StringEquals.'my-org.semaphoreci.com:sub' | Should -Be $Main
        $p.SubjectPatterns | Should -Be @($Main)
        $p.Size | Should -Be (($p.Json -replace '\s', '').Length)
        $p.ToJson($false) | Should -Not -Match '\s'
        $p.Statements.Count | Should -Be 1
    }

    It 'puts wildcard branches under StringLike' {
        $p = New-SemaphoreTrustPolicy @Base -ProjectId $Project -Repository web -Branch 'release/*'
        (($p.Json | ConvertFrom-Json).Statement[0].Condition.StringLike.'my-org.semaphoreci.com:sub') | Should -Be (Get-SubjectFor 'release/*')
    }

    It 'covers tags, pull requests, session tags, raw subjects and a provider ARN' {
        $arn = 'arn:aws-us-gov:iam::123456789012:oidc-provider/ci.acme.example'
        $p = New-SemaphoreTrustPolicy -Organization acme -ProviderArn $arn -ProjectId $Project -Tag 'v*' -PullRequest -AllowSessionTags `
            -Subject "org:acme:project:$($Project):repo:infra:ref_type:branch:ref:refs/heads/main"
        $p.Json | Should -Match 'ci\.acme\.example:aud'
        $p.Json | Should -Match 'refs/tags/v\*'
        $p.Json | Should -Match 'ref_type:pull-request:ref:\*'
        $p.Json | Should -Match 'sts:TagSession'
        $p.Json | Should -Match ([regex]::Escape($arn))
    }

    It 'binds ProviderArn and Issuer from a provider object' {
        $provider = [pscustomobject]@{ Arn = 'arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com'; Issuer = $Issuer }
        $p = $provider | New-SemaphoreTrustPolicy -Organization my-org -ProjectId $Project
        $p.Json | Should -Match 'oidc-provider/my-org\.semaphoreci\.com'
    }

    It 'escapes a literal $ in a branch' {
        $p = New-SemaphoreTrustPolicy @Base -ProjectId $Project -Repository web -Branch 'feat/$x'
        $p.SubjectPatterns[0] | Should -BeLike '*refs/heads/feat/${$}x'
        ($p | Test-SemaphoreTrustPolicy -Subject (Get-SubjectFor 'feat/$x')).Decision | Should -Be 'Allowed'
    }

    It 'warns over 2048 characters and fails over -MaxSize' {
        $branches = 1..40 | ForEach-Object { "branch-number-$_" }
        $p = New-SemaphoreTrustPolicy @Base -ProjectId $Project -Repository web -Branch $branches -WarningVariable warned -WarningAction SilentlyContinue
        $p.Size | Should -BeGreaterThan 2048
        $warned | Should -Not -BeNullOrEmpty
        "$warned" | Should -Match '2048'
        { New-SemaphoreTrustPolicy @Base -ProjectId $Project -Repository web -Branch $branches -MaxSize 2048 -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId "TrustPolicyTooLarge,$New"
    }

    It 'does not warn for a small policy' {
        $null = New-SemaphoreTrustPolicy @Base -ProjectId $Project -WarningVariable warned
        $warned | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with <Id>' -ForEach @(
        @{ Case = 'no project or repository'; Id = 'TrustPolicyTooBroad'; Params = @{ Organization = 'my-org'; AccountId = '123456789012' } }
        @{ Case = 'a branch alone'; Id = 'TrustPolicyTooBroad'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; Branch = 'main' } }
        @{ Case = 'a repository in any project'; Id = 'TrustPolicyTooBroad'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; Repository = 'web'; Branch = 'main' } }
        @{ Case = 'any organisation'; Id = 'TrustPolicyTooBroad'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; Subject = '*:repo:web:*' } }
        @{ Case = 'a bad organisation'; Id = 'OrganizationInvalid'; Params = @{ Organization = 'My Org'; AccountId = '123456789012'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574' } }
        @{ Case = 'a short account id'; Id = 'AccountIdInvalid'; Params = @{ Organization = 'my-org'; AccountId = '1234'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574' } }
        @{ Case = 'a role ARN as provider'; Id = 'ProviderArnInvalid'; Params = @{ Organization = 'my-org'; ProviderArn = 'arn:aws:iam::123456789012:role/x'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574' } }
        @{ Case = 'http issuer'; Id = 'IssuerUrlInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; IssuerUrl = 'http://ci.example.com'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574' } }
        @{ Case = 'issuer with trailing slash'; Id = 'IssuerUrlInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; IssuerUrl = 'https://ci.example.com/'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574' } }
        @{ Case = 'another organisation''s provider'; Id = 'ProviderMismatch'; Params = @{ Organization = 'my-org'; ProviderArn = 'arn:aws:iam::123456789012:oidc-provider/other.semaphoreci.com'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574' } }
        @{ Case = 'a project that is not a GUID'; Id = 'ProjectIdInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; ProjectId = 'web' } }
        @{ Case = 'an owner/repo slug'; Id = 'RepositoryInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; Repository = 'owner/web' } }
        @{ Case = 'a branch with a colon'; Id = 'BranchInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574'; Branch = 'a:b' } }
        @{ Case = 'a tag with ..'; Id = 'TagInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574'; Tag = 'v1..2' } }
        @{ Case = 'a subject of another organisation'; Id = 'SubjectInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; Subject = 'org:other:project:936a5312-a3b8-4921-8b3f-2cec8baac574:*' } }
        @{ Case = 'an unknown partition'; Id = 'PartitionInvalid'; Params = @{ Organization = 'my-org'; AccountId = '123456789012'; Partition = 'aws-mars'; ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574' } }
    ) {
        $p = $Params
        { New-SemaphoreTrustPolicy @p } | Should -Throw -ErrorId "$Id,$New"
    }

    It 'accepts a whole organisation with -AllowBroad' {
        (New-SemaphoreTrustPolicy @Base -AllowBroad).SubjectPatterns | Should -Be @('org:my-org:project:*:repo:*:ref_type:*:ref:*')
    }
}

Describe 'Test-SemaphoreTrustPolicy' {
    BeforeAll {
        $script:Policy = New-SemaphoreTrustPolicy @Base -ProjectId $Project -Repository web -Branch main, 'release/*'
    }

    It 'takes the policy from the pipeline with -Subject' {
        $d = New-SemaphoreTrustPolicy @Base -ProjectId $Project -Repository web -Branch main | Test-SemaphoreTrustPolicy -Subject $Main
        $d.Decision | Should -Be 'Allowed'
        $d.Allowed | Should -BeTrue
        $d.DecidingStatement.Index | Should -Be 0
        $d.Statements[0].Conditions.Count | Should -Be 2
    }

    It 'refuses near misses: <Why>' -ForEach @(
        @{ Why = 'another branch'; Sub = 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/dev' }
        @{ Why = 'main-evil'; Sub = 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main-evil' }
        @{ Why = 'xmain'; Sub = 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/xmain' }
        @{ Why = 'case'; Sub = 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/Main' }
        @{ Why = 'another project'; Sub = 'org:my-org:project:00000000-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main' }
        @{ Why = 'another organisation'; Sub = 'org:evil:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main' }
    ) {
        $d = $Policy | Test-SemaphoreTrustPolicy -Subject $Sub -Issuer $Issuer
        $d.Decision | Should -Be 'ImplicitDeny'
        $d.Allowed | Should -BeFalse
        $d.Statements.Reason -join ' ' | Should -Match 'does not satisfy'
    }

    It 'binds a token object from the pipeline (Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy -Policy $p)' {
        $token = [pscustomobject]@{ Issuer = $Issuer; Audience = $Issuer; Subject = (Get-SubjectFor 'release/2.0'); HasSessionTags = $false }
        ($token | Test-SemaphoreTrustPolicy -Policy $Policy).Decision | Should -Be 'Allowed'
        $tagged = [pscustomobject]@{ Issuer = $Issuer; Audience = $Issuer; Subject = $Main; HasSessionTags = $true }
        $d = $tagged | Test-SemaphoreTrustPolicy -Policy $Policy
        $d.Decision | Should -Be 'ImplicitDeny'
        $d.Reason | Should -Match 'sts:TagSession'
    }

    It 'takes many claims through the pipeline, a hashtable among them' {
        $decisions = @(
            @{ sub = $Main }
            @{ iss = $Issuer; aud = 'sts.amazonaws.com'; sub = $Main }
            [pscustomobject]@{ Issuer = $Issuer; Subject = (Get-SubjectFor 'dev') }
        ) | Test-SemaphoreTrustPolicy -Policy $Policy
        $decisions.Decision | Should -Be @('Allowed', 'ImplicitDeny', 'ImplicitDeny')
    }

    It 'binds the token object Get-SemaphoreOidcToken returns' {
        $jwt = New-UnsignedToken @{ iss = $Issuer; aud = $Issuer; sub = (Get-SubjectFor 'release/9'); exp = 4102444800; iat = 1700000000 }
        (Get-SemaphoreOidcToken -Token $jwt | Test-SemaphoreTrustPolicy -Policy $Policy).Decision | Should -Be 'Allowed'
    }

    It 'reads a token' {
        $jwt = New-UnsignedToken @{ iss = $Issuer; aud = $Issuer; sub = $Main; exp = 4102444800; iat = 1700000000 }
        (Test-SemaphoreTrustPolicy -Policy $Policy -Token $jwt).Decision | Should -Be 'Allowed'
    }

    It 'reads JSON text and a file' {
        (Test-SemaphoreTrustPolicy -Policy $Policy.Json -Subject $Main).Decision | Should -Be 'Allowed'
        $path = Join-Path $TestDrive 'trust.json'
        Set-Content -Path $path -Value $Policy.Json
        (Test-SemaphoreTrustPolicy -Policy $path -Subject $Main).Decision | Should -Be 'Allowed'
        (Get-Content $path | Test-SemaphoreTrustPolicy -Subject $Main -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty -Because 'single lines are not a policy'
        (Test-SemaphoreTrustPolicy -Policy (Get-Item $path) -Subject $Main).Decision | Should -Be 'Allowed'
    }

    It 'reports Unknown for an operator it does not simulate' {
        $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}'
        $d = Test-SemaphoreTrustPolicy -Policy $json -Subject $Main
        $d.Decision | Should -Be 'Unknown'
        $d.Allowed | Should -BeNullOrEmpty
        $d.Statements[0].Conditions[0].Reason | Should -Match 'IpAddress'
    }

    It 'lets an explicit Deny win' {
        $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:*"},{"Sid":"NoMain","Effect":"Deny","Principal":"*","Action":"*","Condition":{"StringLike":{"my-org.semaphoreci.com:sub":"*:ref:refs/heads/main"}}}]}'
        $d = Test-SemaphoreTrustPolicy -Policy $json -Subject $Main
        $d.Decision | Should -Be 'Denied'
        $d.DecidingStatement.Sid | Should -Be 'NoMain'
    }

    It 'lists findings for a policy alone' {
        $json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/my-org.semaphoreci.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"my-org.semaphoreci.com:sub":"org:my-org:*"}}}]}'
        $findings = Test-SemaphoreTrustPolicy -Policy $json
        $findings.Id | Should -Contain 'MissingAudienceCondition'
        $findings.Id | Should -Contain 'WildcardInStringEquals'
        $f = $findings | Where-Object Id -EQ 'MissingAudienceCondition'
        $f.Severity | Should -Be 'High'
        $f.StatementIndex | Should -Be 0
        $f.Fix | Should -Not -BeNullOrEmpty
        @($Policy | Test-SemaphoreTrustPolicy).Count | Should -Be 0
    }

    It 'reports the size near the limit with -SizeQuota' {
        ($Policy | Test-SemaphoreTrustPolicy -SizeQuota ($Policy.Size + 1)).Id | Should -Be 'PolicySizeNearLimit'
    }

    It 'fails with <Id> for <Case>' -ForEach @(
        @{ Case = 'malformed JSON'; Id = 'TrustPolicyMalformed'; Policy = '{"Version":' }
        @{ Case = 'a wrong type'; Id = 'TrustPolicyMalformed'; Policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":42}]}' }
        @{ Case = 'an empty Statement'; Id = 'TrustPolicyEmpty'; Policy = '{"Version":"2012-10-17","Statement":[]}' }
        @{ Case = 'a missing file'; Id = 'TrustPolicyNotFound'; Policy = './no-such-policy.json' }
        @{ Case = 'a 1 MB policy'; Id = 'TrustPolicyTooLarge'; Policy = '{"Version":"2012-10-17","Statement":[' + ('{"Effect":"Allow","Principal":"*","Action":"*"},' * 22000) + '{"Effect":"Allow","Principal":"*","Action":"*"}]}' }
    ) {
        $text = $Policy
        { Test-SemaphoreTrustPolicy -Policy $text -Subject $Main -ErrorAction Stop } | Should -Throw -ErrorId "$Id,$Test"
    }

    It 'fails with PolicyRequestInvalid when the issuer cannot be known' {
        { Test-SemaphoreTrustPolicy -Policy $Policy -Subject 'repo:web' -ErrorAction Stop } | Should -Throw -ErrorId "PolicyRequestInvalid,$Test"
    }

    It 'fails with TokenMalformed for a bad token' {
        { Test-SemaphoreTrustPolicy -Policy $Policy -Token 'not-a-jwt' -ErrorAction Stop } | Should -Throw -ErrorId "TokenMalformed,$Test"
    }

    It 'writes a per-item error and goes on with the next input' {
        $out = @('{"Version":', $Policy.Json) | Test-SemaphoreTrustPolicy -Subject $Main -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "TrustPolicyMalformed,$Test"
    }
}
