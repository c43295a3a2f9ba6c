# Help for every exported cmdlet, checked against the cmdlet itself (after PSScriptAnalyzer's
# Tests/Engine/ModuleHelp.Tests.ps1): what Get-Help shows must match the parameters the code really has.
BeforeDiscovery {
    Import-Module $env:SEMAPHOREOIDC_MODULE -Force
    $script:Commands = @(Get-Command -Module SemaphoreOidc -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    # The commands a Semaphore job runs: their help must show the job usage, not only the admin one.
    $script:JobCommands = @('Get-SemaphoreOidcToken', 'Invoke-SemaphoreAssumeRole', 'Set-AwsEnv', 'Clear-AwsEnv', 'ConvertTo-AwsEnv', 'Test-SemaphoreTrustPolicy' |
        ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:ModuleDir = Split-Path $env:SEMAPHOREOIDC_MODULE
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $Commands {
    BeforeAll {
        $script:Command = Get-Command $Name
        $script:Help = Get-Help $Name -Full
    }

    It 'comes from the MAML file, not from PowerShell''s generated stub' {
        # Without MAML, Get-Help makes the synopsis the syntax line.
        $Help.Synopsis | Should -Not -BeLike '*`[`<CommonParameters`>`]*'
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -Match "^\s*$Name\s"
    }

    It 'has a description' {
        ($Help.Description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples, each with code and remarks' {
        @($Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'documents exactly the parameters the cmdlet has' {
        $inCode = @($Command.Parameters.Keys | Where-Object { $_ -notin $Common -or $_ -in 'WhatIf', 'Confirm' } | Sort-Object)
        $inHelp = @($Help.Parameters.Parameter.Name | Sort-Object)
        $inHelp | Should -Be $inCode
    }

    It 'describes every parameter, with the type and flags the code has' {
        foreach ($parameter in $Help.Parameters.Parameter) {
            $code = $Command.Parameters[$parameter.Name]
            ($parameter.Description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
            $parameter.Type.Name | Should -Be $code.ParameterType.FullName
            $mandatory = [bool]($code.Attributes | Where-Object { $_ -is [Parameter] -and $_.Mandatory })
            $parameter.Required | Should -Be $mandatory.ToString().ToLower() -Because "-$($parameter.Name)'s Required"
            $aliases = if ($code.Aliases.Count) { $code.Aliases -join ', ' } else { 'none' }
            $parameter.Aliases | Should -Be $aliases
        }
    }

    It 'has one syntax block per parameter set' {
        @($Help.Syntax.SyntaxItem).Count | Should -Be $Command.ParameterSets.Count
    }

    It 'names the output types the cmdlet declares, and no others' {
        $declared = @($Command.OutputType.Name | Sort-Object)
        $documented = @(@($Help.returnValues.returnValue) | Where-Object { $_ } | ForEach-Object { $_.type.name } | Sort-Object)
        $documented | Should -Be $declared
    }
}

Describe 'Help for <Name> shows the Semaphore job usage' -ForEach $JobCommands {
    It 'has an example titled for a Semaphore job' {
        ((Get-Help $Name -Examples).Examples.Example.Title -join "`n") | Should -Match 'In a Semaphore (bash |pwsh )?job'
    }
}

Describe 'about_SemaphoreOidc' {
    BeforeAll {
        $script:About = Get-Content (Join-Path $ModuleDir 'en-US/about_SemaphoreOidc.help.txt') -Raw
    }

    It 'walks through provider, trust policy, role, exchange, bash and pwsh usage and AccessDenied' {
        foreach ($piece in 'New-SemaphoreOidcProvider', 'New-SemaphoreTrustPolicy', 'Set-SemaphoreRoleTrust',
            'Invoke-SemaphoreAssumeRole', 'ConvertTo-AwsEnv -Format Bash', 'Set-AwsEnv', 'TROUBLESHOOTING ACCESSDENIED',
            'Test-SemaphoreTrustPolicy') {
            $About | Should -Match ([regex]::Escape($piece))
        }
    }

    It 'is what Get-Help about_SemaphoreOidc shows' {
        (Get-Help about_SemaphoreOidc | Out-String) | Should -Match 'TROUBLESHOOTING ACCESSDENIED'
    }

    It 'names only commands the module exports' {
        $named = [regex]::Matches($About, '\b(Get|Set|New|Remove|Test|Invoke|ConvertTo)-(Semaphore|Aws)\w+') | ForEach-Object Value | Sort-Object -Unique
        $exported = (Get-Command -Module SemaphoreOidc).Name
        foreach ($name in $named) { $exported | Should -Contain $name }
    }
}

Describe 'Help in a fresh pwsh' {
    It 'Get-Help -Full shows the examples after importing by path, with nothing loaded beforehand' {
        $script = "Import-Module '$env:SEMAPHOREOIDC_MODULE'; Get-Help Invoke-SemaphoreAssumeRole -Full | Out-String -Width 200"
        $text = (& dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script) -join "`n"
        $LASTEXITCODE | Should -Be 0
        $text | Should -Match 'Example 1: In a Semaphore pwsh job'
        $text | Should -Match 'ConvertTo-AwsEnv -Format Bash'
        $text | Should -Match '-RoleArn <String>'
    }
}
