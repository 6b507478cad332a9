#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Word error rate of YtPipe's transcripts against reference texts, per -ShortClip mode.
.DESCRIPTION
    The speed-ups for short clips (-ShortClip AudioContext, Pack) change what Whisper sees: it was
    trained on 30 s windows only. This project's machines have no real model weights, so their
    effect on accuracy could not be measured there. Run this with a real model to decide from
    evidence whether a mode can become the default.

    Corpus: a folder of audio files, each with its reference transcript beside it under the same
    name with the extension .txt (LibriSpeech's test-clean, cut into short utterances, is a good
    public choice: its utterances are 2-35 s). Every mode transcribes every file (in this one
    process, with -Force into a temporary folder); hypothesis and reference are normalised
    (lower case, punctuation removed, whitespace collapsed) and compared word by word
    (Levenshtein: substitutions + deletions + insertions over the reference's word count).

    Returns one row per mode (files, failed files, reference words, errors, WER %, wall seconds)
    and, with -PerFile, prints each file's WER; -OutFile also writes the table as Markdown. A file
    that fails to transcribe is named in a warning and counts as every reference word deleted.
    The scoring is in WordErrorRate.ps1 (tests/Pester/BenchAccuracy.Tests.ps1 checks it).
.EXAMPLE
    dotnet pwsh ./bench/Measure-Accuracy.ps1 -Corpus ~/librispeech-short -Model base.en
.EXAMPLE
    dotnet pwsh ./bench/Measure-Accuracy.ps1 -Corpus ./clips -ModelPath ~/models/ggml-small.en.bin -Modes Off, AudioContext, Pack -PerFile
#>
[CmdletBinding(DefaultParameterSetName = 'Name')]
param(
    [Parameter(Mandatory)] [string] $Corpus,
    [Parameter(ParameterSetName = 'Name')] [string] $Model = 'base.en',
    [Parameter(Mandatory, ParameterSetName = 'Path')] [string] $ModelPath,
    [ValidateSet('Off', 'AudioContext', 'Pack')]
    [string[]] $Modes = @('Off', 'AudioContext', 'Pack'),
    [string] $Language,
    [int] $BeamSize = 5,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/YtPipe'),
    [switch] $PerFile,
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Resolve-Path $ModulePath).Path

. (Join-Path $PSScriptRoot 'WordErrorRate.ps1')

$files = @(Get-ChildItem -LiteralPath $Corpus -File | Where-Object { $_.Extension -ne '.txt' -and (Test-Path ([IO.Path]::ChangeExtension($_.FullName, '.txt'))) } | Sort-Object Name)
if (-not $files) { throw "No audio file in $Corpus has a reference transcript beside it (same name, .txt)." }
$modelArgs = if ($PSCmdlet.ParameterSetName -eq 'Path') { @{ ModelPath = $ModelPath } } else { @{ Model = $Model } }
if ($Language) { $modelArgs.Language = $Language }
$temp = Join-Path ([IO.Path]::GetTempPath()) "ytpipe-accuracy-$PID"

$rows = foreach ($mode in $Modes) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $results = @(Invoke-YtTranscription -LiteralPath $files.FullName @modelArgs -BeamSize $BeamSize -ShortClip $mode -OutputDirectory $temp -OutputFormat Txt -Force -ErrorAction SilentlyContinue)
    # A file that fails is a result with its status (and an error record, silenced: the warning below names it).
    $wall = $clock.Elapsed.TotalSeconds
    Remove-Item $temp -Recurse -Force -ErrorAction Ignore
    $errors = 0; $words = 0
    $failed = @($results | Where-Object { "$($_.Status)" -ne 'Transcribed' })
    foreach ($f in $failed) { Write-Warning "$mode`: $(Split-Path -Leaf $f.Path) was not transcribed ($($f.Status), $($f.ErrorId): $($f.ErrorMessage)); it counts as every reference word deleted." }
    foreach ($r in $results) {
        $reference = @(ConvertTo-Words (Get-Content -Raw ([IO.Path]::ChangeExtension($r.Path, '.txt'))))
        $hypothesis = @(ConvertTo-Words $r.Text)
        $e = Get-EditDistance $reference $hypothesis
        $errors += $e; $words += $reference.Count
        if ($PerFile) { Write-Host ('{0,-14} {1,-40} WER {2,6:0.0} %' -f $mode, (Split-Path -Leaf $r.Path), (100 * $e / [math]::Max(1, $reference.Count))) }
    }
    [pscustomobject]@{
        Mode        = $mode
        Runtime     = ($results | Select-Object -First 1).Runtime
        Files       = $results.Count
        Failed      = $failed.Count
        Words       = $words
        Errors      = $errors
        'WER %'     = [math]::Round(100 * $errors / [math]::Max(1, $words), 2)
        'Wall s'    = [math]::Round($wall, 1)
    }
}
if ($OutFile) {
    $md = @('| Mode | Runtime | Files | Failed | Words | Errors | WER % | Wall s |', '|---|---|---|---|---|---|---|---|') +
        ($rows | ForEach-Object { "| $($_.Mode) | $($_.Runtime) | $($_.Files) | $($_.Failed) | $($_.Words) | $($_.Errors) | $($_.'WER %') | $($_.'Wall s') |" })
    Set-Content -Path $OutFile -Value $md -Encoding utf8
}
$rows
