# Every network command against every answer that is not a well-formed AWS answer, and one HTTP request per
# attempt counted through the emulator's request log (docs/aws-calls.md). Faults that wait (Hang, SlowBody) run
# with -TimeoutSec 1; the rest with a generous timeout, so a busy machine never turns them into timeouts.
BeforeDiscovery {
    # Kind, status, whether the command retries it (two attempts with -MaxAttempts 2), and the id STS and IAM give.
    $unexpected = @{ Sts = 'StsUnexpectedResponse'; Iam = 'IamUnexpectedResponse' }
    $script:Answers = @(
        @{ Kind = 'HtmlPage'; Status = $null; Retried = $false; Ids = $unexpected }
        @{ Kind = 'HtmlPage'; Status = 403; Retried = $false; Ids = $unexpected }
        @{ Kind = 'HtmlPage'; Status = 407; Retried = $false; Ids = $unexpected }
        @{ Kind = 'HtmlPage'; Status = 502; Retried = $true; Ids = $unexpected }
        @{ Kind = 'EchoRequest'; Status = $null; Retried = $false; Ids = $unexpected }
        @{ Kind = 'Garbage'; Status = $null; Retried = $false; Ids = $unexpected }
        @{ Kind = 'TruncatedXml'; Status = $null; Retried = $false; Ids = $unexpected; Mangles = $true }
        @{ Kind = 'EmptyResult'; Status = $null; Retried = $false; Ids = $unexpected }
        @{ Kind = 'Redirect'; Status = 301; Retried = $false; Ids = $unexpected }
        @{ Kind = 'Redirect'; Status = 302; Retried = $false; Ids = $unexpected }
        @{ Kind = 'Redirect'; Status = 307; Retried = $false; Ids = $unexpected }
        @{ Kind = 'Redirect'; Status = 308; Retried = $false; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 400; Retried = $false; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 403; Retried = $false; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 404; Retried = $false; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 429; Retried = $true; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 500; Retried = $true; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 502; Retried = $true; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 503; Retried = $true; Ids = $unexpected }
        @{ Kind = 'BareStatus'; Status = 504; Retried = $true; Ids = $unexpected }
        @{ Kind = 'WrongContentType'; Status = $null; Retried = $false; Ids = $unexpected; Mangles = $true }
        @{ Kind = 'SlowBody'; Status = $null; Retried = $true; Ids = $unexpected; Mangles = $true; Waits = $true }
        @{ Kind = 'CutOffBody'; Status = $null; Retried = $true; Ids = $unexpected; Mangles = $true }
        @{ Kind = 'OversizedBody'; Status = $null; Retried = $false; Ids = $unexpected }
        @{ Kind = 'Hang'; Status = $null; Retried = $true; Ids = @{ Sts = 'AssumeRoleTimeout'; Iam = 'IamTimeout' }; Waits = $true }
        @{ Kind = 'DropConnection'; Status = $null; Retried = $true; Ids = @{ Sts = 'StsUnreachable'; Iam = 'IamUnreachable' } }
        @{ Kind = 'ResetConnection'; Status = $null; Retried = $true; Ids = @{ Sts = 'StsUnreachable'; Iam = 'IamUnreachable' } }
    )

    # Each network command, as a user runs it. The first request it sends meets the fault, and so do all later ones.
    $script:Commands = @(
        @{ Command = 'Invoke-SemaphoreAssumeRole'; Service = 'Sts'; Run = { param($Limits) Invoke-SemaphoreAssumeRole -RoleArn $RoleArn -Token $Token @Limits } }
        @{ Command = 'New-SemaphoreOidcProvider'; Service = 'Iam'; Run = { param($Limits) New-SemaphoreOidcProvider -Organization 'new-org' -Confirm:$false @Limits } }
        @{ Command = 'Get-SemaphoreOidcProvider'; Service = 'Iam'; Run = { param($Limits) Get-SemaphoreOidcProvider @Limits } }
        @{ Command = 'Remove-SemaphoreOidcProvider'; Service = 'Iam'; Run = { param($Limits) Remove-SemaphoreOidcProvider -Arn $ProviderArn -Confirm:$false @Limits } }
        @{ Command = 'Get-SemaphoreRoleTrust'; Service = 'Iam'; Run = { param($Limits) Get-SemaphoreRoleTrust -RoleName deploy @Limits } }
        @{ Command = 'Set-SemaphoreRoleTrust'; Service = 'Iam'; Run = { param($Limits) $Policy | Set-SemaphoreRoleTrust -RoleName deploy -Confirm:$false @Limits } }
    )
    $script:Cases = foreach ($command in $Commands) {
        foreach ($answer in $Answers) {
            $case = $command.Clone()
            foreach ($key in $answer.Keys) { $case[$key] = $answer[$key] }
            $case.Id = $answer.Ids[$command.Service]
            $case.Attempts = if ($answer.Retried) { 2 } else { 1 }
            $case.Label = if ($answer.Status) { "$($answer.Kind) $($answer.Status)" } else { $answer.Kind }
            if ($command.Command -eq 'Remove-SemaphoreOidcProvider' -and $answer.Kind -eq 'EmptyResult') {
                # A deletion "answered" in IAM's shape is read back; the read-back's empty answer leaves it unconfirmed.
                $case.Id = 'ProviderDeleteUnconfirmed'
                $case.Attempts = 2
            }
            $case
        }
    }

    $script:AttemptRuns = foreach ($service in 'Sts', 'Iam') {
        foreach ($kind in 'DropConnection', 'ResetConnection', 'SlowBody', 'Hang') {
            foreach ($attempts in 1, 5, 20) { @{ Service = $service; Kind = $kind; MaxAttempts = $attempts } }
        }
    }
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Saved = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION') { $Saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $env:AWS_ACCESS_KEY_ID = $Emulator.adminAccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $Emulator.adminSecretAccessKey
    Remove-Item Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction Ignore
    $env:AWS_REGION = 'us-east-1'

    function script:Initialize-Account {
        Reset-TestEmulator
        $script:ProviderArn = Register-TestProvider
        $script:RoleArn = Register-TestRole -RoleName 'deploy'
        $script:Token = New-TestToken @{ organization = 'my-org' }
        $script:Policy = New-SemaphoreTrustPolicy -Organization my-org -AccountId $AccountId -ProjectId '936a5312-a3b8-4921-8b3f-2cec8baac574' -Repository web -Branch main
    }

    function script:Test-NoSystemErrorId([System.Collections.IEnumerable] $Records) {
        foreach ($record in $Records) {
            if ($record -is [System.Management.Automation.ErrorRecord]) { $record.FullyQualifiedErrorId | Should -Not -Match '(^|,)System\.' }
        }
    }
}

