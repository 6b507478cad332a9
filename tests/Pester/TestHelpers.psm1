# Shared fixtures for the Pester tests: media made by ffmpeg, models written by the xunit tests' own
# writer (nothing outside the repository is needed), and a child pwsh for tests that need their own
# environment or must be interrupted.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-TestModulePath {
    if ($env:YTPIPE_TEST_MODULE) { return $env:YTPIPE_TEST_MODULE }
    Join-Path $script:RepoRoot 'out/YtPipe'
}

function New-TestSpeech {
    <# Speaks $Text with ffmpeg's flite voice (16 kHz) into $Path; the codec follows the extension. #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Text = 'The quick brown fox jumps over the lazy dog.',
        [string[]] $CodecArgs = @()
    )
    $folder = Split-Path $Path -Parent
    if ($folder) { New-Item -ItemType Directory -Force $folder | Out-Null }
    $escaped = $Text.Replace("'", '')
    & ffmpeg -nostdin -v error -y -f lavfi -i "flite=text='$escaped':voice=kal16" @CodecArgs $Path
    if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not make $Path" }
    Get-Item -LiteralPath $Path
}

function New-TestTone {
    <# $Seconds of a 440 Hz tone: a cheap long file for cancellation and ordering tests. #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Seconds = 5)
    $folder = Split-Path $Path -Parent
    if ($folder) { New-Item -ItemType Directory -Force $folder | Out-Null }
    & ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=440:sample_rate=16000:duration=$Seconds" $Path
    if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not make $Path" }
    Get-Item -LiteralPath $Path
}

function Get-GgmlModelWriter {
    <#
      The model writer the xunit tests use (tests/Unit/Support/GgmlModelWriter.cs), compiled once per
      process: Add-Type cannot replace a type, and each test file imports this module again.
    #>
    $name = 'YtPipe.Tests.Support.GgmlModelWriter'
    if (-not ($name -as [type])) {
        Add-Type -Path (Join-Path $script:RepoRoot 'tests/Unit/Support/GgmlModelWriter.cs')
    }
    $name -as [type]
}

function Get-WeightlessModel {
    <#
      A weightless model (header, mel filters and a synthetic vocabulary, no tensors) as
      ggml-$Name.bin: whisper.cpp runs the full encoder and returns no text.
    #>
    param([Parameter(Mandatory)] [string] $Folder, [string] $Name = 'tiny.en')
    New-Item -ItemType Directory -Force $Folder | Out-Null
    (Get-GgmlModelWriter)::ForName($Name).WriteTo((Join-Path $Folder "ggml-$Name.bin"))
}

function Get-ZeroModel {
    <#
      A zero-filled model (every tensor present, all zeros; a sparse file, ~78 MB for tiny.en f16):
      whisper.cpp emits deterministic junk text with real timestamps, so writers are checked on real
      engine output. Made once per folder; $FileType 7 is q8_0.
    #>
    param([Parameter(Mandatory)] [string] $Folder, [string] $Name = 'tiny.en', [int] $FileType = 1)
    New-Item -ItemType Directory -Force $Folder | Out-Null
    $target = Join-Path $Folder "ggml-zero-$Name-$FileType.bin"
    if (-not (Test-Path -LiteralPath $target)) {
        $null = (Get-GgmlModelWriter)::ForName($Name).WithFileType($FileType).WriteZeroFilledTo($target)
    }
    $target
}

function Use-TestModelFolder {
    <#
      Writes the weightless tiny.en into $Folder and points $env:YTPIPE_MODEL_DIR at it, so
      '-Model tiny.en' finds it; returns the previous value for the caller's AfterAll to restore.
    #>
    param([Parameter(Mandatory)] [string] $Folder)
    Get-WeightlessModel -Folder $Folder | Out-Null
    $previous = $env:YTPIPE_MODEL_DIR
    $env:YTPIPE_MODEL_DIR = $Folder
    $previous
}

function New-PwshStartInfo {
    <#
      A ProcessStartInfo that starts this same pwsh: when pwsh runs as a .NET tool the process is
      'dotnet' with pwsh.dll as its first argument, which must be passed on.
    #>
    param([string[]] $Arguments)
    $exe = (Get-Process -Id $PID).Path
    $psi = [Diagnostics.ProcessStartInfo]::new($exe)
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $psi.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi
}

