<#
.SYNOPSIS
    Packs the assembled module folder into the .nupkg the PowerShell Gallery takes, with PSResourceGet itself.
.DESCRIPTION
    Publishing to a local file repository runs exactly the packing and manifest checks Publish-PSResource runs
    against the Gallery, so what lands in the folder is what the Gallery would accept. The repository is
    registered under a unique name for this run only and unregistered afterwards, leaving the user's
    repository list as it was. Writes the path of the .nupkg.
#>
[CmdletBinding()]
param(
    # The assembled module (build.ps1 -Task Build): out/SemaphoreOidc.
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    # The file repository the .nupkg is written to; emptied of older packages of this module first.
    [Parameter(Mandatory)] [string] $RepositoryDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop

$manifest = Import-PowerShellDataFile (Join-Path $ModuleDirectory 'SemaphoreOidc.psd1')
New-Item -ItemType Directory -Force $RepositoryDirectory | Out-Null
# Publish refuses a version the repository already holds; a rebuild of the same version replaces it.
$ours = { $_.Name -match '^SemaphoreOidc\.\d.*\.nupkg$' }   # -match ignores case: the file system may not
Get-ChildItem $RepositoryDirectory -File | Where-Object $ours | Remove-Item -Force

$name = "SemaphoreOidcPackage-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
$repositoryUri = [Uri]::new((Resolve-Path $RepositoryDirectory).ProviderPath)
Register-PSResourceRepository -Name $name -Uri $repositoryUri -Trusted
try {
    Publish-PSResource -Path $ModuleDirectory -Repository $name
}
finally {
    Unregister-PSResourceRepository -Name $name
}

$package = Get-ChildItem $RepositoryDirectory -File | Where-Object { $_.Name -eq "SemaphoreOidc.$($manifest.ModuleVersion).nupkg" }
if (-not $package) { throw "Publish-PSResource wrote no SemaphoreOidc.$($manifest.ModuleVersion).nupkg to $RepositoryDirectory." }
$package.FullName