AfterAll {
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

Describe 'Answers that are not AWS answers' {
    BeforeEach {
        Initialize-Account
        $script:Before = Get-TestIamState
        $Error.Clear()
    }

    It '<Command>: <Label> gives <Id> and changes nothing' -ForEach $Cases {
        $rule = @{ service = $Service.ToLowerInvariant(); count = 1000; kind = $Kind }
        if ($Status) { $rule.statusCode = $Status }
        Add-TestFault $rule
        $limits = @{ MaxAttempts = 2; TimeoutSec = $(if ($Waits) { 1 } else { 10 }); ErrorAction = 'Stop' }

        $err = $null
        try { $output = & $Run $limits } catch { $err = $_ }

        $err | Should -Not -BeNullOrEmpty -Because 'an answer that is not an AWS answer is never a success'
        $output | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,SemaphoreOidc.Commands.*"
        $err.Exception.Message | Should -Not -Match 'NullReference|See inner exception|XmlException|FormatException'
        $err.Exception.Message | Should -Not -Match ([regex]::Escape($Token))
        $err.Exception.Message | Should -Not -Match ([regex]::Escape($Emulator.adminSecretAccessKey))
        Test-NoSystemErrorId $Error

        $requests = @(Get-TestRequests | Where-Object service -eq $Service.ToLowerInvariant())
        $requests.Count | Should -Be $Attempts

        $after = Get-TestIamState
        if ($Command -eq 'Remove-SemaphoreOidcProvider' -and $Mangles) {
            # These faults let IAM do the work and lose only the answer: the provider is gone, nothing else changed.
            $state = $after | ConvertFrom-Json
            @($state.providers).Count | Should -Be 0
            ($state.roles | ConvertTo-Json -Depth 10 -Compress) | Should -Be (($Before | ConvertFrom-Json).roles | ConvertTo-Json -Depth 10 -Compress)
        }
        else {
            $after | Should -Be $Before
        }
    }

    It 'Remove-SemaphoreOidcProvider reports a deletion that did not happen' {
        # IAM's own answer shape, without the deletion behind it: only reading it back tells.
        Add-TestFault @{ service = 'iam'; action = 'DeleteOpenIDConnectProvider'; kind = 'EmptyResult' }
        Remove-SemaphoreOidcProvider -Arn $ProviderArn -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ProviderDeleteUnconfirmed,SemaphoreOidc.Commands.RemoveSemaphoreOidcProviderCommand'
        $err[0].TargetObject | Should -Be $ProviderArn
        $err[0].Exception.Message | Should -Match 'still exists'
        Get-TestIamState | Should -Be $Before
    }

    It 'Remove-SemaphoreOidcProvider confirms a real deletion by reading it back' {
        $verbose = Remove-SemaphoreOidcProvider -Arn $ProviderArn -Confirm:$false -Verbose 4>&1
        ($verbose.Message -join "`n") | Should -Match 'IAM no longer knows it'
        (Get-TestRequests 'GetOpenIDConnectProvider').Count | Should -Be 1
        @((Get-TestIamState | ConvertFrom-Json).providers).Count | Should -Be 0
    }
}

Describe 'One request per attempt' {
    BeforeAll {
        Initialize-Account
        # Every run has a host of its own (-EndpointUrl), and its fault matches only that host, so all of them can
        # run at once: the 20-attempt runs spend a minute in backoff, which they may as well spend together.
        $script:Runs = @{}
        foreach ($run in $AttemptRuns) {
            $name = "$($run.Service)-$($run.Kind)-$($run.MaxAttempts)".ToLowerInvariant()
            $hostName = "$($run.Service.ToLowerInvariant()).attempts-$name.amazonaws.com"
            Add-TestFault @{ service = $run.Service.ToLowerInvariant(); host = $hostName; count = 1000; kind = $run.Kind; delayMilliseconds = 1000 }
            $arguments = @{ EndpointUrl = "https://$hostName"; MaxAttempts = $run.MaxAttempts; TimeoutSec = 1; Verbose = $true }
            if ($run.Service -eq 'Sts') { $command = 'Invoke-SemaphoreAssumeRole'; $arguments.RoleArn = $RoleArn; $arguments.Token = $Token }
            else { $command = 'Get-SemaphoreOidcProvider' }
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                    param($Module, $Command, $Arguments)
                    Import-Module $Module
                    try { & $Command @Arguments -ErrorAction Stop 4>&1 } catch { $_ }
                }).AddArgument($env:SEMAPHOREOIDC_MODULE).AddArgument($command).AddArgument($arguments)
            $Runs[$name] = @{ Host = $hostName; Shell = $ps; Handle = $ps.BeginInvoke() }
        }
        foreach ($run in $Runs.Values) {
            $run.Output = @($run.Shell.EndInvoke($run.Handle))
            $run.Shell.Dispose()
        }
        # A request whose attempt timed out is logged when the emulator notices, a moment after the client gave up.
        Start-Sleep -Milliseconds 500
        $script:Log = @(Get-TestRequests)
    }

    It '<Service> under <Kind> with -MaxAttempts <MaxAttempts>: requests seen = attempts reported' -ForEach $AttemptRuns {
        $run = $Runs["$Service-$Kind-$MaxAttempts".ToLowerInvariant()]
        $messages = @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $failure = @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $reported = @($messages | Where-Object { $_ -match '^(STS|IAM) \S+ attempt \d+/\d+ at ' }).Count
        $seen = @($Log | Where-Object host -eq $run.Host).Count

        $failure.Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Not -Match '(^|,)System\.'
        $seen | Should -Be $reported
        if ($reported -lt $MaxAttempts) {
            # Only the 60 s bound on the whole call may stop it early, and it says so.
            $messages[-1] | Should -Match 'giving up: a retry would end after the 60 s limit'
            $reported | Should -BeGreaterThan 5
        }
        else {
            $reported | Should -Be $MaxAttempts
        }
        if ($reported -gt 1) { $failure[0].Exception.Message | Should -Match "Gave up after $reported attempts\." }
    }
}

