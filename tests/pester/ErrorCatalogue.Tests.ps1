# The error catalogue as scripts and users meet it: every ErrorKind of the engine reaches PowerShell as the ErrorCategory of
# the same name; each command's hints (the PowerShell words the engine leaves out) are for catalogued ids, one line, and
# name only parameters that exist; a hint ends the message of the error it is for and is its RecommendedAction; and
# docs/errors.md is exactly what the catalogue of this build says.
BeforeDiscovery {
    Import-Module $env:SEMAPHOREOIDC_MODULE -Force
    $Commands = @(Get-Command -Module SemaphoreOidc -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:RepoRoot = (Resolve-Path "$PSScriptRoot/../..").Path
    $script:Role = "arn:aws:iam::$($AccountId):role/deploy"

    # The engine is isolated in a load context of its own on PowerShell 7: its types are reached through the cmdlets'.
    $type = (Get-Command Get-SemaphoreOidcToken).ImplementingType
    while ($type.Name -ne 'SemaphoreOidcCmdlet') { $type = $type.BaseType }
    $script:CmdletBase = $type
    $script:ToCategory = $CmdletBase.GetMethod('ToCategory', [System.Reflection.BindingFlags]'NonPublic, Static')
    $script:ErrorKind = $ToCategory.GetParameters()[0].ParameterType
    $script:Engine = $ErrorKind.Assembly
    $script:Entries = @($Engine.GetType('SemaphoreOidc.Errors.ErrorCatalogue', $true).GetProperty('Entries').GetValue($null))
    $script:EngineError = $Engine.GetType('SemaphoreOidc.Errors.SemaphoreOidcException', $true)

    # Every text a command's hints can give: once as a fresh command, once with every parameter given (string 'x',
    # switches on, numbers 1) and its private yes/no state set, so hints that depend on the call show both sides.
    function Get-HintText([string] $Command) {
        $implementing = (Get-Command $Command).ImplementingType
        $hintsProperty = $CmdletBase.GetProperty('Hints', [System.Reflection.BindingFlags]'NonPublic, Instance')
        foreach ($given in $false, $true) {
            $cmdlet = [Activator]::CreateInstance($implementing)
            if ($given) {
                foreach ($property in $implementing.GetProperties() | Where-Object { $_.CanWrite -and $_.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $true) }) {
                    $value = switch ($property.PropertyType) {
                        ([string]) { 'x' }
                        ([string[]]) { , [string[]]@('x') }
                        ([System.Management.Automation.SwitchParameter]) { [System.Management.Automation.SwitchParameter]::Present }
                        ([int]) { 1 }
                        default { $null }
                    }
                    if ($null -ne $value) { $property.SetValue($cmdlet, $value) }
                }
                for ($t = $implementing; $t; $t = $t.BaseType) {
                    foreach ($field in $t.GetFields([System.Reflection.BindingFlags]'NonPublic, Instance, DeclaredOnly') | Where-Object FieldType -EQ ([Nullable[bool]])) {
                        $field.SetValue($cmdlet, [Nullable[bool]]$true)
                    }
                }
            }
            $hints = $hintsProperty.GetValue($cmdlet)
            foreach ($id in @($hints.Ids)) {
                $kind = [Enum]::Parse($ErrorKind, 'InvalidArgument')
                $sample = [Activator]::CreateInstance($EngineError, @($id, $kind, 'The engine''s words.', 'x', $null))
                [pscustomobject]@{ Id = $id; Text = $hints.For($sample) }
            }
        }
    }

    # The parameters a hint names, each with the command it belongs to: the one named just before it
    # ("pipe it into Set-AwsEnv -WebIdentity"), or else the command whose hint it is.
    function Get-NamedParameter([string] $Command, [string] $Text) {
        $owner = $Command
        foreach ($token in [regex]::Matches($Text, '\b(?:Add|Clear|ConvertTo|Get|Invoke|New|Remove|Set|Test)-[A-Za-z]+|(?<![\w-])-([A-Z][A-Za-z]+)')) {
            if ($token.Groups[1].Success) { [pscustomobject]@{ Command = $owner; Name = $token.Groups[1].Value } }
            else { $owner = $token.Value }
        }
    }

    function Test-HasParameter([string] $Command, [string] $Name) {
        $parameters = (Get-Command $Command).Parameters
        $parameters.ContainsKey($Name) -or @($parameters.Values | Where-Object { $_.Aliases -contains $Name }).Count -gt 0
    }

    function Assert-Hinted($ErrorRecord, [string] $Hint) {
        $ErrorRecord.Exception.Message | Should -BeLike "* $Hint"
        $ErrorRecord.Exception.Message | Should -Not -Match '[\r\n]'
        $ErrorRecord.Exception.RecommendedAction | Should -Be $Hint
        $ErrorRecord.ErrorDetails.RecommendedAction | Should -Be $Hint
        $ErrorRecord.ErrorDetails.Message | Should -Be $ErrorRecord.Exception.Message
        $ErrorRecord.Exception.GetType().Name | Should -BeIn 'SemaphoreOidcException', 'AwsServiceException'
    }
}

