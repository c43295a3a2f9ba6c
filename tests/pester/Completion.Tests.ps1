# Tab completion of -Region (offline, from the bundled AWSSDK.Core) and of -RoleName / provider -Arn (from IAM,
# silent and bounded when IAM cannot answer).
BeforeDiscovery {
    # -Skip is decided at discovery, before BeforeAll runs. The emulator's IAM (from the IAM branch) announces the
    # credentials it accepts; without them only what needs no IAM is tested.
    $emulatorInfo = $env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json
    $script:HasIam = [bool]($emulatorInfo.PSObject.Properties['adminAccessKeyId'] -and $emulatorInfo.adminAccessKeyId)
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }

    $script:SavedEnvironment = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION') {
        $SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
}

AfterAll {
    foreach ($pair in $SavedEnvironment.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
}

Describe '-Region completion' {
    It 'offers the SDK''s regions on <_>' -ForEach 'Invoke-SemaphoreAssumeRole', 'Get-SemaphoreOidcProvider', 'New-SemaphoreOidcProvider',
        'Remove-SemaphoreOidcProvider', 'Get-SemaphoreRoleTrust', 'Set-SemaphoreRoleTrust', 'Set-AwsEnv', 'ConvertTo-AwsEnv' {
        $found = Get-Completion "$_ -Region eu-west-"
        $found.CompletionText | Should -Contain 'eu-west-1'
        $found.CompletionText | ForEach-Object { $_ | Should -BeLike 'eu-west-*' }
    }

    It 'every command with -Region has the completer' {
        $withRegion = @(Get-Command -Module SemaphoreOidc | Where-Object { $_.Parameters.ContainsKey('Region') })
        $withRegion.Name | Should -Contain 'Invoke-SemaphoreAssumeRole'
        foreach ($command in $withRegion) {
            $completer = $command.Parameters.Region.Attributes | Where-Object { $_ -is [ArgumentCompleter] }
            $completer.Type.Name | Should -Be 'RegionCompleter' -Because "$($command.Name) -Region"
        }
    }

    It 'knows the partitions beyond aws (China, GovCloud)' {
        (Get-Completion 'Invoke-SemaphoreAssumeRole -Region cn-').CompletionText | Should -Contain 'cn-north-1'
        (Get-Completion 'Invoke-SemaphoreAssumeRole -Region us-gov-').CompletionText | Should -Contain 'us-gov-west-1'
    }

    It 'completes inside an opened quote' {
        (Get-Completion "Invoke-SemaphoreAssumeRole -Region 'ap-southeast-").CompletionText | Should -Contain 'ap-southeast-2'
    }
}

Describe 'IAM completion when IAM cannot answer' {
    BeforeAll {
        # A server that accepts connections and never answers: the completer must give up by itself.
        $script:Silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $Silent.Start()
        $script:SilentUrl = "http://127.0.0.1:$($Silent.LocalEndpoint.Port)"
        $env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
        $env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    }
    AfterAll { $Silent.Stop() }

    It '<Line> offers nothing, writes no error and returns' -ForEach @(
        @{ Line = 'Get-SemaphoreRoleTrust -RoleName ' }
        @{ Line = 'Set-SemaphoreRoleTrust -RoleName ' }
        @{ Line = 'Get-SemaphoreOidcProvider -Arn ' }
        @{ Line = 'Remove-SemaphoreOidcProvider -Arn ' }
    ) {
        $Error.Clear()
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $found = Get-Completion "$($Line -replace ' -', " -EndpointUrl $SilentUrl -")"
        $clock.Stop()
        @($found | Where-Object ResultType -eq 'ParameterValue') | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
        # A hang guard, not a performance figure: the budget is 2 s, a stuck completer would never return.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'offers nothing when IAM refuses the request' {
        $Error.Clear()
        # The emulator answers IAM before the IAM branch lands with an error; with it, these keys are unknown.
        $env:AWS_ACCESS_KEY_ID = 'AKIANOTKNOWNTOIAM000'
        $found = Get-Completion 'Get-SemaphoreOidcProvider -Region us-east-1 -Arn '
        @($found | Where-Object { $_.CompletionText -like 'arn:*' }) | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}

Describe 'IAM completion against the emulator' -Skip:(-not $HasIam) {
    BeforeAll {
        $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
        $env:AWS_REGION = 'us-east-1'
        $script:ProviderArn = Register-TestProvider -Organization 'completion-org'
        Register-TestRole -RoleName 'completion-deploy' | Out-Null
        Register-TestRole -RoleName 'completion-read' | Out-Null
    }

    It 'completes -RoleName from ListRoles' {
        $text = (Get-Completion 'Get-SemaphoreRoleTrust -RoleName completion-').CompletionText
        $text | Should -Contain 'completion-deploy'
        $text | Should -Contain 'completion-read'
        (Get-Completion 'Set-SemaphoreRoleTrust -RoleName completion-d').CompletionText | Should -Be @('completion-deploy')
    }

    It 'completes a provider -Arn from ListOpenIDConnectProviders' {
        (Get-Completion 'Remove-SemaphoreOidcProvider -Arn ').CompletionText | Should -Contain $ProviderArn
        (Get-Completion 'Get-SemaphoreOidcProvider -Arn arn:').CompletionText | Should -Contain $ProviderArn
    }
}
