#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks YtPipe. One entry point for people and CI.
.DESCRIPTION
    Tasks:
      Build     builds the module into ./out/YtPipe (manifest, cmdlets, help, Dependencies/).
      Test      builds, runs the xunit tests and the Pester tests, prints one summary line
                ("Total: N passed, N failed, N skipped") and exits non-zero if anything failed.
      Demo      builds, imports the module in a fresh pwsh and transcribes samples/jfk.wav.
      Bench     builds and runs the throughput benchmark (bench/).
      Package   builds and packs the module into ./out/YtPipe.<version>.nupkg, the file that
                Install-PSResource and Install-Module take from a repository (a folder will do).
      Clean     removes ./out.
      NativeRuntime
                compiles whisper.cpp v1.8.5 (the version Whisper.net 1.9.1 binds) for this machine's
                CPU into Whisper.net-compatible libraries and installs them into the built module
                (out/YtPipe/Dependencies/native), which then prefers them to Whisper.net's AVX2
                build. Needs cmake and a C++ compiler; Linux only. See build/native/README.md.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Demo
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build,NativeRuntime -WhisperCppSource ../shared/vendor/whisper.cpp-1.8.5.tar.gz
.EXAMPLE
    dotnet pwsh ./build.ps1 -Cuda   # builds against Whisper.net.Runtime.Cuda (needs a feed that serves it)
#>
[CmdletBinding()]
param(
    # One or more of the tasks below, in order. From bash or cmd (pwsh -File), where no list reaches
    # a script, write them as one comma-separated word: -Task Build,NativeRuntime.
    [ArgumentCompletions('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean', 'NativeRuntime')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Build against the CUDA runtime as well as the CPU one.
    [switch] $Cuda,

    # Model name for the Demo task.
    [string] $Model = 'base.en',

    # NativeRuntime: whisper.cpp v1.8.5's source, a folder or a .tar.gz made by git archive.
    # Default: the v1.8.5 tag's archive from GitHub (needs internet), checked against its commit.
    [string] $WhisperCppSource,

    # NativeRuntime: where to install the runtime. Default: the built module's Dependencies/native.
    [string] $NativeRuntimePath,

    # NativeRuntime: also build whisper-cli from the same source (for bench/), in out/native/build/bin.
    [switch] $WhisperCli,

    # NativeRuntime: one portable runtime with every x64 CPU variant, the best loaded at start (build/native/README.md).
    [switch] $Portable
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$knownTasks = 'Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean', 'NativeRuntime'
$Task = @($Task -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($t in $Task) {
    if ($knownTasks -notcontains $t) { throw "-Task: '$t' is not a task. Tasks: $($knownTasks -join ', ') (several as Build,NativeRuntime)." }
}
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'YtPipe'
# This same pwsh, for child processes: as a .NET tool the process is 'dotnet' running pwsh.dll.
$pwshExe = (Get-Process -Id $PID).Path
$pwshPrefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwshExe) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] })
function Invoke-Pwsh { & $pwshExe @pwshPrefix -NoProfile -NonInteractive @args }

. (Join-Path $root 'build/TestVerdict.ps1')

function Get-ProjectVersion {
    <# The version every part of the module carries: VersionPrefix in Directory.Build.props, the one source. #>
    ([xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))).Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1
}

function Invoke-Native([string] $what, [scriptblock] $command) {
    & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE)." }
}

