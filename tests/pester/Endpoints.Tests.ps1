# -EndpointUrl for STS and IAM: one warning per command before a token or credentials go over plain http to
# another machine, none for https or for this machine, and the endpoint shown everywhere without user information.
# Hosts under .invalid never resolve (RFC 6761): nothing is sent anywhere.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    Reset-TestEmulator
    Register-TestProvider | Out-Null
    $script:RoleArn = Register-TestRole -RoleName 'deploy'
    $script:SavedEnv = @{}
    foreach ($name in 'SEMAPHORE_OIDC_TOKEN', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE') {
        $script:SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:SEMAPHORE_OIDC_TOKEN = New-TestToken @{ organization = 'my-org' }
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction Ignore
    $script:StsCmd = 'SemaphoreOidc.Commands.InvokeSemaphoreAssumeRoleCommand'
}

AfterAll {
    foreach ($name in $script:SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnv[$name]) }
}

Describe 'Plain http to another machine' {
    It 'Invoke-SemaphoreAssumeRole warns once, however many roles it is given, and names the endpoint' {
        $requests = @(Get-TestRequests).Count
        $roles = [pscustomobject]@{ RoleArn = $RoleArn }, [pscustomobject]@{ RoleArn = $RoleArn }
        try { $roles | Invoke-SemaphoreAssumeRole -EndpointUrl 'http://sts.example.invalid:8080' -MaxAttempts 1 -WarningVariable warnings -WarningAction SilentlyContinue }
        catch { $failure = $_ }
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match 'http://sts\.example\.invalid:8080/ is plain http to another machine'
        "$warnings" | Should -Match 'OIDC token'
        $failure | Should -Not -BeNullOrEmpty -Because 'the host does not resolve'
        @(Get-TestRequests).Count | Should -Be $requests -Because 'nothing reached the emulator''s STS' 
    }

    It 'the IAM commands warn once, before any input is processed' {
        $arns = "arn:aws:iam::$($AccountId):oidc-provider/a.example", "arn:aws:iam::$($AccountId):oidc-provider/b.example"
        $arns | Remove-SemaphoreOidcProvider -EndpointUrl 'http://iam.example.invalid' -Confirm:$false `
            -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable errors
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match 'http://iam\.example\.invalid/ is plain http to another machine'
        "$warnings" | Should -Match 'session token'
        @($errors).Count | Should -Be 2
    }

    It '<Command> warns about <Url>' -ForEach @(
        @{ Command = 'Get-SemaphoreOidcProvider'; Url = 'http://10.0.0.1.example.invalid/'; Arguments = @{} }
        @{ Command = 'New-SemaphoreOidcProvider'; Url = 'http://iam.example.invalid/'; Arguments = @{ Organization = 'my-org' } }
        @{ Command = 'Get-SemaphoreRoleTrust'; Url = 'http://iam.example.invalid/'; Arguments = @{ RoleName = 'deploy' } }
        @{ Command = 'Set-SemaphoreRoleTrust'; Url = 'http://iam.example.invalid/'; Arguments = @{ RoleName = 'deploy'; Policy = '{"Version":"2012-10-17","Statement":[]}' } }
    ) {
        $arguments = $Arguments
        try { & $Command @arguments -EndpointUrl $Url -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null }
        catch { }
        @($warnings | Where-Object { "$_" -match 'plain http' }).Count | Should -Be 1
    }

    It 'says nothing for <Url>' -ForEach @(
        @{ Url = 'https://sts.example.invalid/' }
        @{ Url = 'http://127.0.0.1:1/' }
        @{ Url = 'http://127.8.9.10:1/' }
        @{ Url = 'http://localhost:1/' }
        @{ Url = 'http://[::1]:1/' }
    ) {
        try { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -EndpointUrl $Url -MaxAttempts 1 -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null }
        catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty -Because 'nothing answers there: the command did run'
        $warnings | Should -BeNullOrEmpty
        try { Get-SemaphoreOidcProvider -EndpointUrl $Url -WarningVariable iamWarnings -WarningAction SilentlyContinue | Out-Null }
        catch { }
        $iamWarnings | Should -BeNullOrEmpty
    }
}

Describe 'The endpoint as messages show it' {
    It 'verbose lines and errors name the endpoint as given, less nothing but what AWS never takes' {
        $text = Get-AllOutputText { Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -EndpointUrl 'https://127.0.0.1:1/sts/' -MaxAttempts 1 -Verbose }
        $text | Should -Match 'https://127\.0\.0\.1:1/sts/'
        $text | Should -Match 'StsUnreachable'
    }

    It 'a password in -EndpointUrl is refused before any call and appears nowhere' -ForEach @(
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Arguments = @{ RoleArn = 'arn:aws:iam::123456789012:role/deploy' } }
        @{ Command = 'Get-SemaphoreOidcProvider'; Arguments = @{} }
    ) {
        $before = @(Get-TestRequests).Count
        $arguments = $Arguments
        # Through a variable: PowerShell's error view quotes the caller's own source line, which is not the module's to hide.
        $url = 'http://admin:PASS-31337@sts.example.invalid/'
        $text = Get-AllOutputText { & $Command @arguments -EndpointUrl $url -Verbose }
        $text | Should -Match 'EndpointUrlHasUserInfo'
        $text | Should -Match 'http://sts\.example\.invalid/'
        $text | Should -Not -Match 'PASS-31337'
        $text | Should -Not -Match 'admin:'
        @(Get-TestRequests).Count | Should -Be $before
    }
}
