# A ReadyToRun copy of the PowerShell this repository runs (the `PowerShell` dotnet tool, which ships IL only),
# for the bench's cold figures: users run the official pwsh packages, which are precompiled, so a figure taken
# on the IL-only tool overstates every cold start. Built once with the SDK's crossgen2 (tools/ReadyToRun, the
# same project that precompiles the module's dependencies) and cached under out/.

function Get-PrecompiledPwsh([string] $OutDirectory, [string] $Configuration = 'Release') {
    $version = $PSVersionTable.PSVersion.ToString()
    $target = Join-Path $OutDirectory "pwsh-readytorun-$version"
    $pwshDll = Join-Path $target 'pwsh.dll'
    $marker = Join-Path $target '.complete'
    if (Test-Path $marker) { return $pwshDll }

    Write-Host "Precompiling PowerShell $version (ReadyToRun, linux-x64) into $target; cached for later runs."
    $compiled = Join-Path $OutDirectory "pwsh-readytorun-$version.publish"
    Remove-Item $target, $compiled -Recurse -Force -ErrorAction Ignore
    # Its own intermediate folder: the module build uses the same project for the dependencies.
    $intermediate = Join-Path $OutDirectory "pwsh-readytorun-obj/"
    $project = Join-Path $PSScriptRoot 'ReadyToRun/ReadyToRun.csproj'
    Invoke-Native dotnet publish $project -c $Configuration -r linux-x64 -o $compiled --nologo -v quiet `
        "-p:DependencyDirectory=$PSHOME" "-p:BaseIntermediateOutputPath=$intermediate"
    Copy-Item $PSHOME $target -Recurse
    # Only PowerShell's own assemblies are replaced; the project's own output stays out.
    foreach ($file in Get-ChildItem $compiled -Filter *.dll) {
        if ($file.Name -ne 'ReadyToRun.dll' -and (Test-Path (Join-Path $target $file.Name))) { Copy-Item $file.FullName $target -Force }
    }
    Remove-Item $compiled, $intermediate -Recurse -Force -ErrorAction Ignore
    Set-Content $marker $version
    $pwshDll
}