Describe 'Error categories' {
    It 'maps every ErrorKind to the ErrorCategory of the same name' {
        $kinds = [Enum]::GetValues($ErrorKind)
        $kinds.Count | Should -BeGreaterThan 10
        foreach ($kind in $kinds) {
            $ToCategory.Invoke($null, @($kind)).ToString() | Should -Be $kind.ToString() -Because "ErrorKind.$kind needs an ErrorCategory of that name"
        }
    }

    It 'reports an error with the id, target and first category the catalogue gives it' {
        $err = { Invoke-SemaphoreAssumeRole -RoleArn 'deploy' } | Should -Throw -PassThru
        $entry = $Entries | Where-Object Id -EQ 'RoleArnInvalid'
        $err.FullyQualifiedErrorId | Should -Be 'RoleArnInvalid,SemaphoreOidc.Commands.InvokeSemaphoreAssumeRoleCommand'
        $err.CategoryInfo.Category.ToString() | Should -Be $entry.Categories[0].ToString()
        $err.TargetObject | Should -Be 'deploy'
        $err.ErrorDetails | Should -BeNullOrEmpty -Because 'this command has no hint for RoleArnInvalid: the message is the engine''s, unchanged'
    }
}

Describe 'Hints of <_>' -ForEach $Commands {
    BeforeAll {
        $script:Command = $_
        $script:Hints = @(Get-HintText $Command)
    }

    It 'are for catalogued ids, one line each, and name only parameters that exist' {
        foreach ($hint in $Hints) {
            $Entries.Id | Should -Contain $hint.Id -Because "$Command has a hint for $($hint.Id)"
            if ($null -eq $hint.Text) { continue }
            $hint.Text | Should -Not -Match '[\r\n]'
            $hint.Text | Should -Match '\.$'
            foreach ($parameter in Get-NamedParameter $Command $hint.Text) {
                Test-HasParameter $parameter.Command $parameter.Name | Should -BeTrue -Because "'$($hint.Text)' names -$($parameter.Name) of $($parameter.Command)"
            }
        }
    }
}

