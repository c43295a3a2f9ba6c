# Secrets (secret key, session token, the OIDC token) never reach default formatting, ToString(), the
# verbose/debug/warning/information streams or error messages. Every command runs with -Verbose -Debug, on its
# success paths, on bad input and on every STS and IAM failure the emulator can stage; everything it writes is
# rendered in every shape PowerShell has (Get-AllOutputText) and searched for the secrets. The IAM commands sign
# with the very credentials STS issued here, so their secret key and session token are in play on those paths too.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Reset-TestEmulator
    Register-TestProvider | Out-Null
    $script:RoleArn = Register-TestRole -RoleName 'deploy'
    $script:DeniedArn = Register-TestRole -RoleName 'denied' -Subject 'org:nobody:*'
    $script:Temp = Join-Path ([IO.Path]::GetTempPath()) "hygiene-$([guid]::NewGuid())"
    New-Item -ItemType Directory $Temp | Out-Null

    $script:SavedEnv = @{}
    foreach ($item in Get-ChildItem Env:) { $script:SavedEnv[$item.Name] = $item.Value }
    $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org' }
    # Unpinned unless a case pins (a Semaphore runner would set its own organisation URL).
    Remove-Item Env:SEMAPHORE_ORGANIZATION_URL -ErrorAction Ignore
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_SHARED_CREDENTIALS_FILE = "$Temp/credentials"
    $script:Token = $env:SEMAPHORE_OIDC_TOKEN
    $script:Creds = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn
    # IAM calls sign with these credentials (the emulator accepts what its STS issued).
    $env:AWS_ACCESS_KEY_ID = $Creds.AccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $Creds.SecretAccessKey
    $env:AWS_SESSION_TOKEN = $Creds.SessionToken
    Remove-Item Env:AWS_PROFILE -ErrorAction Ignore
    $script:Secrets = @($Creds.SecretAccessKey, $Creds.SessionToken, $Token, $Token.Split('.')[2])
    # A case that needs a token of its own puts it here, so that token is searched for too.
    $script:Row = @{ Token = $null }
    $script:CaseEnv = @{}
    foreach ($item in Get-ChildItem Env:) { $script:CaseEnv[$item.Name] = $item.Value }

    $script:Provider = New-SemaphoreOidcProvider -Organization 'hygiene-org'
    $script:Policy = New-SemaphoreTrustPolicy -Organization 'my-org' -AccountId $AccountId -ProjectId '936a5312-a3b8-4921-8b3f-2cec8baac574' -Branch 'main'
    $script:Ec2 = '{"Version":"2012-10-17","Statement":[{"Sid":"Ec2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'

    # Puts the environment back as each case found it: cases set credentials, regions and web-identity variables.
    function script:Restore-CaseEnv {
        foreach ($item in Get-ChildItem Env:) { if (-not $script:CaseEnv.ContainsKey($item.Name)) { Remove-Item "Env:$($item.Name)" } }
        foreach ($name in $script:CaseEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $script:CaseEnv[$name]) }
    }

    # The secrets of the run, and those of any credentials or token the case itself produced (a new exchange issues a new key).
    function script:Assert-NoSecret([string] $Text) {
        $Text | Should -Not -BeNullOrEmpty
        $produced = foreach ($item in $script:LastOutput) {
            foreach ($name in 'SecretAccessKey', 'SessionToken', 'WebIdentityToken', 'RawToken') {
                $value = if ($item -and $item.PSObject.Properties[$name]) { $item.$name }
                if ($value -is [string] -and $value.Length -ge 8) { $value }
            }
        }
        # Whitespace removed, so a value wrapped over lines is still found; and every 16-character slice, so a value
        # cut short by a table column is found too (of a token, the signature's: its header and payload are not secret).
        $flat = $Text -replace '\s'
        $own = if ($script:Row.Token) { @($script:Row.Token) } else { @() }
        foreach ($secret in @($Secrets) + @($produced) + $own) {
            $flat.Contains($secret) | Should -BeFalse -Because 'a secret must not reach output, logs or errors'
            $parts = $secret.Split('.')
            $sliced = if ($parts.Count -eq 3) { $parts[2] } else { $secret }
            for ($i = 0; $i + 16 -le $sliced.Length; $i += 16) {
                $flat.Contains($sliced.Substring($i, 16)) | Should -BeFalse -Because "part of a secret ($i..$($i + 15)) must not reach output either"
            }
        }
    }
}

