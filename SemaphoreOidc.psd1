# Source manifest. build.ps1 copies it into out/SemaphoreOidc/ and writes ModuleVersion from
# Directory.Build.props (the one version source), so the version here is only a placeholder.
@{
    RootModule             = 'SemaphoreOidc.PowerShell.dll'
    ModuleVersion          = '0.0.0'
    CompatiblePSEditions   = @('Core', 'Desktop')
    GUID                   = '6b0f3c52-8d4e-4f0e-9a53-2c8e6f4d7a11'
    Author                 = 'SemaphoreOidc contributors'
    CompanyName            = 'SemaphoreOidc contributors'
    Copyright              = '(c) SemaphoreOidc contributors. Apache-2.0.'
    Description            = 'Keyless AWS access from Semaphore CI with OpenID Connect: exchange SEMAPHORE_OIDC_TOKEN for short-lived AWS credentials, and set up IAM OIDC providers and role trust policies that admit exactly the right projects, branches, tags and pull requests.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('SemaphoreOidc.Format.ps1xml')
    CmdletsToExport        = @(
        'Get-SemaphoreOidcToken'
        'Invoke-SemaphoreAssumeRole'
        'Set-AwsEnv'
        'ConvertTo-AwsEnv'
        'Clear-AwsEnv'
        'New-SemaphoreOidcProvider'
        'Get-SemaphoreOidcProvider'
        'Remove-SemaphoreOidcProvider'
        'New-SemaphoreTrustPolicy'
        'Test-SemaphoreTrustPolicy'
        'Get-SemaphoreRoleTrust'
        'Set-SemaphoreRoleTrust'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            # The Gallery's platform and edition filters read PSEdition_*, Linux, Windows and MacOS.
            Tags                     = @('AWS', 'OIDC', 'OpenIDConnect', 'Semaphore', 'SemaphoreCI', 'STS', 'IAM', 'CI', 'Keyless',
                                         'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            LicenseUri               = 'https://github.com/semaphore-oidc/SemaphoreOidc/blob/main/LICENSE'
            ProjectUri               = 'https://github.com/semaphore-oidc/SemaphoreOidc'
            RequireLicenseAcceptance = $false
            ReleaseNotes             = @'
0.1.0
- Get-SemaphoreOidcToken, Invoke-SemaphoreAssumeRole, Set-AwsEnv, ConvertTo-AwsEnv: the job's OIDC token to
  short-lived AWS credentials for pwsh, bash (eval), dotenv, JSON and credential_process.
- New-/Get-/Remove-SemaphoreOidcProvider: the IAM OIDC identity provider for a Semaphore organisation.
- New-/Test-SemaphoreTrustPolicy, Get-/Set-SemaphoreRoleTrust: trust policies built from intent, simulated
  offline, merged into roles without losing other statements.
- Full help (Get-Help <command> -Full, about_SemaphoreOidc), format views that never show a secret, and tab
  completion of -Region, -RoleName and provider -Arn.
- PowerShell 7 loads the module's AWSSDK.Core in a load context of its own, beside AWS Tools for PowerShell.
'@
        }
        # No HelpInfoURI: the help ships inside the module and there is no Update-Help server to point at.
    }
}