Describe 'Hints at work' {
    BeforeEach {
        $script:SavedToken = $env:SEMAPHORE_OIDC_TOKEN
        Remove-Item Env:SEMAPHORE_OIDC_TOKEN -ErrorAction Ignore
    }
    AfterEach { $env:SEMAPHORE_OIDC_TOKEN = $SavedToken }

    It 'names -Token when Invoke-SemaphoreAssumeRole has no token, and says it was empty when it was' {
        $err = { Invoke-SemaphoreAssumeRole -RoleArn $Role } | Should -Throw -ErrorId 'TokenMissing,SemaphoreOidc.Commands.InvokeSemaphoreAssumeRoleCommand' -PassThru
        Assert-Hinted $err 'Pass it with -Token.'
        $err.Exception.Message | Should -Match 'SEMAPHORE_OIDC_TOKEN'
        $err = { Invoke-SemaphoreAssumeRole -RoleArn $Role -Token '' } | Should -Throw -ErrorId 'TokenMissing,*' -PassThru
        Assert-Hinted $err '-Token was empty: pass the token, or leave -Token out to use SEMAPHORE_OIDC_TOKEN.'
    }

    It 'names Get-SemaphoreOidcToken''s own parameters for the same engine error' {
        $err = { Get-SemaphoreOidcToken } | Should -Throw -ErrorId 'TokenMissing,SemaphoreOidc.Commands.GetSemaphoreOidcTokenCommand' -PassThru
        Assert-Hinted $err 'Pass it with -Token.'
        $err = { Set-AwsEnv -WebIdentity -RoleArn $Role } | Should -Throw -ErrorId 'TokenMissing,SemaphoreOidc.Commands.SetAwsEnvCommand' -PassThru
        Assert-Hinted $err 'Pass it with -WebIdentityToken.'
    }

    It 'names -Organization and -IssuerUrl when the token comes from another issuer than the one pinned' {
        $token = New-TestToken @{ organization = 'my-org' }
        $err = { Get-SemaphoreOidcToken -Token $token -Verify -Organization other-org } | Should -Throw -ErrorId 'TokenIssuerMismatch,*' -PassThru
        Assert-Hinted $err 'Pin the expected issuer with -Organization or -IssuerUrl.'
        $err.Exception.Message | Should -Match 'pinned by organisation other-org'
        $err.Exception.Message.Contains($token.Split('.')[2]) | Should -BeFalse
    }

    It 'names -ProjectId and -AllowBroad when New-SemaphoreTrustPolicy would admit every project' {
        $err = { New-SemaphoreTrustPolicy -Organization my-org -AccountId $AccountId } | Should -Throw -ErrorId 'TrustPolicyTooBroad,*' -PassThru
        Assert-Hinted $err 'Name it with -ProjectId <uuid>, or add -AllowBroad.'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'names -ProviderArn, -Organization and -IssuerUrl when the provider belongs to another issuer' {
        $arn = "arn:aws:iam::$($AccountId):oidc-provider/other-org.semaphoreci.com"
        $err = { New-SemaphoreTrustPolicy -Organization my-org -ProviderArn $arn -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 } |
            Should -Throw -ErrorId 'ProviderMismatch,*' -PassThru
        Assert-Hinted $err 'Check -ProviderArn against -Organization and -IssuerUrl.'
    }

    It 'names -Format when a value cannot go into a .env file' {
        $credentials = [pscustomobject]@{ AccessKeyId = 'ASIAEXAMPLEEXAMPLE00'; SecretAccessKey = "it's-secret-0000"; SessionToken = 'session-0000' }
        $err = { $credentials | ConvertTo-AwsEnv -Format Dotenv } | Should -Throw -ErrorId 'DotenvValueUnsafe,*' -PassThru
        Assert-Hinted $err 'Use -Format Bash or -Format Json.'
        $err.Exception.Message | Should -Not -Match "it's-secret"
    }

    It 'names -EndpointUrl for an unreachable STS only when the user chose the endpoint' {
        $token = New-TestToken @{ organization = 'my-org' }
        $err = { Invoke-SemaphoreAssumeRole -RoleArn $Role -Token $token -EndpointUrl 'https://127.0.0.1:1/' -MaxAttempts 1 } |
            Should -Throw -ErrorId 'StsUnreachable,*' -PassThru
        Assert-Hinted $err 'Check -EndpointUrl too.'
        $err.Exception.Message | Should -Match 'the endpoint URL'

        Reset-TestEmulator
        Add-TestFault @{ service = 'sts'; action = 'AssumeRoleWithWebIdentity'; count = 1; kind = 'DropConnection' }
        $err = { Invoke-SemaphoreAssumeRole -RoleArn $Role -Token $token -MaxAttempts 1 } | Should -Throw -ErrorId 'StsUnreachable,*' -PassThru
        $err.Exception.Message | Should -Not -Match '-EndpointUrl'
        $err.ErrorDetails | Should -BeNullOrEmpty
    }
}

Describe 'Hints at work on a role' -Skip:(-not ($env:SEMAPHOREOIDC_EMULATOR | ConvertFrom-Json).adminAccessKeyId) {
    BeforeAll {
        $script:Saved = @{}
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION') { $Saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
        Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction Ignore
        $env:AWS_REGION = 'us-east-1'
    }
    AfterAll {
        foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
    }
    BeforeEach {
        Reset-TestEmulator
        Register-TestProvider | Out-Null
    }

    It 'names -Force when the merged policy would admit too much, and -Create for a missing role' {
        Register-TestRole -RoleName deploy
        $broad = New-SemaphoreTrustPolicy -Organization my-org -AccountId $AccountId -AllowBroad
        $err = { $broad | Set-SemaphoreRoleTrust -RoleName deploy -ErrorAction Stop } | Should -Throw -ErrorId 'TrustPolicyTooBroad,*' -PassThru
        Assert-Hinted $err 'Use -Force to apply it anyway.'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match '^The trust policy that role deploy would get admits too much: '

        $policy = New-SemaphoreTrustPolicy -Organization my-org -AccountId $AccountId -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574
        $err = { $policy | Set-SemaphoreRoleTrust -RoleName missing -ErrorAction Stop } | Should -Throw -ErrorId 'RoleNotFound,*' -PassThru
        Assert-Hinted $err 'Add -Create to create it.'
    }

    It 'names -EndpointUrl for an unreachable IAM' {
        $err = { Get-SemaphoreOidcProvider -EndpointUrl 'https://127.0.0.1:1/' -MaxAttempts 1 } | Should -Throw -ErrorId 'IamUnreachable,*' -PassThru
        Assert-Hinted $err 'Check -EndpointUrl too.'
    }

    It 'keeps the engine''s message where the command has nothing to add' {
        $err = { Get-SemaphoreRoleTrust -RoleName missing -ErrorAction Stop } | Should -Throw -ErrorId 'RoleNotFound,SemaphoreOidc.Commands.GetSemaphoreRoleTrustCommand' -PassThru
        $err.Exception.Message | Should -Be 'The account has no role named missing.'
        $err.Exception.RecommendedAction | Should -BeNullOrEmpty
        $err.ErrorDetails | Should -BeNullOrEmpty
    }
}

Describe 'docs/errors.md' {
    BeforeAll {
        $script:Page = Get-Content (Join-Path $RepoRoot 'docs/errors.md') -Raw
    }

    It 'is what tools/ErrorCatalogue.ps1 writes from the catalogue of this build' {
        $written = & (Join-Path $RepoRoot 'tools/ErrorCatalogue.ps1') -ModuleDirectory (Split-Path $env:SEMAPHOREOIDC_MODULE)
        ($Page -replace '\r\n', "`n") -eq $written | Should -BeTrue -Because 'docs/errors.md must be regenerated: dotnet pwsh ./build.ps1 -Task Docs'
    }

    It 'has a row for every id, with its categories' {
        foreach ($entry in $Entries) {
            $categories = ($entry.Categories | ForEach-Object { $_.ToString() }) -join ', '
            $Page | Should -Match ("(?m)^\| ``$($entry.Id)`` \|( ``$($entry.AwsCode)`` \|)? $([regex]::Escape($categories)) \| ")
        }
    }

    It 'is where the README and about_SemaphoreOidc send readers' {
        Get-Content (Join-Path $RepoRoot 'README.md') -Raw | Should -Match '\(docs/errors\.md\)'
        Get-Content (Join-Path $RepoRoot 'module/en-US/about_SemaphoreOidc.help.txt') -Raw | Should -Match 'docs/errors\.md'
    }
}
