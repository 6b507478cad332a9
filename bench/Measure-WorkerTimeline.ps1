#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Per-worker timelines of one batch: which file each worker ran, when, and how long the other
    workers idled at the tail.
.DESCRIPTION
    Makes (once) a corpus of 16 kHz WAV files of looped flite speech, named so that a folder lists
    them shortest first (-Seconds, default the 12 lengths of Invoke-Benchmark's corpus), and
    transcribes them in a fresh pwsh with YtPipe's defaults and a weightless model. For each result:
    the worker, the moment the result arrived (End) and the time in the model (ModelTime); the
    model span is End - ModelTime .. End. The tail idle is, for each worker, the time between its
    last result and the batch's last result: a core left idle while another worker finishes.

    Prints a Markdown table and the timeline lines; nothing is written outside -WorkPath.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-WorkerTimeline.ps1 -ModulePath out/YtPipe
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-WorkerTimeline.ps1 -Seconds (1..8 | ForEach-Object { 60 }) -Runtime stock
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/YtPipe'),
    [double[]] $Seconds = @(15, 20, 30, 40, 45, 60, 60, 75, 90, 100, 110, 120),
    [string] $Model = 'tiny.en',
    # YTPIPE_RUNTIME for the child: stock, auto, or a native runtime's folder.
    [string] $Runtime = 'stock',
    [string] $WorkPath = (Join-Path $PSScriptRoot '../out/bench/timeline')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'BenchSupport.ps1')
$WorkPath = Initialize-BenchFolder $WorkPath

# The tests' model writer: a weightless model runs the encoder at full cost and writes no text.
Add-Type -Path (Join-Path $PSScriptRoot '../tests/Unit/Support/GgmlModelWriter.cs') -ErrorAction SilentlyContinue
$modelPath = Join-Path $WorkPath "ggml-$Model.bin"
if (-not (Test-Path $modelPath)) { [YtPipe.Tests.Support.GgmlModelWriter]::ForName($Model).WriteTo($modelPath) | Out-Null }

$corpus = Join-Path $WorkPath ('corpus-' + (($Seconds | ForEach-Object { $_ }) -join '-'))
New-Item -ItemType Directory -Force $corpus | Out-Null
$inputs = for ($i = 0; $i -lt $Seconds.Count; $i++) {
    $path = Join-Path $corpus ('{0:d2}-{1:000}s.wav' -f ($i + 1), $Seconds[$i])
    New-LoopedSpeechWav $WorkPath $path $Seconds[$i]
    $path
}

$child = Join-Path $WorkPath 'timeline-run.ps1'
Set-Content $child @'
param($ModulePath, $ModelPath, $InputList, $OutDir)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$clock = [Diagnostics.Stopwatch]::StartNew()
$rows = Invoke-YtTranscription -LiteralPath (Get-Content $InputList) -ModelPath $ModelPath -OutputDirectory $OutDir -Force |
    ForEach-Object { [pscustomobject]@{ File = Split-Path -Leaf $_.Path; Worker = $_.Worker; End = $clock.Elapsed.TotalSeconds; Model = $_.ModelTime.TotalSeconds; Status = "$($_.Status)" } }
[pscustomobject]@{ Wall = $clock.Elapsed.TotalSeconds; Results = @($rows) } | ConvertTo-Json -Depth 4 -Compress
'@
$list = Join-Path $WorkPath 'inputs.txt'
Set-Content $list $inputs
$outDir = Join-Path $WorkPath 'transcripts'
$env:YTPIPE_RUNTIME = $Runtime
try {
    $pwsh = Get-PwshInvocation
    $json = & $pwsh.Exe @($pwsh.Prefix) -NoProfile -NonInteractive -File $child (Resolve-Path $ModulePath).Path $modelPath $list $outDir
    if ($LASTEXITCODE -ne 0) { throw "The YtPipe run failed: $json" }
}
finally {
    Remove-Item Env:YTPIPE_RUNTIME
    if (Test-Path $outDir) { Remove-Item $outDir -Recurse -Force }
}
$run = ($json | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
$last = ($run.Results | Measure-Object End -Maximum).Maximum

"Load average: $((Get-Content /proc/loadavg) -replace '^(\S+ \S+ \S+).*', '$1'); $($Seconds.Count) files, $Model (weightless), YTPIPE_RUNTIME=$Runtime; wall $('{0:0.0}' -f $run.Wall) s."
''
'| Worker | Files in the order it ran them (model span, s) | Tail idle s |'
'|---|---|---:|'
foreach ($w in $run.Results | Group-Object Worker | Sort-Object Name) {
    $spans = ($w.Group | Sort-Object End | ForEach-Object { '{0} ({1:0.0}-{2:0.0})' -f ($_.File -replace '\.wav$'), ($_.End - $_.Model), $_.End }) -join ', '
    '| {0} | {1} | {2:0.0} |' -f $w.Name, $spans, ($last - ($w.Group | Measure-Object End -Maximum).Maximum)
}
