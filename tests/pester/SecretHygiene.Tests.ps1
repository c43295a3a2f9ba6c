# Secrets (secret key, session token, the OIDC token) never reach default formatting, ToString(), the
# verbose/debug/warning/information streams or error messages: every command runs with -Verbose -Debug,
# all streams and the formatted output are captured, and the secret values are searched for.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Reset-TestEmulator
    Register-TestProvider | Out-Null
    $script:RoleArn = Register-TestRole -RoleName 'deploy'
    $script:DeniedArn = Register-TestRole -RoleName 'denied' -Subject 'org:nobody:*'
    $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org' }
    # Unpinned unless a row pins (a Semaphore runner would set its own organisation URL).
    Remove-Item Env:SEMAPHORE_ORGANIZATION_URL -ErrorAction Ignore
    $env:AWS_REGION = 'us-east-1'
    $script:Token = $env:SEMAPHORE_OIDC_TOKEN
    $script:Creds = Invoke-SemaphoreAssumeRole -RoleArn $RoleArn
    # A row that needs a token of its own puts it here, so that token is searched for too.
    $script:Row = @{ Token = $null }
    $script:Temp = Join-Path ([IO.Path]::GetTempPath()) "hygiene-$([guid]::NewGuid())"
    New-Item -ItemType Directory $Temp | Out-Null

    function Assert-NoSecret([string] $Text, [string[]] $Secrets) {
        $Text | Should -Not -BeNullOrEmpty
        foreach ($secret in $Secrets) {
            $Text.Contains($secret) | Should -BeFalse -Because 'a secret must not reach output, logs or errors'
            # A token's signature alone is as good as the token for nobody, but its payload and header are
            # not secret; the whole compact token and its signature part must not appear.
        }
    }
}

AfterAll {
    Remove-Item Env:SEMAPHORE_OIDC_TOKEN, Env:AWS_REGION, Env:AWS_SHARED_CREDENTIALS_FILE -ErrorAction Ignore
    foreach ($n in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME', 'AWS_DEFAULT_REGION', 'AWS_CREDENTIAL_EXPIRATION') {
        Remove-Item "Env:$n" -ErrorAction Ignore
    }
    Remove-Item $Temp -Recurse -Force -ErrorAction Ignore
}

Describe 'Secret hygiene' {
    It '<Name> shows no secret in any stream or view' -ForEach @(
        @{ Name = 'Invoke-SemaphoreAssumeRole'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Verbose -Debug } }
        @{ Name = 'Invoke-SemaphoreAssumeRole after retries'; Block = {
                Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 1; kind = 'Throttling' }
                Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Verbose -Debug } }
        @{ Name = 'Invoke-SemaphoreAssumeRole denied'; Block = { Invoke-SemaphoreAssumeRole -RoleArn $DeniedArn -Verbose -Debug } }
        @{ Name = 'Invoke-SemaphoreAssumeRole with a bad role ARN'; Block = { Invoke-SemaphoreAssumeRole -RoleArn 'bad' -Verbose -Debug } }
        @{ Name = 'Invoke-SemaphoreAssumeRole without a region'; Block = { Remove-Item Env:AWS_REGION; try { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Verbose -Debug } finally { $env:AWS_REGION = 'us-east-1' } } }
        @{ Name = 'Get-SemaphoreOidcToken'; Block = { Get-SemaphoreOidcToken -Verbose -Debug } }
        @{ Name = 'Get-SemaphoreOidcToken -Verify'; Block = { Get-SemaphoreOidcToken -Verify -Organization my-org -Verbose -Debug } }
        @{ Name = 'Get-SemaphoreOidcToken -Verify pinned by SEMAPHORE_ORGANIZATION_URL'; Block = {
                $env:SEMAPHORE_ORGANIZATION_URL = 'https://my-org.semaphoreci.com'
                try { Get-SemaphoreOidcToken -Verify -Verbose -Debug } finally { Remove-Item Env:SEMAPHORE_ORGANIZATION_URL } } }
        @{ Name = 'Get-SemaphoreOidcToken -Verify wrong audience'; Block = { Get-SemaphoreOidcToken -Verify -Organization my-org -Audience 'x' -Verbose -Debug } }
        @{ Name = 'Get-SemaphoreOidcToken -Verify without a pin'; Block = { Get-SemaphoreOidcToken -Verify -Verbose -Debug } }
        @{ Name = 'Get-SemaphoreOidcToken -Verify pinned to another issuer'; Block = { Get-SemaphoreOidcToken -Verify -IssuerUrl https://other.semaphoreci.com -Verbose -Debug } }
        @{ Name = 'Get-SemaphoreOidcToken -Verify with a bad SEMAPHORE_ORGANIZATION_URL'; Block = {
                $env:SEMAPHORE_ORGANIZATION_URL = 'http://my-org.semaphoreci.com'
                try { Get-SemaphoreOidcToken -Verify -Verbose -Debug } finally { Remove-Item Env:SEMAPHORE_ORGANIZATION_URL } } }
        @{ Name = 'Get-SemaphoreOidcToken -Organization without -Verify'; Block = { Get-SemaphoreOidcToken -Organization my-org -Verbose -Debug } }
        @{ Name = 'Get-SemaphoreOidcToken -Verify on an oversized key set'; Block = {
                # An issuer of its own (the session caches my-org's keys), so its token is this row's secret too.
                $org = "hygiene-$(Get-Random)"
                $Row.Token = New-TestToken @{ organization = $org }
                Add-TestFault @{ service = 'issuer'; action = '/.well-known/jwks.json'; count = 1; kind = 'OversizedBody' }
                Get-SemaphoreOidcToken -Token $Row.Token -Verify -Organization $org -Verbose -Debug } }
        @{ Name = 'Set-AwsEnv'; Block = { $Creds | Set-AwsEnv -PassThru -Verbose -Debug } }
        @{ Name = 'Set-AwsEnv -WhatIf'; Block = { $Creds | Set-AwsEnv -WhatIf -Verbose -Debug } }
        @{ Name = 'Set-AwsEnv -ProfileName'; Block = { $env:AWS_SHARED_CREDENTIALS_FILE = "$Temp/credentials"; $Creds | Set-AwsEnv -ProfileName p -PassThru -Verbose -Debug } }
        @{ Name = 'Set-AwsEnv -WebIdentity'; Block = { $Creds | Set-AwsEnv -WebIdentity -TokenDirectory $Temp -PassThru -Verbose -Debug } }
        @{ Name = 'Set-AwsEnv -WebIdentity bad ARN'; Block = { Set-AwsEnv -WebIdentity -RoleArn 'nope' -TokenDirectory $Temp -Verbose -Debug } }
        @{ Name = 'ConvertTo-AwsEnv refusing incomplete input'; Block = { [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SessionToken = $Creds.SessionToken } | ConvertTo-AwsEnv -Verbose -Debug } }
        @{ Name = 'the credential object itself'; Block = { $Creds; "$Creds"; $Creds.ToString() } }
        @{ Name = 'the token object itself'; Block = { $t = Get-SemaphoreOidcToken; $t; "$t" } }
    ) {
        $Row.Token = $null
        $text = Get-AllOutputText $Block
        $secrets = @($Creds.SecretAccessKey, $Creds.SessionToken, $Token, $Token.Split('.')[2])
        if ($Row.Token) { $secrets += $Row.Token, $Row.Token.Split('.')[2] }
        Assert-NoSecret $text $secrets
    }
}
