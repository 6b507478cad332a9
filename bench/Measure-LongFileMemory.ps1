#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Peak memory of one long file against a 2-second file: what decoding and holding the audio costs.
.DESCRIPTION
    Makes a 2-second file and files of -Minutes minutes (ffmpeg's sine source, 16 kHz mono FLAC;
    reused when present under -WorkPath), then transcribes each in a fresh pwsh with a weightless
    tiny.en model, -Workers 1 -BeamSize 1, and reads the child's peak resident set (VmHWM in
    /proc/PID/status) when it is done. The 2-second file's peak is pwsh, the module, the model and
    whisper's buffers; a long file's peak minus it is what the long audio added. The report gives
    that against the decoded samples themselves (seconds x 16000 x 4 bytes).

    Linux only (VmHWM). Weightless tiny.en runs the full encoder per 30-second window, so the
    60-minute file takes a few minutes on 2 cores.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-LongFileMemory.ps1 -ModulePath out/YtPipe
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/YtPipe'),
    [string] $WorkPath = (Join-Path $PSScriptRoot '../out/bench/longfile'),
    [int[]] $Minutes = @(20, 60),
    [string] $ModelPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if (-not $IsLinux) { throw 'This measurement reads /proc/PID/status (VmHWM): Linux only.' }
$ModulePath = (Resolve-Path $ModulePath).Path
New-Item -ItemType Directory -Force $WorkPath | Out-Null
$WorkPath = (Resolve-Path $WorkPath).Path
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/TestHelpers.psm1') -Force
if (-not $ModelPath) { $ModelPath = Get-WeightlessModel -Folder (Join-Path $WorkPath 'models') }

function New-SineFile([double] $Seconds) {
    $path = Join-Path $WorkPath ("sine-{0}s.flac" -f $Seconds)
    if (-not (Test-Path -LiteralPath $path)) {
        # Written under a temporary name, so a run cut short never leaves a half file to be reused.
        $partial = "$path.partial.flac"
        & ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=440:sample_rate=16000:duration=$Seconds" -ac 1 -c:a flac $partial
        if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not make $path" }
        Move-Item -LiteralPath $partial $path
    }
    $path
}

function Measure-PeakMiB([string] $File) {
    $out = Join-Path $WorkPath 'transcripts'
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$r = Invoke-YtTranscription -LiteralPath '$File' -ModelPath '$ModelPath' -Workers 1 -BeamSize 1 -OutputDirectory '$out' -Force
if (`$r.Status -ne 'Transcribed') { throw "status `$(`$r.Status): `$(`$r.Error)" }
(Select-String -LiteralPath /proc/`$PID/status -Pattern '^VmHWM:\s+(\d+) kB').Matches[0].Groups[1].Value
"@
    $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', $script
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    if ($p.ExitCode -ne 0) { throw "The run on $File failed: $($stderr.Result)" }
    $kb = [long](($stdout.Result -split "`r?`n" | Where-Object { $_ -match '^\d+$' }) | Select-Object -Last 1)
    [pscustomobject]@{ PeakMiB = [math]::Round($kb / 1024, 1); WallSeconds = [math]::Round($clock.Elapsed.TotalSeconds, 1) }
}

$base = Measure-PeakMiB (New-SineFile 2)
Write-Host ("2 s file: peak {0} MiB ({1} s)" -f $base.PeakMiB, $base.WallSeconds)
$rows = foreach ($m in $Minutes) {
    $seconds = $m * 60
    $run = Measure-PeakMiB (New-SineFile $seconds)
    $samplesMiB = [math]::Round($seconds * 16000 * 4 / 1MB, 1)
    $extra = [math]::Round($run.PeakMiB - $base.PeakMiB, 1)
    [pscustomobject]@{
        Minutes        = $m
        'Peak MiB'     = $run.PeakMiB
        '2 s peak MiB' = $base.PeakMiB
        'Extra MiB'    = $extra
        'Samples MiB'  = $samplesMiB
        'Extra / samples' = [math]::Round($extra / $samplesMiB, 2)
        'Wall s'       = $run.WallSeconds
    }
}
$rows | Format-Table -AutoSize | Out-String | Write-Host
$rows
