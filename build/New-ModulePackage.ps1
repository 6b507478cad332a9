#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Packs a built YtPipe module into YtPipe.<version>.nupkg, the file a PowerShell repository serves.
.DESCRIPTION
    Copies the built module into a staging folder without what only builds or debugs it (symbol
    files, the WebAssembly runtime folder that pwsh never loads, a whisper.cpp runtime built for the
    building CPU only), adds the LICENSE, and packs it with
    Compress-PSResource (PSResourceGet, shipped with PowerShell 7.4+), which validates the manifest
    and writes the nuspec from it. No repository is registered and nothing is fetched.
    build.ps1 -Task Package calls this after a build; the package test calls it on the module
    under test, so both go through the same steps.
.PARAMETER ModulePath
    The built module folder (out/YtPipe).
.PARAMETER DestinationPath
    The folder that receives YtPipe.<version>.nupkg; created if missing.
.PARAMETER LicensePath
    The LICENSE file to ship in the package.
.OUTPUTS
    System.IO.FileInfo: the nupkg.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DestinationPath,
    [Parameter(Mandatory)] [string] $LicensePath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = (Resolve-Path -LiteralPath $ModulePath).Path
$name = Split-Path $module -Leaf
$manifest = Test-ModuleManifest (Join-Path $module "$name.psd1")
$destination = [IO.Directory]::CreateDirectory($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($DestinationPath)).FullName

# Compress-PSResource packs a folder named as the module; staging keeps the built module intact.
$staging = Join-Path ([IO.Path]::GetTempPath()) "ytpipe-package-$([guid]::NewGuid().ToString('n'))"
$stagedModule = Join-Path $staging $name
try {
    Copy-Item -LiteralPath $module -Destination $stagedModule -Recurse
    # Symbols serve a debugger, not a user; runtimes/browser is .NET's WebAssembly build of a
    # dependency, which no pwsh loads. Every native runtimes/<rid>/ of Whisper.net stays.
    Get-ChildItem -LiteralPath $stagedModule -Recurse -File -Filter '*.pdb' | Remove-Item
    $browser = Join-Path $stagedModule 'Dependencies/runtimes/browser'
    if (Test-Path -LiteralPath $browser) { Remove-Item -LiteralPath $browser -Recurse }
    # A whisper.cpp runtime installed by `build.ps1 -Task NativeRuntime` ships only when it is the
    # portable one (every CPU variant, the best chosen at load). One compiled for the building CPU
    # (-march=native) would be refused on most users' CPUs, so it stays out of the package.
    $nativeRuntime = Join-Path $stagedModule 'Dependencies/native'
    $runtimeManifest = Join-Path $nativeRuntime 'ytpipe-runtime.json'
    if (Test-Path -LiteralPath $nativeRuntime) {
        $variant = if (Test-Path -LiteralPath $runtimeManifest) { (Get-Content -Raw -LiteralPath $runtimeManifest | ConvertFrom-Json).PSObject.Properties['variant'].Value }
        if ($variant -ne 'portable') {
            Write-Warning "The whisper.cpp runtime in $(Join-Path $module 'Dependencies/native') was built for this CPU only (variant '$variant'); it is left out of the package. To ship native speed, build the portable one: build.ps1 -Task Build,NativeRuntime,Package -Portable."
            Remove-Item -LiteralPath $nativeRuntime -Recurse -Force
        }
    }
    Copy-Item -LiteralPath $LicensePath -Destination (Join-Path $stagedModule 'LICENSE')

    $target = Join-Path $destination "$name.$($manifest.Version).nupkg"
    if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target }
    Compress-PSResource -Path $stagedModule -DestinationPath $destination
    if (-not (Test-Path -LiteralPath $target)) { throw "Compress-PSResource did not write $target." }
    Get-Item -LiteralPath $target
}
finally {
    if (Test-Path -LiteralPath $staging) { Remove-Item -LiteralPath $staging -Recurse -Force }
}
