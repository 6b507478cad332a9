#!/usr/bin/env pwsh

<#
.SYNOPSIS
    The short-clip modes side by side, without the CLI: -ShortClip Off, AudioContext and Pack over
    one corpus of short WAV clips, with a weightless model.
.DESCRIPTION
    Makes -Clips 16 kHz WAV files of -Seconds s of looped flite speech (once, under -WorkPath), writes
    a weightless tiny.en (whisper.cpp runs the encoder at its real cost and decodes almost nothing),
    and times Invoke-YtTranscription over the whole corpus once per mode per round, the modes
    interleaved, in this process (model load included). Prints one line per run and the load
    average; the runtime is the module's default (YTPIPE_RUNTIME chooses it).
    Compare-WhisperCli.ps1 -Sections ShortClips does the same against whisper-cli, with the native runtime.
.EXAMPLE
    dotnet pwsh ./bench/Measure-ShortClips.ps1 -Clips 40 -Seconds 3 -Repeat 1
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/YtPipe'),
    [int] $Clips = 40,
    [int] $Seconds = 3,
    [int] $Repeat = 1,
    [ValidateSet('Off', 'AudioContext', 'Pack')]
    [string[]] $Modes = @('Off', 'AudioContext', 'Pack'),
    [string] $WorkPath = (Join-Path $PSScriptRoot '../out/bench/short')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'BenchSupport.ps1')
$WorkPath = Initialize-BenchFolder $WorkPath
Import-Module $ModulePath -Force

$corpus = Join-Path $WorkPath "clips-$Seconds"
New-Item -ItemType Directory -Force $corpus | Out-Null
foreach ($i in 1..$Clips) { New-LoopedSpeechWav $WorkPath (Join-Path $corpus ('{0:d2}-{1}s.wav' -f $i, $Seconds)) $Seconds }
$inputs = @(Get-ChildItem $corpus -Filter '*.wav' | Where-Object Name -NotLike '*.tmp.wav' | Sort-Object Name | Select-Object -First $Clips).FullName

Add-Type -Path (Join-Path $PSScriptRoot '../tests/Unit/Support/GgmlModelWriter.cs') -ErrorAction SilentlyContinue
$model = Join-Path $WorkPath 'ggml-tiny.en.bin'
if (-not (Test-Path $model)) { [YtPipe.Tests.Support.GgmlModelWriter]::ForName('tiny.en').WriteTo($model) | Out-Null }

$out = Join-Path $WorkPath 'transcripts'
foreach ($round in 1..$Repeat) {
    foreach ($mode in $Modes) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = @(Invoke-YtTranscription -LiteralPath $inputs -ModelPath $model -OutputDirectory $out -Force -ShortClip $mode -OutputFormat Json)
        $wall = $clock.Elapsed.TotalSeconds
        $done = @($results | Where-Object Status -EQ 'Transcribed').Count
        '{0,-13} round {1}: {2,7:0.00} s wall, {3}/{4} transcribed, runtime {5}' -f $mode, $round, $wall, $done, $inputs.Count, ($results | Select-Object -First 1).Runtime
        Remove-Item $out -Recurse -Force
    }
}
"Load average: $((Get-Content /proc/loadavg) -replace '^(\S+ \S+ \S+).*', '$1'); $([Environment]::ProcessorCount) logical cores"