AfterAll {
    foreach ($item in Get-ChildItem Env:) { if (-not $script:SavedEnv.ContainsKey($item.Name)) { Remove-Item "Env:$($item.Name)" } }
    foreach ($name in $script:SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnv[$name]) }
    Remove-Item $Temp -Recurse -Force -ErrorAction Ignore
}

Describe 'Secret hygiene' {
    AfterEach { Restore-CaseEnv; $Row.Token = $null }

    Context 'STS: Invoke-SemaphoreAssumeRole' {
        It '<Name> shows no secret in any stream or rendering' -ForEach @(
            @{ Name = 'success'; Expect = 'assumed-role/deploy'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Verbose -Debug } }
            @{ Name = 'success after a throttled attempt'; Expect = 'Throttling'; Block = {
                    Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 1; kind = 'Throttling' }
                    Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Verbose -Debug } }
            @{ Name = 'access denied by the trust policy'; Expect = 'AssumeRoleAccessDenied'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $DeniedArn -Verbose -Debug } }
            @{ Name = 'STS 5xx until it gives up'; Expect = 'AssumeRoleServiceUnavailable'; Block = {
                    Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 2; kind = 'Http500' }
                    Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -MaxAttempts 2 -Verbose -Debug } }
            @{ Name = 'STS cannot be reached'; Expect = 'StsUnreachable'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -EndpointUrl 'https://127.0.0.1:1/' -MaxAttempts 1 -Verbose -Debug } }
            @{ Name = 'a bad role ARN'; Expect = 'RoleArnInvalid'; Block = { Invoke-SemaphoreAssumeRole -RoleArn 'bad' -Verbose -Debug } }
            @{ Name = 'a bad session policy'; Expect = 'SessionPolicyInvalid'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Policy '{}' -Verbose -Debug } }
            @{ Name = 'an expired token'; Expect = 'TokenExpired'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Token (New-TestToken @{ kind = 'Expired' }) -Verbose -Debug } }
            @{ Name = 'no region'; Expect = 'No -Region, AWS_REGION'; Block = { Remove-Item Env:AWS_REGION; Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Verbose -Debug } }
            @{ Name = 'an endpoint with user information'; Expect = 'EndpointUrlHasUserInfo'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -EndpointUrl 'http://user:pw@sts.example.invalid/' -Verbose -Debug } }
            @{ Name = 'a plain-http endpoint on another machine'; Expect = 'plain http to another machine'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -EndpointUrl 'http://sts.example.invalid/' -MaxAttempts 1 -Verbose -Debug } }
        ) {
            $text = Get-AllOutputText $Block
            $text | Should -Match $Expect -Because 'the case must reach the path it is named after'
            Assert-NoSecret $text
        }

        It 'STS answering <_> shows no secret in any stream or rendering' -ForEach @(
            'InvalidIdentityToken', 'ExpiredTokenException', 'IDPCommunicationError', 'IDPRejectedClaim', 'MalformedPolicyDocument',
            'PackedPolicyTooLarge', 'RegionDisabledException', 'ValidationError', 'AccessDenied', 'InternalFailure'
        ) {
            $code = $_
            $text = Get-AllOutputText {
                Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 1; kind = 'AwsError'; errorCode = $code }
                Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -MaxAttempts 1 -Policy '{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}' -Verbose -Debug
            }
            $text | Should -Match "failed with $code"
            Assert-NoSecret $text
        }
    }

    Context 'credential outputs: Set-AwsEnv, ConvertTo-AwsEnv' {
        It '<Name> shows no secret in any stream or rendering' -ForEach @(
            @{ Name = 'Set-AwsEnv'; Expect = 'ASIA[A-Z0-9]{16}'; Block = { $Creds | Set-AwsEnv -PassThru -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv -WhatIf'; Expect = 'What if'; Block = { $Creds | Set-AwsEnv -WhatIf -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv -ProfileName'; Expect = 'Wrote profile \[p\]'; Block = { $Creds | Set-AwsEnv -ProfileName p -PassThru -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv -ProfileName -WhatIf'; Expect = 'What if'; Block = { $Creds | Set-AwsEnv -ProfileName p -WhatIf -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv -WebIdentity'; Expect = 'now assume'; Block = { $Creds | Set-AwsEnv -WebIdentity -TokenDirectory $Temp -PassThru -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv -WebIdentity -WhatIf'; Expect = 'What if'; Block = { $Creds | Set-AwsEnv -WebIdentity -TokenDirectory $Temp -WhatIf -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv -WebIdentity with a bad ARN'; Expect = 'RoleArnInvalid'; Block = { Set-AwsEnv -WebIdentity -RoleArn 'nope' -TokenDirectory $Temp -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv with an injected region'; Expect = 'RegionInvalid'; Block = { $Creds | Set-AwsEnv -Region "us-east-1`$(id)`nX" -Verbose -Debug } }
            @{ Name = 'Set-AwsEnv -ProfileName with a bad name'; Expect = 'ProfileNameInvalid'; Block = { $Creds | Set-AwsEnv -ProfileName 'a]b' -Verbose -Debug } }
            @{ Name = 'ConvertTo-AwsEnv refusing incomplete input'; Expect = 'CredentialsIncomplete'; Block = { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SessionToken = $Creds.SessionToken } | ConvertTo-AwsEnv -Verbose -Debug } }
            @{ Name = 'ConvertTo-AwsEnv refusing an injected region'; Expect = 'RegionInvalid'; Block = { $Creds | ConvertTo-AwsEnv -Format Dotenv -Region "us-east-1`nAWS_X=1" -Verbose -Debug } }
            @{ Name = 'the credential object itself'; Expect = 'hidden: read'; Block = { $Creds; "$Creds"; $Creds.ToString() } }
            @{ Name = 'a credential set from Set-AwsEnv -PassThru'; Expect = 'class AwsCredentialSet'; Block = { $Creds | Set-AwsEnv -PassThru } }
        ) {
            $text = Get-AllOutputText $Block
            $text | Should -Match $Expect -Because 'the case must reach the path it is named after'
            Assert-NoSecret $text
        }
    }

    Context 'tokens and trust policies: Get-SemaphoreOidcToken, New-/Test-SemaphoreTrustPolicy' {
        It '<Name> shows no secret in any stream or rendering' -ForEach @(
            @{ Name = 'Get-SemaphoreOidcToken'; Expect = 'class SemaphoreToken'; Block = { Get-SemaphoreOidcToken -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify'; Expect = 'verified against https://my-org'; Block = { Get-SemaphoreOidcToken -Verify -Organization my-org -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify pinned by SEMAPHORE_ORGANIZATION_URL'; Expect = 'verified against https://my-org'; Block = {
                    $env:SEMAPHORE_ORGANIZATION_URL = 'https://my-org.semaphoreci.com'
                    Get-SemaphoreOidcToken -Verify -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify with the wrong audience'; Expect = 'TokenAudienceMismatch'; Block = { Get-SemaphoreOidcToken -Verify -Organization my-org -Audience 'x' -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify of a token signed with another key'; Expect = 'TokenSignatureInvalid|TokenKeyNotFound'; Block = { Get-SemaphoreOidcToken -Token (New-TestToken @{ organization = 'my-org'; kind = 'WrongKey' }) -Verify -Organization my-org -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify without a pin'; Expect = 'TokenIssuerNotPinned'; Block = { Get-SemaphoreOidcToken -Verify -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify pinned to another issuer'; Expect = 'TokenIssuerMismatch'; Block = { Get-SemaphoreOidcToken -Verify -IssuerUrl https://other.semaphoreci.com -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify with a bad SEMAPHORE_ORGANIZATION_URL'; Expect = 'OrganizationUrlInvalid'; Block = {
                    $env:SEMAPHORE_ORGANIZATION_URL = 'http://my-org.semaphoreci.com'
                    Get-SemaphoreOidcToken -Verify -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Organization without -Verify'; Expect = 'TokenVerifyRequired'; Block = { Get-SemaphoreOidcToken -Organization my-org -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken -Verify on an oversized key set'; Expect = 'IssuerResponseTooLarge'; Block = {
                    # An issuer of its own (the session caches my-org's keys), so its token is this case's secret too.
                    $org = "hygiene-$(Get-Random)"
                    $Row.Token = New-TestToken @{ organization = $org }
                    Add-TestFault @{ service = 'issuer'; action = '/.well-known/jwks.json'; count = 1; kind = 'OversizedBody' }
                    Get-SemaphoreOidcToken -Token $Row.Token -Verify -Organization $org -Verbose -Debug } }
            @{ Name = 'the token object itself'; Expect = 'org:my-org'; Block = { $t = Get-SemaphoreOidcToken; $t; "$t"; $t.ToString() } }
            @{ Name = 'New-SemaphoreTrustPolicy'; Expect = 'class TrustPolicy'; Block = { New-SemaphoreTrustPolicy -Organization 'my-org' -AccountId $AccountId -ProjectId '936a5312-a3b8-4921-8b3f-2cec8baac574' -Verbose -Debug } }
            @{ Name = 'Test-SemaphoreTrustPolicy -Token (decision and its statements)'; Expect = 'class StatementEvaluation'; Block = { $d = $Policy | Test-SemaphoreTrustPolicy -Token $Token -Verbose -Debug; $d; $d.Statements; $d.DecidingStatement } }
            @{ Name = 'Test-SemaphoreTrustPolicy findings'; Expect = 'PrincipalWildcard'; Block = { '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"}}' | Test-SemaphoreTrustPolicy -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy'; Expect = 'class PolicyDecision'; Block = { Get-SemaphoreOidcToken | Test-SemaphoreTrustPolicy -Policy $Policy -Verbose -Debug } }
            @{ Name = 'Test-SemaphoreTrustPolicy with a bad token'; Expect = 'TokenMalformed'; Block = { $Policy | Test-SemaphoreTrustPolicy -Token "$($Token.Split('.')[0]).e30" -Verbose -Debug } }
        ) {
            $text = Get-AllOutputText $Block
            $text | Should -Match $Expect -Because 'the case must reach the path it is named after'
            Assert-NoSecret $text
        }
    }

    Context 'IAM: providers and role trust, signed with the issued credentials' {
        It '<Name> shows no secret in any stream or rendering' -ForEach @(
            @{ Name = 'New-SemaphoreOidcProvider'; Expect = 'hygiene-new\.semaphoreci\.com'; Block = { New-SemaphoreOidcProvider -Organization 'hygiene-new' -Tag @{ team = 'ci' } -Verbose -Debug -Confirm:$false } }
            @{ Name = 'New-SemaphoreOidcProvider -WhatIf'; Expect = 'What if'; Block = { New-SemaphoreOidcProvider -Organization 'hygiene-whatif' -WhatIf -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcProvider'; Expect = 'class SemaphoreOidcProvider'; Block = { Get-SemaphoreOidcProvider -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcProvider -Arn of no provider'; Expect = 'NoSuchEntity'; Block = { Get-SemaphoreOidcProvider -Arn "arn:aws:iam::$($AccountId):oidc-provider/absent.example" -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreOidcProvider -Organization of no provider'; Expect = 'ProviderNotFound'; Block = { Get-SemaphoreOidcProvider -Organization 'absent-org' -Verbose -Debug } }
            @{ Name = 'Remove-SemaphoreOidcProvider -WhatIf'; Expect = 'What if'; Block = { $Provider | Remove-SemaphoreOidcProvider -WhatIf -Verbose -Debug } }
            @{ Name = 'Remove-SemaphoreOidcProvider of a bad ARN'; Expect = 'ProviderArnInvalid'; Block = { Remove-SemaphoreOidcProvider -Arn 'arn:aws:iam::1:role/x' -Confirm:$false -Verbose -Debug } }
            @{ Name = 'IAM 5xx'; Expect = 'attempt 2'; Block = {
                    Add-TestFault @{ service = 'iam'; action = 'ListOpenIDConnectProviders'; count = 5; kind = 'Http500' }
                    Get-SemaphoreOidcProvider -Verbose -Debug } }
            @{ Name = 'IAM throttling, then success'; Expect = 'hygiene-org\.semaphoreci\.com'; Block = {
                    Add-TestFault @{ service = 'iam'; action = 'ListOpenIDConnectProviders'; count = 1; kind = 'Throttling' }
                    Get-SemaphoreOidcProvider -Verbose -Debug } }
            @{ Name = 'IAM drops the connection'; Expect = 'attempt 2'; Block = {
                    Add-TestFault @{ service = 'iam'; action = 'ListOpenIDConnectProviders'; count = 5; kind = 'DropConnection' }
                    Get-SemaphoreOidcProvider -Verbose -Debug } }
            @{ Name = 'IAM denies the call'; Expect = 'AccessDenied'; Block = {
                    Add-TestFault @{ service = 'iam'; action = 'ListOpenIDConnectProviders'; count = 1; kind = 'AwsError'; errorCode = 'AccessDenied' }
                    Get-SemaphoreOidcProvider -Verbose -Debug } }
            @{ Name = 'IAM LimitExceeded'; Expect = 'LimitExceeded'; Block = {
                    Add-TestFault @{ service = 'iam'; action = 'CreateOpenIDConnectProvider'; count = 1; kind = 'AwsError'; errorCode = 'LimitExceeded' }
                    New-SemaphoreOidcProvider -Organization 'hygiene-limit' -Confirm:$false -Verbose -Debug } }
            @{ Name = 'Set-SemaphoreRoleTrust -Create -PassThru'; Expect = 'class TrustPolicy'; Block = { $Policy | Set-SemaphoreRoleTrust -RoleName 'hygiene-role' -Create -PassThru -Confirm:$false -Verbose -Debug } }
            @{ Name = 'Set-SemaphoreRoleTrust -WhatIf'; Expect = 'What if'; Block = { $Policy | Set-SemaphoreRoleTrust -RoleName 'deploy' -WhatIf -PassThru -Verbose -Debug } }
            @{ Name = 'Set-SemaphoreRoleTrust after ConcurrentModification'; Expect = '(?s)UpdateAssumeRolePolicy attempt.*UpdateAssumeRolePolicy attempt'; Block = {
                    Add-TestFault @{ service = 'iam'; action = 'UpdateAssumeRolePolicy'; count = 1; kind = 'AwsError'; errorCode = 'ConcurrentModification' }
                    $Ec2 | Set-SemaphoreRoleTrust -RoleName 'hygiene-role' -Replace -Force -PassThru -Confirm:$false -Verbose -Debug } }
            @{ Name = 'Set-SemaphoreRoleTrust of a missing role'; Expect = 'RoleNotFound'; Block = { $Policy | Set-SemaphoreRoleTrust -RoleName 'absent-role' -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreRoleTrust'; Expect = 'class TrustPolicy'; Block = { Get-SemaphoreRoleTrust -RoleName 'deploy' -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreRoleTrust of a missing role'; Expect = 'RoleNotFound'; Block = { Get-SemaphoreRoleTrust -RoleName 'absent-role' -Verbose -Debug } }
            @{ Name = 'Get-SemaphoreRoleTrust with a bad role name'; Expect = 'RoleNameInvalid'; Block = { Get-SemaphoreRoleTrust -RoleName 'déploiement' -Verbose -Debug } }
            @{ Name = 'an IAM endpoint with user information'; Expect = 'EndpointUrlHasUserInfo'; Block = { Get-SemaphoreOidcProvider -EndpointUrl 'https://user:pw@iam.example.invalid/' -Verbose -Debug } }
            @{ Name = 'a plain-http IAM endpoint on another machine'; Expect = 'plain http to another machine'; Block = { Get-SemaphoreRoleTrust -RoleName 'deploy' -EndpointUrl 'http://iam.example.invalid/' -Verbose -Debug } }
        ) {
            $text = Get-AllOutputText $Block
            $text | Should -Match $Expect -Because 'the case must reach the path it is named after'
            Assert-NoSecret $text
        }
    }
}

Describe 'Views' {
    BeforeAll {
        # Every type a command declares it outputs (and what a decision nests), without PowerShell's own types.
        $script:Types = @((Get-Command -Module SemaphoreOidc).OutputType.Name | Where-Object { $_ -like 'SemaphoreOidc.*' }) +
            'SemaphoreOidc.Policies.StatementEvaluation' | Sort-Object -Unique
        $script:SecretNames = 'SecretAccessKey', 'SessionToken', 'WebIdentityToken', 'RawToken', 'Token'
    }

    It 'every output type has a table, list, wide and custom view' {
        $Types.Count | Should -BeGreaterOrEqual 8
        foreach ($type in $Types) {
            $shapes = (Get-FormatData -TypeName $type).FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }
            foreach ($shape in 'TableControl', 'ListControl', 'WideControl', 'CustomControl') {
                $shapes | Should -Contain $shape -Because "$type needs a $shape, or PowerShell renders every property"
            }
        }
    }

    It 'no view reads a secret property' {
        [xml] $views = Get-Content (Join-Path (Split-Path $env:SEMAPHOREOIDC_MODULE) 'SemaphoreOidc.Format.ps1xml') -Raw
        $views.SelectNodes('//PropertyName').InnerText | Where-Object { $_ -in $SecretNames } | Should -BeNullOrEmpty
        foreach ($block in $views.SelectNodes('//ScriptBlock').InnerText) {
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($block, [ref] $null, [ref] $null)
            $members = $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.MemberExpressionAst] }, $true).Member.Value
            $members | Where-Object { $_ -in $SecretNames } | Should -BeNullOrEmpty -Because "view script: $block"
        }
    }
}