function Invoke-Build {
    $cudaFlag = if ($Cuda) { '-p:Cuda=true' } else { '-p:Cuda=false' }
    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    $deps = Join-Path $moduleDir 'Dependencies'
    Invoke-Native 'Building the engine' { dotnet publish (Join-Path $root 'src/YtPipe.Core/YtPipe.Core.csproj') -c $Configuration -o $deps $cudaFlag --nologo -v quiet }
    Invoke-Native 'Building the cmdlets' { dotnet build (Join-Path $root 'src/YtPipe.PowerShell/YtPipe.PowerShell.csproj') -c $Configuration $cudaFlag --nologo -v quiet }
    $bin = Join-Path $root "src/YtPipe.PowerShell/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $bin 'YtPipe.PowerShell.dll'), (Join-Path $bin 'YtPipe.PowerShell.pdb') $moduleDir
    Copy-Item (Join-Path $root 'module/*') $moduleDir
    # One version: Directory.Build.props stamps the assemblies, and here the manifest.
    $manifest = Join-Path $moduleDir 'YtPipe.psd1'
    $text = (Get-Content -Raw $manifest) -replace "ModuleVersion(\s*)=\s*'[^']*'", "ModuleVersion`$1= '$(Get-ProjectVersion)'"
    Set-Content -Path $manifest -Value $text -NoNewline -Encoding utf8
    # Reference-only or build-only files have no place in the module.
    Get-ChildItem $deps -Include '*.deps.json', 'YtPipe.Core.xml', 'System.Management.Automation.dll' -Recurse | Remove-Item
    # Help: Markdown in docs/ becomes MAML; a child pwsh imports the fresh module to read parameter metadata.
    Invoke-Pwsh -File (Join-Path $root 'build/Convert-HelpMarkdown.ps1') -DocsPath (Join-Path $root 'docs') `
        -OutputPath (Join-Path $moduleDir 'en-US/YtPipe.PowerShell.dll-Help.xml') -ModulePath $moduleDir
    if ($LASTEXITCODE -ne 0) { throw "Building the help failed (exit code $LASTEXITCODE)." }
    Write-Host "Built $moduleDir$(if ($Cuda) { ' (with the CUDA runtime)' })"
}

function Invoke-Tests {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory $results | Out-Null

    # xunit over the engine.
    dotnet test (Join-Path $root 'tests/Unit/YtPipe.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=unit.trx' --logger 'console;verbosity=normal' --results-directory $results
    $unitExit = $LASTEXITCODE
    $unit = $null
    $trx = Join-Path $results 'unit.trx'
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
        $unit = [pscustomobject]@{
            Passed  = [int]$counters.passed
            Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
            Skipped = [int]$counters.notExecuted
        }
    }

    # Pester over the built module, in a fresh pwsh so the module is imported as a user would.
    Invoke-Native 'Restoring Pester' { dotnet restore (Join-Path $root 'tests/Pester/Pester.Dependencies.csproj') --nologo -v quiet }
    $pesterJson = Join-Path $results 'pester.json'
    Invoke-Pwsh -File (Join-Path $root 'tests/Pester/Invoke-Tests.ps1') -ModulePath $moduleDir -SummaryPath $pesterJson
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { $null }

    $verdict = Get-TestVerdict -Unit $unit -UnitExitCode $unitExit -Pester $pester -PesterExitCode $pesterExit
    foreach ($suite in @(@('xunit', $unit), @('Pester', $pester))) {
        if ($suite[1]) { Write-Host "$($suite[0]): $($suite[1].Passed) passed, $($suite[1].Failed) failed, $($suite[1].Skipped) skipped" }
    }
    foreach ($problem in $verdict.Problems) { Write-Host "Counted as a failure: $problem" }
    Write-Host "Total: $($verdict.Passed) passed, $($verdict.Failed) failed, $($verdict.Skipped) skipped"
    exit $verdict.ExitCode
}

function Invoke-Demo {
    $sample = Join-Path $root 'samples/jfk.wav'
    $script = @'
param($ModulePath, $Sample, $Model)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$result = Invoke-YtTranscription -Path $Sample -Model $Model -OutputDirectory (Join-Path ([IO.Path]::GetTempPath()) 'ytpipe-demo') -OutputFormat Json, Txt, Srt, Vtt -Force
$result | Format-Table
"Transcript:"
if ($result.Text) { $result.Text } else { '(no text: the model returned no segments)' }
"Files:"
$result.OutputFiles
'@
    # A fresh pwsh imports the module as a user would; the script goes through a file because
    # pwsh -File is the one way to pass it arguments that works for the dotnet-tool pwsh too.
    $file = Join-Path ([IO.Path]::GetTempPath()) "ytpipe-demo-$PID.ps1"
    Set-Content -Path $file -Value $script
    try { Invoke-Pwsh -File $file $moduleDir $sample $Model }
    finally { Remove-Item $file }
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    $nupkg = & (Join-Path $root 'build/New-ModulePackage.ps1') -ModulePath $moduleDir -DestinationPath $out -LicensePath (Join-Path $root 'LICENSE')
    Write-Host "Packed $($nupkg.FullName)"
}

function Invoke-Bench {
    & (Join-Path $root 'bench/Invoke-Benchmark.ps1') -ModulePath $moduleDir
}

. (Join-Path $root 'build/native/NativeRuntime.ps1')

foreach ($t in $Task) {
    switch ($t) {
        'Clean' { if (Test-Path $out) { Remove-Item $out -Recurse -Force } }
        'Build' { Invoke-Build }
        'Test' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Tests }
        'Demo' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Demo }
        'Bench' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Bench }
        'Package' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Package }
        'NativeRuntime' {
            if (-not $NativeRuntimePath -and -not (Test-Path $moduleDir)) { Invoke-Build }
            Invoke-NativeRuntime -Source $WhisperCppSource -Destination $NativeRuntimePath -WithCli:$WhisperCli -Portable:$Portable
        }
    }
}
