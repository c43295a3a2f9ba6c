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

Show "Admin: register $issuer as an IAM OIDC provider (audience = the issuer URL)"
$providerArn = (Invoke-EmulatorAdmin POST '/admin/providers' @{ issuerUrl = $issuer; clientIds = @($issuer) }).arn
Write-Host "Provider: $providerArn"

Show 'Admin: a role that trusts project web, branch main only'
$sub = "org:${org}:project:${projectId}:repo:web:ref_type:branch:ref:refs/heads/main"
$policy = [ordered]@{
    Version   = '2012-10-17'
    Statement = @([ordered]@{
            Effect    = 'Allow'
            Principal = @{ Federated = $providerArn }
            Action    = 'sts:AssumeRoleWithWebIdentity'
            Condition = @{ StringEquals = [ordered]@{ "$org.semaphoreci.com:aud" = $issuer; "$org.semaphoreci.com:sub" = $sub } }
        })
} | ConvertTo-Json -Depth 10
Write-Host $policy
$roleArn = (Invoke-EmulatorAdmin POST '/admin/roles' @{ roleName = 'semaphore-deploy'; trustPolicy = $policy; maxSessionDuration = 3600 }).arn
Write-Host "Role: $roleArn"

Show 'Job: Semaphore injects SEMAPHORE_OIDC_TOKEN (here minted by the emulator for project web, branch main)'
$env:SEMAPHORE_OIDC_TOKEN = (Invoke-EmulatorAdmin POST '/admin/tokens' @{ organization = $org; projectId = $projectId; repository = 'web'; ref = 'refs/heads/main'; jobId = '5f3c1d2e-demo' }).token
$env:SEMAPHORE_JOB_ID = '5f3c1d2e-demo'
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