function Invoke-ChildPwsh {
    <#
      Runs $Script in a fresh pwsh with the module imported and $Environment set; returns exit code,
      stdout lines and stderr text. For tests that need a process of their own (environment, errors
      that end the command).
    #>
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$(Get-TestModulePath)'; $Script"
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.Environment['NO_COLOR'] = '1'
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
    $p = [Diagnostics.Process]::Start($psi)
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    if (-not $p.WaitForExit(300000)) { $p.Kill($true); throw 'child pwsh did not finish in 5 minutes' }
    [pscustomobject]@{
        ExitCode = $p.ExitCode
        Output   = @($stdout.Result -split "`r?`n" | Where-Object { $_ -ne '' })
        Error    = $stderr.Result
    }
}

function Get-PartialFiles {
    <# Files a crash could leave: temporaries of the atomic writer, yt-dlp's .part files, the download staging folder. #>
    param([Parameter(Mandatory)] [string] $Folder)
    @(Get-ChildItem -LiteralPath $Folder -Recurse -Force | Where-Object { $_.Name -like '*.ytpipe-tmp' -or $_.Name -like '*.part' -or $_.Name -eq '.ytpipe-staging' })
}


function Test-File {
    <# Whether a file exists, taking the path literally (Should -Exist treats [ ] as wildcards). #>
    param([Parameter(Mandatory, ValueFromPipeline)] [string] $Path)
    process { [IO.File]::Exists($Path) }
}

function Start-TestServer {
    <#
      Starts tests/Pester/fixtures/test_server.py on 127.0.0.1 over $Root; returns an object with
      Url (http://127.0.0.1:port), Root, Log (JSON lines of requests), Process, and methods
      to steer it (Set-TestServerControl) and stop it (Stop-TestServer).
    #>
    param([Parameter(Mandatory)] [string] $Root)
    New-Item -ItemType Directory -Force $Root | Out-Null
    $log = Join-Path $Root '_requests.jsonl'
    $psi = [Diagnostics.ProcessStartInfo]::new('python3')
    foreach ($a in (Join-Path $PSScriptRoot 'fixtures/test_server.py'), '--root', $Root, '--log', $log) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $p = [Diagnostics.Process]::Start($psi)
    $line = $p.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(20000) -or $line.Result -notmatch '^PORT (\d+)$') { $p.Kill($true); throw 'the test server did not start' }
    [pscustomobject]@{ Url = "http://127.0.0.1:$($Matches[1])"; Root = $Root; Log = $log; Process = $p }
}

function Set-TestServerControl {
    <# Writes the server's _control.json (see test_server.py). #>
    param([Parameter(Mandatory)] $Server, [hashtable] $Control = @{})
    $Control | ConvertTo-Json -Depth 5 | Set-Content -Path (Join-Path $Server.Root '_control.json') -Encoding utf8
}

function Get-TestServerRequest {
    <# The requests the server saw, as objects. #>
    param([Parameter(Mandatory)] $Server)
    if (-not (Test-Path $Server.Log)) { return @() }
    @(Get-Content $Server.Log | ForEach-Object { $_ | ConvertFrom-Json })
}

function Stop-TestServer {
    param([Parameter(Mandatory)] $Server)
    if (-not $Server.Process.HasExited) { $Server.Process.Kill($true); $null = $Server.Process.WaitForExit(5000) }
}

function Assert-ParameterRangeError {
    <#
      Runs $Command (Invoke-YtTranscription on $Path, or Start-YtPipeline on an unreachable URL)
      with -$Name $Value under -WhatIf, plus $Extra, and asserts a parameter validation error whose
      message names $Bound: range errors must say what is allowed.
    #>
    param(
        [Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] $Value, [Parameter(Mandatory)] [string] $Bound,
        [Parameter(Mandatory)] [string] $Path, [hashtable] $Extra = @{}
    )
    $arguments = if ($Command -eq 'Invoke-YtTranscription') { @{ Path = $Path } } else { @{ Source = 'https://example.invalid/v' } }
    $arguments[$Name] = $Value
    $err = $null
    try { & $Command @arguments @Extra -WhatIf } catch { $err = $_ }
    $err | Should -Not -BeNullOrEmpty
    $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    $err.Exception.Message | Should -Match "\b$([regex]::Escape($Bound))\b"
}

Export-ModuleMember -Function *
