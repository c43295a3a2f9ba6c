# The whole flow against the local emulator: an organisation registered as an OIDC provider, a role
# whose trust policy admits one project's main branch, and a CI job exchanging its token for credentials
# that the aws CLI then uses. Run it with: dotnet pwsh ./build.ps1 -Task Demo
param([Parameter(Mandatory)] [string] $ModuleDirectory)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/EmulatorAdmin.ps1"
Import-Module (Join-Path $ModuleDirectory 'SemaphoreOidc.psd1')

function Show([string] $Text) { Write-Host "`n--- $Text" -ForegroundColor Yellow }

$org = 'my-org'
$projectId = '936a5312-a3b8-4921-8b3f-2cec8baac574'
$issuer = "https://$org.semaphoreci.com"
Write-Host "Emulator: STS, IAM and $issuer on 127.0.0.1, reached through HTTPS_PROXY=$env:HTTPS_PROXY with AWS_CA_BUNDLE=$env:AWS_CA_BUNDLE"

# The administrator's session signs IAM calls with the account's keys (here the emulator's admin pair).
$env:AWS_ACCESS_KEY_ID = $Emulator.AdminAccessKeyId
$env:AWS_SECRET_ACCESS_KEY = $Emulator.AdminSecretAccessKey
$env:AWS_REGION = 'us-east-1'

Show "Admin: New-SemaphoreOidcProvider -Organization $org (audience = the issuer URL; run twice: idempotent)"
$provider = New-SemaphoreOidcProvider -Organization $org -ComputeThumbprint
$provider | Format-List Arn, Url, ClientIds, Thumbprints, CreateDate | Out-Host
(New-SemaphoreOidcProvider -Organization $org).Arn | Out-Host

Show 'Admin: New-SemaphoreTrustPolicy for project web, branch main only; Test-SemaphoreTrustPolicy shows who it admits'
$policy = New-SemaphoreTrustPolicy -Organization $org -ProviderArn $provider.Arn -ProjectId $projectId -Repository web -Branch main
Write-Host $policy.Json
$sub = "org:${org}:project:${projectId}:repo:web:ref_type:branch:ref:refs/heads/main"
Test-SemaphoreTrustPolicy -Policy $policy -Subject $sub | Format-List Decision, Reason | Out-Host
Test-SemaphoreTrustPolicy -Policy $policy -Subject ($sub -replace 'refs/heads/main', 'refs/heads/main-evil') | Format-List Decision, Reason | Out-Host

Show 'Admin: Set-SemaphoreRoleTrust -Create makes the role with that trust and its permissions'
$policy | Set-SemaphoreRoleTrust -RoleName semaphore-deploy -Create -Description 'Semaphore CI deploys of web/main' `
    -PermissionPolicyArn 'arn:aws:iam::aws:policy/ReadOnlyAccess' -MaxSessionDuration 3600 -Confirm:$false
$trust = Get-SemaphoreRoleTrust -RoleName semaphore-deploy
$roleArn = $trust.RoleArn
Write-Host "Role: $roleArn (MaxSessionDuration $($trust.MaxSessionDuration)); trust policy $($trust.Size) characters as IAM counts them"
Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY

Show 'Job: Semaphore injects SEMAPHORE_OIDC_TOKEN (here minted by the emulator for project web, branch main) and SEMAPHORE_ORGANIZATION_URL'
$env:SEMAPHORE_OIDC_TOKEN = (Invoke-EmulatorAdmin POST '/admin/tokens' @{ organization = $org; projectId = $projectId; repository = 'web'; ref = 'refs/heads/main'; jobId = '5f3c1d2e-demo' }).token
$env:SEMAPHORE_JOB_ID = '5f3c1d2e-demo'
# -Verify trusts the issuer Semaphore names for the job (SEMAPHORE_ORGANIZATION_URL), never the one the token names.
$env:SEMAPHORE_ORGANIZATION_URL = $issuer
$env:AWS_REGION = 'eu-west-1'
Get-SemaphoreOidcToken -Verify | Format-List | Out-Host

Show 'Job: Invoke-SemaphoreAssumeRole -RoleArn $roleArn | Set-AwsEnv'
$credentials = Invoke-SemaphoreAssumeRole -RoleArn $roleArn
$credentials | Format-List | Out-Host
$credentials | Set-AwsEnv
Write-Host "AWS_ACCESS_KEY_ID=$env:AWS_ACCESS_KEY_ID, AWS_REGION=$env:AWS_REGION, AWS_CREDENTIAL_EXPIRATION=$env:AWS_CREDENTIAL_EXPIRATION (secret key and session token set, not shown)"

if (Get-Command aws -ErrorAction Ignore) {
    Show 'Job: aws sts get-caller-identity with those credentials'
    aws sts get-caller-identity --output json | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "aws sts get-caller-identity failed ($LASTEXITCODE)" }
}
else {
    Write-Host "`n(aws CLI not installed: skipping aws sts get-caller-identity)"
}

Show 'Job on another branch: the refusal says what the trust policy would need'
$env:SEMAPHORE_OIDC_TOKEN = (Invoke-EmulatorAdmin POST '/admin/tokens' @{ organization = $org; projectId = $projectId; repository = 'web'; ref = 'refs/heads/feature/login' }).token
try {
    Invoke-SemaphoreAssumeRole -RoleArn $roleArn | Out-Null
    throw 'The feature branch was admitted; the trust policy should have refused it.'
}
catch [System.Management.Automation.RuntimeException] {
    if ($_.FullyQualifiedErrorId -notlike 'AssumeRoleAccessDenied,*') { throw }
    Write-Host "$($_.FullyQualifiedErrorId)`n$($_.Exception.Message)"
}

Write-Host "`nDemo complete." -ForegroundColor Green
