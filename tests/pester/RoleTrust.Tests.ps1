# Get-/Set-SemaphoreRoleTrust against the emulator's IAM, signed with the emulator's admin key pair.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:SetCmd = 'SemaphoreOidc.Commands.SetSemaphoreRoleTrustCommand'
    $script:GetCmd = 'SemaphoreOidc.Commands.GetSemaphoreRoleTrustCommand'
    $script:Saved = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION') { $Saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction Ignore
    $env:AWS_REGION = 'us-east-1'

    $script:Provider = "arn:aws:iam::$($AccountId):oidc-provider/my-org.semaphoreci.com"
    $script:ProjectId = '936a5312-a3b8-4921-8b3f-2cec8baac574'
    $script:Ec2Statement = @{ Sid = 'Ec2'; Effect = 'Allow'; Principal = @{ Service = 'ec2.amazonaws.com' }; Action = 'sts:AssumeRole' }
    function New-RoleWithEc2Trust([string] $Name) {
        $policy = @{ Version = '2012-10-17'; Statement = @($Ec2Statement) } | ConvertTo-Json -Depth 10
        Invoke-EmulatorAdmin POST '/admin/roles' @{ roleName = $Name; trustPolicy = $policy; maxSessionDuration = 3600 } | Out-Null
    }
    # What a concurrent writer leaves on the role: the EC2 statement and a Lambda one.
    $script:Ec2AndLambda = @{ Version = '2012-10-17'; Statement = @($Ec2Statement, @{ Sid = 'Lambda'; Effect = 'Allow'; Principal = @{ Service = 'lambda.amazonaws.com' }; Action = 'sts:AssumeRole' }) } | ConvertTo-Json -Depth 10 -Compress
    function New-MainPolicy { New-SemaphoreTrustPolicy -Organization my-org -AccountId $AccountId -ProjectId $ProjectId -Repository web -Branch main }
}