Describe 'Limits out of range' {
    BeforeAll { Initialize-Account }

    It '<Command> -<Name> <Value> is <Id>, before any request' -ForEach @(
        foreach ($command in 'Invoke-SemaphoreAssumeRole', 'Get-SemaphoreOidcProvider', 'Get-SemaphoreRoleTrust') {
            @{ Command = $command; Name = 'MaxAttempts'; Value = 0; Id = 'MaxAttemptsOutOfRange' }
            @{ Command = $command; Name = 'MaxAttempts'; Value = 21; Id = 'MaxAttemptsOutOfRange' }
            @{ Command = $command; Name = 'TimeoutSec'; Value = 0; Id = 'TimeoutOutOfRange' }
            @{ Command = $command; Name = 'TimeoutSec'; Value = 601; Id = 'TimeoutOutOfRange' }
        }
    ) {
        $before = @(Get-TestRequests).Count
        $arguments = @{ $Name = $Value; ErrorAction = 'Stop' }
        switch ($Command) {
            'Invoke-SemaphoreAssumeRole' { $arguments.RoleArn = $RoleArn; $arguments.Token = $Token }
            'Get-SemaphoreRoleTrust' { $arguments.RoleName = 'deploy' }
        }
        $err = { & $Command @arguments } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,SemaphoreOidc.Commands.*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Value
        @(Get-TestRequests).Count | Should -Be $before
    }
}
