# Paths given to the module's commands: resolved from the PowerShell location, on the file system only, and never
# a FIFO or a device (opening a FIFO waits for a writer forever and cannot be stopped).
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:Temp = Join-Path ([IO.Path]::GetTempPath()) "paths-$([guid]::NewGuid())"
    New-Item -ItemType Directory $Temp | Out-Null
    $script:Json = New-SemaphoreTrustPolicy -Organization my-org -AccountId 123456789012 -ProjectId 936a5312-a3b8-4921-8b3f-2cec8baac574 -Branch main | ForEach-Object Json
}

AfterAll { Remove-Item $Temp -Recurse -Force -ErrorAction Ignore }

Describe '-Policy paths' {
    It 'refuses a FIFO at once instead of hanging' {
        $fifo = Join-Path $Temp 'policy.json'
        & mkfifo $fifo
        # In a process of its own, so a regression hangs that process (killed below), never the test run.
        $dll = Join-Path $PSHOME 'pwsh.dll'
        $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in $dll, '-NoProfile', '-NonInteractive', '-Command',
            "Import-Module '$env:SEMAPHOREOIDC_MODULE'; try { Test-SemaphoreTrustPolicy -Policy '$fifo' -Subject x -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }") { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $process = [Diagnostics.Process]::Start($info)
        try {
            $process.WaitForExit(30000) | Should -BeTrue -Because 'reading a FIFO must not block'
            $process.StandardOutput.ReadToEnd().Trim() | Should -Be 'PathNotRegularFile,SemaphoreOidc.Commands.TestSemaphoreTrustPolicyCommand'
        }
        finally { if (-not $process.HasExited) { $process.Kill() } }
    }

    It 'refuses a directory and a device with the same id' {
        { Test-SemaphoreTrustPolicy -Policy $Temp -Subject 'x' } | Should -Throw -ErrorId 'PathNotRegularFile,SemaphoreOidc.Commands.TestSemaphoreTrustPolicyCommand'
        { Test-SemaphoreTrustPolicy -Policy '/dev/null' -Subject 'x' } | Should -Throw -ErrorId 'PathNotRegularFile,SemaphoreOidc.Commands.TestSemaphoreTrustPolicyCommand'
    }

    It 'reads a relative path from the PowerShell location, not the process''s directory' {
        $where = Join-Path $Temp 'location'
        New-Item -ItemType Directory $where | Out-Null
        Set-Content (Join-Path $where 'trust.json') $Json
        [Environment]::CurrentDirectory | Should -Not -Be $where
        Push-Location $where
        try { $decision = Test-SemaphoreTrustPolicy -Policy 'trust.json' -Subject 'org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main' }
        finally { Pop-Location }
        $decision.Decision | Should -Be 'Allowed'
    }

    It 'refuses a path of another provider as a missing policy' {
        { Test-SemaphoreTrustPolicy -Policy 'Env:\PATH' -Subject 'x' } | Should -Throw -ErrorId 'TrustPolicyNotFound,SemaphoreOidc.Commands.TestSemaphoreTrustPolicyCommand'
    }
}