AfterAll {
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

Describe 'Get-/Set-SemaphoreRoleTrust' -Skip:(-not ($env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json).adminAccessKeyId) {
    BeforeEach {
        Reset-TestEmulator
        Register-TestProvider | Out-Null
    }

    It 'reads a role''s trust policy with its name, ARN and MaxSessionDuration' {
        New-RoleWithEc2Trust 'reader'
        $trust = Get-SemaphoreRoleTrust -RoleName reader
        $trust.GetType().FullName | Should -Be 'SemaphoreOidc.Policies.TrustPolicy'
        $trust.RoleName | Should -Be 'reader'
        $trust.RoleArn | Should -Be "arn:aws:iam::$($AccountId):role/reader"
        $trust.MaxSessionDuration | Should -Be 3600
        $trust.Statements.Count | Should -Be 1
        $trust.Json | Should -Match 'ec2.amazonaws.com'
    }

    It 'merges: the Semaphore statement is added, the EC2 statement kept equal in meaning' {
        New-RoleWithEc2Trust 'deploy'
        New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy
        $trust = Get-SemaphoreRoleTrust deploy
        $trust.Statements.Count | Should -Be 2
        $ec2 = $trust.Statements | Where-Object Sid -eq 'Ec2'
        ($ec2.Json | ConvertFrom-Json | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($Ec2Statement | ConvertTo-Json -Depth 10 | ConvertFrom-Json | ConvertTo-Json -Depth 10 -Compress)
        $trust.SubjectPatterns | Should -Contain "org:my-org:project:$($ProjectId):repo:web:ref_type:branch:ref:refs/heads/main"
    }

    It 'replaces the provider''s old statements on the next merge and keeps the rest' {
        New-RoleWithEc2Trust 'deploy'
        New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy
        New-SemaphoreTrustPolicy -Organization my-org -AccountId $AccountId -ProjectId $ProjectId -Repository web -Tag 'v*' | Set-SemaphoreRoleTrust -RoleName deploy
        $trust = Get-SemaphoreRoleTrust deploy
        $trust.Statements.Count | Should -Be 2
        $trust.Json | Should -Match 'refs/tags/v\*'
        $trust.Json | Should -Not -Match 'refs/heads/main'
        $trust.Json | Should -Match 'ec2.amazonaws.com'
    }

    It 'the job can then assume the role (STS reads the same IAM state)' {
        New-RoleWithEc2Trust 'deploy'
        New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy
        $token = New-TestToken @{ organization = 'my-org'; ref = 'refs/heads/main' }
        (Invoke-SemaphoreAssumeRole -RoleArn "arn:aws:iam::$($AccountId):role/deploy" -Token $token).AssumedRoleArn | Should -BeLike '*:assumed-role/deploy/*'
        $other = New-TestToken @{ organization = 'my-org'; ref = 'refs/heads/dev' }
        { Invoke-SemaphoreAssumeRole -RoleArn "arn:aws:iam::$($AccountId):role/deploy" -Token $other } | Should -Throw -ErrorId 'AssumeRoleAccessDenied,SemaphoreOidc.Commands.InvokeSemaphoreAssumeRoleCommand'
    }

    It '-Replace drops the other statements' {
        New-RoleWithEc2Trust 'deploy'
        New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy -Replace
        (Get-SemaphoreRoleTrust deploy).Json | Should -Not -Match 'ec2.amazonaws.com'
    }

    It '-WhatIf shows the difference and changes nothing' {
        New-RoleWithEc2Trust 'deploy'
        $before = (Get-SemaphoreRoleTrust deploy).Json
        $text = Get-AllOutputText { New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy -WhatIf }
        $text | Should -Match 'remove 0 statement\(s\), add 1'
        $text | Should -Match 'keep 1'
        (Get-SemaphoreRoleTrust deploy).Json | Should -Be $before
        @(Get-TestRequests 'UpdateAssumeRolePolicy').Count | Should -Be 0
    }

    It 'refuses a result the findings call too broad, unless -Force' {
        New-RoleWithEc2Trust 'deploy'
        $broad = New-SemaphoreTrustPolicy -Organization my-org -AccountId $AccountId -AllowBroad
        { $broad | Set-SemaphoreRoleTrust -RoleName deploy -ErrorAction Stop } | Should -Throw -ErrorId "TrustPolicyTooBroad,$SetCmd"
        @(Get-TestRequests 'UpdateAssumeRolePolicy').Count | Should -Be 0
        $broad | Set-SemaphoreRoleTrust -RoleName deploy -Force -WarningAction SilentlyContinue
        @(Get-TestRequests 'UpdateAssumeRolePolicy').Count | Should -Be 1
    }

    It 'checks the size against the account''s AssumeRolePolicySizeQuota before calling IAM' {
        New-RoleWithEc2Trust 'deploy'
        Invoke-EmulatorAdmin POST '/admin/account' @{ assumeRolePolicySizeQuota = 300 } | Out-Null
        try {
            { New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy -ErrorAction Stop } | Should -Throw -ErrorId "TrustPolicyTooLarge,$SetCmd"
            @(Get-TestRequests 'UpdateAssumeRolePolicy').Count | Should -Be 0
        }
        finally { Invoke-EmulatorAdmin POST '/admin/account' @{ assumeRolePolicySizeQuota = 2048 } | Out-Null }
    }

    It 'a missing role is an error without -Create, and -Create makes it with its permissions' {
        { New-MainPolicy | Set-SemaphoreRoleTrust -RoleName fresh -ErrorAction Stop } | Should -Throw -ErrorId "RoleNotFound,$SetCmd"
        @(Get-TestRequests 'CreateRole').Count | Should -Be 0
        New-MainPolicy | Set-SemaphoreRoleTrust -RoleName fresh -Create -Description 'Semaphore deploys' -MaxSessionDuration 7200 -PermissionPolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess'
        $trust = Get-SemaphoreRoleTrust fresh
        $trust.MaxSessionDuration | Should -Be 7200
        @(Get-TestRequests 'AttachRolePolicy').Count | Should -Be 1
    }

    It 'bad input is refused before any write: <Name>' -ForEach @(
        @{ Name = 'role name'; Id = 'RoleNameInvalid'; Call = { New-MainPolicy | Set-SemaphoreRoleTrust -RoleName 'arn:aws:iam::1:role/x' -ErrorAction Stop } }
        @{ Name = 'malformed JSON'; Id = 'TrustPolicyMalformed'; Call = { Set-SemaphoreRoleTrust -RoleName deploy -Policy '{"Version":' -ErrorAction Stop } }
        @{ Name = 'session duration'; Id = 'MaxSessionDurationOutOfRange'; Call = { New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy -Create -MaxSessionDuration 60 -ErrorAction Stop } }
        @{ Name = 'permission policy ARN'; Id = 'PolicyArnInvalid'; Call = { New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy -PermissionPolicyArn 'ReadOnly' -ErrorAction Stop } }
    ) {
        New-RoleWithEc2Trust 'deploy'
        $Call | Should -Throw -ErrorId "$Id,$SetCmd"
        foreach ($action in 'UpdateAssumeRolePolicy', 'CreateRole', 'AttachRolePolicy', 'UpdateRole') { @(Get-TestRequests $action).Count | Should -Be 0 }
    }

    It 're-reads and merges into the other writer''s policy when IAM answers ConcurrentModification' {
        New-RoleWithEc2Trust 'deploy'
        # IAM refuses the first write because another writer added a Lambda statement meanwhile (the emulator makes
        # that change as it answers): a blind retry of the same document would drop the Lambda statement.
        Add-TestFault @{ service = 'iam'; action = 'UpdateAssumeRolePolicy'; count = 1; kind = 'AwsError'; errorCode = 'ConcurrentModification'
            overwriteRole = 'deploy'; overwriteTrustPolicy = $Ec2AndLambda }
        New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy
        @(Get-TestRequests 'UpdateAssumeRolePolicy').Count | Should -Be 2
        $trust = Get-SemaphoreRoleTrust deploy
        @($trust.Statements.Sid | Where-Object { $_ }) | Sort-Object | Should -Be @('Ec2', 'Lambda')
        $trust.Statements.Count | Should -Be 3
        $trust.SubjectPatterns | Should -Be @("org:my-org:project:$($ProjectId):repo:web:ref_type:branch:ref:refs/heads/main")
    }

    It 'never writes over a change it did not see' {
        New-RoleWithEc2Trust 'deploy'
        # Another writer adds a Lambda statement right after the command's first read of the role (the emulator
        # makes the change as that GetRole answer leaves, no timing involved): the write must merge into the newer document.
        Add-TestFault @{ service = 'iam'; action = 'GetRole'; count = 1; kind = 'RealAnswer'; overwriteRole = 'deploy'; overwriteTrustPolicy = $Ec2AndLambda }
        New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy
        @(Get-TestRequests 'GetRole' | Where-Object fault -EQ 'RealAnswer').Count | Should -Be 1 -Because 'the change landed after the first read'
        $trust = Get-SemaphoreRoleTrust deploy
        @($trust.Statements.Sid | Where-Object { $_ }) | Sort-Object | Should -Be @('Ec2', 'Lambda')
        $trust.SubjectPatterns | Should -Be @("org:my-org:project:$($ProjectId):repo:web:ref_type:branch:ref:refs/heads/main")
    }

    It 'Get-SemaphoreRoleTrust | Set-SemaphoreRoleTrust binds the role name and policy' {
        New-RoleWithEc2Trust 'deploy'
        $out = @(Get-SemaphoreRoleTrust deploy | Set-SemaphoreRoleTrust -PassThru)
        $out.Count | Should -Be 1 -Because '-PassThru outputs the role''s trust policy'
        $out[0].RoleName | Should -Be 'deploy'
        $out[0].RoleArn | Should -Be "arn:aws:iam::$($AccountId):role/deploy"
        $out[0].Statements.Sid | Should -Be 'Ec2'
        @(Get-TestRequests 'UpdateAssumeRolePolicy').Count | Should -Be 0   # the same policy: nothing to write
    }

    It '-PassThru outputs the trust policy as written, and nothing without it' {
        New-RoleWithEc2Trust 'deploy'
        $out = @(New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy -PassThru)
        $out.Count | Should -Be 1
        $out[0].GetType().FullName | Should -Be 'SemaphoreOidc.Policies.TrustPolicy'
        $out[0].RoleName | Should -Be 'deploy'
        $out[0].Json | Should -Be (Get-SemaphoreRoleTrust deploy).Json
        @($out[0].Statements.Sid | Where-Object { $_ }) | Should -Be @('Ec2')
        $out[0].SubjectPatterns | Should -Be @("org:my-org:project:$($ProjectId):repo:web:ref_type:branch:ref:refs/heads/main")
        @(New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy).Count | Should -Be 0
    }

    It 'a missing role is a clear error for Get' {
        { Get-SemaphoreRoleTrust -RoleName nosuchrole -ErrorAction Stop } | Should -Throw -ErrorId "RoleNotFound,$GetCmd"
    }

    It 'shows no secret with -Verbose -Debug' {
        New-RoleWithEc2Trust 'deploy'
        $text = Get-AllOutputText { New-MainPolicy | Set-SemaphoreRoleTrust -RoleName deploy -PassThru -Verbose -Debug }
        $text.Contains($Emulator.adminSecretAccessKey) | Should -BeFalse
    }
}
