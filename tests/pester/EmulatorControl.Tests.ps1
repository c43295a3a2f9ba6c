#Requires -Version 7.0
# The emulator's control module (EmulatorControl.psm1) and the emulator program's lifecycle (one JSON line, admin API, stop on stdin EOF).

Describe 'EmulatorControl' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../SemaphoreOidc.Emulator/EmulatorControl.psm1') -Force
        $script:Emulator = Start-TestEmulator

        function script:Invoke-DirectSts([hashtable] $Form) {
            # The explicit-endpoint path (no proxy, no host name): dispatched by Version. Certificate trust is
            # covered by the xunit and aws CLI tests; here only the answer matters.
            Invoke-WebRequest -NoProxy -SkipCertificateCheck -SkipHttpErrorCheck -Method Post -Uri "$($Emulator.Https)/" -Body $Form
        }
    }

    AfterAll {
        if ($script:Emulator) { Stop-TestEmulator -Emulator $script:Emulator }
    }

    It 'reports its endpoints and CA files' {
        $Emulator.Proxy | Should -Match '^http://127\.0\.0\.1:\d+$'
        $Emulator.Https | Should -Match '^https://127\.0\.0\.1:\d+$'
        $Emulator.Admin | Should -Match '^http://127\.0\.0\.1:\d+$'
        $Emulator.AccountId | Should -Be '123456789012'
        Get-Content -Raw $Emulator.CaBundlePath | Should -Match 'BEGIN CERTIFICATE'
        Get-Content -Raw $Emulator.IntermediateCertificatePath | Should -Match 'BEGIN CERTIFICATE'
        $Emulator.Process.HasExited | Should -BeFalse
    }

    It 'mints, registers and exchanges through the helpers' {
        $token = New-TestToken @{ organization = 'pester-org'; ref = 'refs/tags/v1'; refType = 'tag' }
        $payload = $token.Split('.')[1].Replace('-', '+').Replace('_', '/')
        $payload += '=' * ((4 - $payload.Length % 4) % 4)
        $claims = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload)) | ConvertFrom-Json
        $claims.sub | Should -BeLike 'org:pester-org:project:*:repo:web:ref_type:tag:ref:refs/tags/v1'

        Register-TestProvider -IssuerUrl 'https://pester-org.semaphoreci.com' | Should -Be 'arn:aws:iam::123456789012:oidc-provider/pester-org.semaphoreci.com'
        $roleArn = Register-TestRole -RoleName 'pester-role' -Organization 'pester-org' -Subject 'org:pester-org:*:ref_type:tag:*'
        $roleArn | Should -Be 'arn:aws:iam::123456789012:role/pester-role'

        $response = Invoke-DirectSts @{ Action = 'AssumeRoleWithWebIdentity'; Version = '2011-06-15'; RoleArn = $roleArn; RoleSessionName = 'pester'; WebIdentityToken = $token }
        $response.StatusCode | Should -Be 200
        ([xml]$response.Content).AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult.AssumedRoleUser.Arn |
            Should -Be 'arn:aws:sts::123456789012:assumed-role/pester-role/pester'
    }

    It 'injects faults and logs requests' {
        Add-TestFault @{ kind = 'AwsError'; errorCode = 'IDPCommunicationError'; count = 1 }
        $response = Invoke-DirectSts @{ Action = 'AssumeRoleWithWebIdentity'; Version = '2011-06-15' }
        $response.StatusCode | Should -Be 400
        ([xml]$response.Content).ErrorResponse.Error.Code | Should -Be 'IDPCommunicationError'
        $last = Get-TestRequests | Select-Object -Last 1
        $last.errorCode | Should -Be 'IDPCommunicationError'
        $last.fault | Should -Be 'AwsError'
    }

    It 'registers for an organisation by default, and a role admitting all of it' {
        Register-TestProvider -Organization 'default-org' | Should -Be 'arn:aws:iam::123456789012:oidc-provider/default-org.semaphoreci.com'
        $roleArn = Register-TestRole 'default-role' -Organization 'default-org'
        $token = New-TestToken @{ organization = 'default-org'; ref = 'refs/heads/anything' }
        $response = Invoke-DirectSts @{ Action = 'AssumeRoleWithWebIdentity'; Version = '2011-06-15'; RoleArn = $roleArn; RoleSessionName = 'pester'; WebIdentityToken = $token }
        $response.StatusCode | Should -Be 200
        $other = New-TestToken @{ organization = 'other-org' }
        Register-TestProvider -Organization 'other-org' | Out-Null
        $denied = Invoke-DirectSts @{ Action = 'AssumeRoleWithWebIdentity'; Version = '2011-06-15'; RoleArn = $roleArn; RoleSessionName = 'pester'; WebIdentityToken = $other }
        $denied.StatusCode | Should -Be 403
    }

    It 'lists the requests of one action with -Action' {
        Invoke-DirectSts @{ Action = 'GetCallerIdentity'; Version = '2011-06-15' } | Out-Null
        $all = @(Get-TestRequests)
        $assumed = @(Get-TestRequests -Action 'AssumeRoleWithWebIdentity')
        $assumed.Count | Should -BeGreaterThan 0
        $assumed.action | Sort-Object -Unique | Should -Be 'AssumeRoleWithWebIdentity'
        $assumed.Count | Should -Be @($all | Where-Object action -EQ 'AssumeRoleWithWebIdentity').Count
        @(Get-TestRequests 'GetCallerIdentity').Count | Should -Be 1
    }

    It 'reset forgets state' {
        Reset-TestEmulator
        @(Get-TestRequests).Count | Should -Be 0
    }

    It 'stops cleanly with exit code 0 when its stdin closes' {
        Stop-TestEmulator -Emulator $Emulator
        $Emulator.Process.HasExited | Should -BeTrue
        $Emulator.ExitCode | Should -Be 0
    }
}
