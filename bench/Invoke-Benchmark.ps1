#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Measures YtPipe's throughput per worker plan, its memory with one shared model, and its
    memory over a long batch.
.DESCRIPTION
    Sections (see bench/README.md for what every column means):

      Throughput  a corpus of 12 speech files (15-120 s; wav, mp3, m4a, ogg, flac, webm) made
                  with ffmpeg, transcribed by each model under each plan: sequential with 1
                  thread, sequential with every core, parallel CPU with 2, 3 and 4 workers, and
                  the automatic plan. Every run is a fresh pwsh, so peak memory is per run.
      Memory      a zero-filled model (every weight resident), 2 clips of 15 s, 1 worker x 2
                  threads against 2 workers x 1 thread: a second worker that shared the model
                  adds less than one model's size to the peak; a copy would add more.
      Soak        N copies of a 1-second clip in one process, sampling its working set every
                  50 results (-SoakSampleEvery): memory must stay flat over a long batch.

    With no section switch, a full run does Throughput and Memory; -Quick does a small
    Throughput only. With -Throughput, -Memory or -Soak, exactly the named sections run.
    Models are weightless (real encoder cost, no text), written by the tests' model writer
    (tests/Unit/Support/GgmlModelWriter.cs); where ../shared/models holds whisper.cpp's own test
    models (real vocabulary and mel filters) those are used instead, for figures comparable with
    earlier runs. Throughput numbers are the engine's, not a real model's decoding.
.PARAMETER Quick
    Smoke run: the first 3 corpus files (15, 20, 30 s), plans Sequential1 and Parallel2, tiny.en
    only (unless -Plans or -Models say otherwise). Changes the Throughput section only.
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1 -ModulePath out/YtPipe -Quick
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench     # the full run: Throughput and Memory
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1 -Soak -SoakFiles 500 -OutFile out/bench/soak.md
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1 -Throughput -Models base.en -Plans Sequential1,Parallel2,Auto
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    # The built module.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/YtPipe'),

    # Corpus, models and logs of failed runs go here; the corpus is reused when present.
    [string] $WorkPath = (Join-Path $PSScriptRoot '../out/bench'),

    # Model names: tiny.en, tiny, base.en, base, small.en, small.
    [string[]] $Models = @('tiny.en', 'base.en'),

    # Plans to run: Sequential1, SequentialAll, Parallel2, Parallel3, Parallel4, Auto (see
    # bench/README.md). The speedup column needs Sequential1.
    [string[]] $Plans = @('Sequential1', 'SequentialAll', 'Parallel2', 'Parallel3', 'Parallel4', 'Auto'),

    # Beam width for the throughput runs (the memory and soak runs are greedy).
    [ValidateRange(1, 16)]
    [int] $BeamSize = 5,

    # The Markdown report.
    [string] $OutFile = (Join-Path $PSScriptRoot '../out/bench/results.md'),

    [switch] $Quick,

    # Run the Throughput section (with -Memory or -Soak: only the sections named).
    [switch] $Throughput,

    # Run the Memory section (in the default full run).
    [switch] $Memory,

    # Run the Soak section (never by default: 500 files take a while).
    [switch] $Soak,

    # Run the ComputeTypes section (in the default full run): f16 against the quantized variants.
    [switch] $ComputeTypes,

    # Model of the Memory section, zero-filled from its weightless file.
    [string] $MemoryModel = 'base.en',

    # Files in the soak run.
    [ValidateRange(1, 100000)]
    [int] $SoakFiles = 500,

    # The soak run samples its working set after every this many results.
    [ValidateRange(1, 100000)]
    [int] $SoakSampleEvery = 50
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repoRoot = Split-Path $PSScriptRoot -Parent
$sharedRoot = Join-Path $repoRoot '../shared'
$ModulePath, $WorkPath, $OutFile = $ModulePath, $WorkPath, $OutFile | ForEach-Object { $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($_) }
$cores = [Environment]::ProcessorCount
# This same pwsh for the child runs: as a .NET tool the process is 'dotnet' running pwsh.dll.
$pwshExe = (Get-Process -Id $PID).Path
$pwshPrefix = @(if ([IO.Path]::GetFileNameWithoutExtension($pwshExe) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] })

$sections = @(if ($Throughput) { 'Throughput' }; if ($Memory) { 'Memory' }; if ($ComputeTypes) { 'ComputeTypes' }; if ($Soak) { 'Soak' })
if (-not $sections) { $sections = if ($Quick) { @('Throughput') } else { @('Throughput', 'Memory', 'ComputeTypes') } }
if ($Quick) {
    if (-not $PSBoundParameters.ContainsKey('Models')) { $Models = @('tiny.en') }
    if (-not $PSBoundParameters.ContainsKey('Plans')) { $Plans = @('Sequential1', 'Parallel2') }
}
# From bash (pwsh -File), "-Plans a,b" arrives as one string: accept commas either way.
$Models = @($Models -split ',' | ForEach-Object Trim | Where-Object { $_ })
$Plans = @($Plans -split ',' | ForEach-Object Trim | Where-Object { $_ })

# Durations and containers of the throughput corpus; the containers repeat in this order.
$corpusSeconds = 15, 20, 30, 40, 45, 60, 60, 75, 90, 100, 110, 120
$containers = @(
    @{ Ext = 'wav'; Label = 'wav/pcm_s16le'; Codec = @('-c:a', 'pcm_s16le') }
    @{ Ext = 'mp3'; Label = 'mp3/mp3'; Codec = @('-c:a', 'libmp3lame', '-b:a', '64k') }
    @{ Ext = 'm4a'; Label = 'm4a/aac'; Codec = @('-c:a', 'aac', '-b:a', '64k') }
    @{ Ext = 'ogg'; Label = 'ogg/vorbis'; Codec = @('-c:a', 'libvorbis', '-q:a', '3') }
    @{ Ext = 'flac'; Label = 'flac/flac'; Codec = @('-c:a', 'flac') }
    @{ Ext = 'webm'; Label = 'webm/opus'; Codec = @('-c:a', 'libopus', '-b:a', '32k') }
)
$speechText = 'The quick brown fox jumps over the lazy dog. A benchmark needs speech that sounds like a person talking. ' +
    'Every clip in this corpus is made of the same few sentences, repeated until it is long enough.'

function Invoke-Ffmpeg([string[]] $Arguments) {
    & ffmpeg -hide_banner -loglevel error -nostdin -y @Arguments
    if ($LASTEXITCODE -ne 0) { throw "ffmpeg $($Arguments -join ' ') failed (exit code $LASTEXITCODE)." }
}

function Get-MediaSeconds([string] $Path) {
    [math]::Round([double](& ffprobe -v error -show_entries format=duration -of csv=p=0 $Path), 1)
}

# Makes $Path once: ffmpeg writes a temporary name beside it, then a rename, so a run that was
# cut short never leaves a half file that a later run would reuse.
function New-MediaFile([string] $Path, [scriptblock] $Write) {
    if (Test-Path -LiteralPath $Path) { return }
    $partial = Join-Path (Split-Path $Path) ('partial-' + (Split-Path $Path -Leaf))
    & $Write $partial
    Move-Item -LiteralPath $partial -Destination $Path -Force
}

# speech.wav: a few flite sentences at 16 kHz, the source every clip loops.
function Get-SpeechSource {
    $path = Join-Path $WorkPath 'speech.wav'
    New-MediaFile $path { param($to) Invoke-Ffmpeg @('-f', 'lavfi', '-i', "flite=text='$speechText':voice=kal16", $to) }
    $path
}

function New-SpeechClip([string] $Path, [double] $Seconds, [string[]] $Codec = @()) {
    $source = Get-SpeechSource
    New-MediaFile $Path { param($to) Invoke-Ffmpeg (@('-stream_loop', '-1', '-i', $source, '-t', $Seconds, '-vn') + $Codec + $to) }
}

# The first $Count files of the corpus, made where missing.
function Initialize-Corpus([int] $Count) {
    $folder = Join-Path $WorkPath 'corpus'
    New-Item -ItemType Directory -Force $folder | Out-Null
    for ($i = 0; $i -lt $Count; $i++) {
        $container = $containers[$i % $containers.Count]
        $path = Join-Path $folder ('{0:d2}-{1:d3}s.{2}' -f ($i + 1), $corpusSeconds[$i], $container.Ext)
        New-SpeechClip $path $corpusSeconds[$i] $container.Codec
        [pscustomobject]@{ File = Split-Path $path -Leaf; Container = $container.Label; Seconds = Get-MediaSeconds $path; Path = $path }
    }
}

# Writes the weightless models as ggml-NAME.bin, the names -Model looks up.
function Initialize-Models([string[]] $Names) {
    $folder = Join-Path $WorkPath 'models'
    New-Item -ItemType Directory -Force $folder | Out-Null
    foreach ($name in $Names | Select-Object -Unique) {
        $writer = Get-ModelWriter $name
        New-MediaFile (Join-Path $folder "ggml-$name.bin") { param($to) $null = $writer.WriteTo($to) }
    }
    $folder
}

# The writer of model $Name: whisper.cpp's own test model's header, filters and vocabulary when
# ../shared/models has it (the figures of earlier runs came from those), else a synthetic one.
function Get-ModelWriter([string] $Name) {
    $writerType = 'YtPipe.Tests.Support.GgmlModelWriter'
    if (-not ($writerType -as [type])) { Add-Type -Path (Join-Path $repoRoot 'tests/Unit/Support/GgmlModelWriter.cs') }
    $shared = Join-Path $sharedRoot "models/for-tests-ggml-$Name.bin"
    if (Test-Path -LiteralPath $shared) { ($writerType -as [type])::ReadFrom($shared) }
    else { ($writerType -as [type])::ForName($Name) }
}

# A zero-filled $Name (every tensor, all zeros) of file type $FileType (1 f16, 7 q8_0, ...) at $Path.
# The writer leaves the zeros as holes in a sparse file; whisper.cpp reads them into its own
# buffers, so every weight is still resident.
function New-ZeroModel([string] $Path, [string] $Name, [int] $FileType = 1) {
    $writer = (Get-ModelWriter $Name).WithFileType($FileType)
    New-MediaFile $Path { param($to) $null = $writer.WriteZeroFilledTo($to) }
}

# The plans by name: Invoke-YtTranscription parameters and a label for the tables.
function Get-PlanCatalog {
    [ordered]@{
        Sequential1   = @{ Label = 'sequential, 1 thread'; Parameters = @{ Strategy = 'Sequential'; Threads = 1 } }
        SequentialAll = @{ Label = "sequential, $cores threads"; Parameters = @{ Strategy = 'Sequential'; Threads = $cores } }
        Parallel2     = @{ Label = 'parallel CPU, 2 workers'; Parameters = @{ Strategy = 'ParallelCpu'; Workers = 2 } }
        Parallel3     = @{ Label = 'parallel CPU, 3 workers'; Parameters = @{ Strategy = 'ParallelCpu'; Workers = 3 } }
        Parallel4     = @{ Label = 'parallel CPU, 4 workers'; Parameters = @{ Strategy = 'ParallelCpu'; Workers = 4 } }
        Auto          = @{ Label = 'auto'; Parameters = @{} }
    }
}

# One run in a fresh pwsh (Measure-Transcription.ps1) with a fresh output folder. Returns the
# child's result with the plan line parsed, or $null (and a warning naming the log) on failure.
function Invoke-BenchRun([string] $Name, [string[]] $Inputs, [hashtable] $Parameters, [int] $SampleEvery = 0) {
    $runDir = Join-Path ([IO.Path]::GetTempPath()) "ytpipe-bench-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    New-Item -ItemType Directory $runDir | Out-Null
    try {
        $spec = @{
            ModulePath = $ModulePath; Inputs = $Inputs; SampleEvery = $SampleEvery
            Parameters = $Parameters + @{ OutputDirectory = (Join-Path $runDir 'transcripts') }
            ResultPath = Join-Path $runDir 'result.json'
        }
        $spec | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $runDir 'spec.json')
        $log = Join-Path $runDir 'run.log'
        Write-Host "  $Name ... " -NoNewline
        & $pwshExe @pwshPrefix -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Transcription.ps1') -SpecPath (Join-Path $runDir 'spec.json') *> $log
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path $spec.ResultPath)) {
            $kept = Join-Path $WorkPath "failed-$($Name -replace '[^\w.-]', '_').log"
            Copy-Item $log $kept -Force
            Write-Host 'failed'
            Write-Warning "$Name failed (exit code $LASTEXITCODE); its output is in $kept"
            return $null
        }
        $result = Get-Content -Raw $spec.ResultPath | ConvertFrom-Json
        $workers, $threads = if ($result.Plan -match '(\d+) workers? x ([\d/]+) threads?') { [int]$Matches[1], $Matches[2] } else { 1, '?' }
        $loadSeconds = if ($result.ModelLoad -match ' in ([\d.]+) s') { [double]$Matches[1] } else { $null }
        $result | Add-Member -PassThru -NotePropertyMembers @{ Name = $Name; Workers = $workers; Threads = $threads; LoadSeconds = $loadSeconds }
        Write-Host ('{0} x {1}, {2} files, {3:0.0} s, peak {4:0} MiB' -f $workers, $threads, $result.Files, $result.WallSeconds, $result.PeakMiB)
    }
    finally { Remove-Item $runDir -Recurse -Force -ErrorAction SilentlyContinue }
}

function Format-Statuses($Run) {
    ($Run.Statuses.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', '
}

# Statuses other than Transcribed, and the warnings (the oversubscription one shortened).
function Get-RunNotes($Run) {
    $notes = @(if ($Run.Statuses.PSObject.Properties.Name -ne 'Transcribed') { Format-Statuses $Run }) +
        @($Run.Warnings | Select-Object -Unique | ForEach-Object { $_ -replace '^.* is (\d+) threads on (\d+) logical cores.*$', 'oversubscribed: $1 threads on $2 cores' })
    $notes -join '; '
}

function Invoke-ThroughputSection([object[]] $Corpus) {
    $catalog = Get-PlanCatalog
    $inputs = @($Corpus.Path)
    foreach ($model in $Models) {
        Write-Host "Throughput, $model ($($inputs.Count) files, beam $BeamSize):"
        $runs = foreach ($plan in $Plans) {
            $parameters = @{ Model = $model; BeamSize = $BeamSize } + $catalog[$plan].Parameters
            $run = Invoke-BenchRun "$model $plan" $inputs $parameters
            if ($run) { $run | Add-Member -PassThru Label $catalog[$plan].Label }
        }
        $baseline = $runs | Where-Object Label -eq $catalog.Sequential1.Label | Select-Object -First 1
        foreach ($run in $runs) {
            [pscustomobject][ordered]@{
                'Model'             = $model
                'Plan'              = $run.Label
                'Workers x threads' = "$($run.Workers) x $($run.Threads)"
                'Files'             = $run.Files
                'Audio s'           = [math]::Round($run.AudioSeconds, 1)
                'Wall s'            = [math]::Round($run.WallSeconds, 1)
                'Audio s / wall s'  = [math]::Round($run.AudioSeconds / $run.WallSeconds, 2)
                'Speedup'           = if ($baseline) { [math]::Round($baseline.WallSeconds / $run.WallSeconds, 2) } else { $null }
                'Peak MiB'          = [math]::Round($run.PeakMiB)
                'Model share %'     = [math]::Round(100 * $run.ModelSeconds / ($run.WallSeconds * $run.Workers), 1)
                'Load s'            = $run.LoadSeconds
                'Notes'             = Get-RunNotes $run
            }
        }
    }
}

function Invoke-MemorySection {
    $folder = Join-Path $WorkPath 'memory'
    New-Item -ItemType Directory -Force $folder | Out-Null
    $model = Join-Path $folder "ggml-$MemoryModel-zero.bin"
    New-ZeroModel $model $MemoryModel
    $clips = foreach ($i in 1, 2) { $p = Join-Path $folder "clip-$i.wav"; New-SpeechClip $p 15; $p }
    $modelMiB = [math]::Round((Get-Item $model).Length / 1MB, 1)
    Write-Host "Memory, zero-filled $MemoryModel ($modelMiB MiB), 2 clips of 15 s, greedy:"
    $common = @{ ModelPath = $model; BeamSize = 1 }
    $runs = @(
        Invoke-BenchRun '1 worker x 2 threads' $clips ($common + @{ Strategy = 'Sequential'; Threads = 2 })
        Invoke-BenchRun '2 workers x 1 thread' $clips ($common + @{ Strategy = 'ParallelCpu'; Workers = 2; Threads = 1 })
    ) | Where-Object { $_ }
    $rows = foreach ($run in $runs) {
        [pscustomobject][ordered]@{
            'Workers x threads' = "$($run.Workers) x $($run.Threads)"; 'Files' = $run.Files; 'Wall s' = [math]::Round($run.WallSeconds, 1)
            'Baseline MiB' = [math]::Round($run.BaselineMiB); 'Peak MiB' = [math]::Round($run.PeakMiB)
            'Peak - baseline MiB' = [math]::Round($run.PeakMiB - $run.BaselineMiB)
        }
    }
    # A second copy of the model would add at least the model's size on top of the second
    # worker's own decoder state; a shared model adds only that state.
    $summary = if (@($runs).Count -eq 2) {
        $second = $runs[1].PeakMiB - $runs[0].PeakMiB
        $state = $runs[0].PeakMiB - $runs[0].BaselineMiB - $modelMiB
        $verdict = if ($second -lt $modelMiB) { 'less than one model, so the two workers share one model' } else { 'at least one model, so the second worker seems to hold its own copy' }
        "Model file: $modelMiB MiB. The second worker adds $([math]::Round($second)) MiB to the peak " +
        "($([math]::Round(100 * $second / $modelMiB))% of the model file): $verdict. For scale, one worker's run costs " +
        "$([math]::Round($state)) MiB besides the model (decoder state, audio, allocator)."
    }
    @{ Rows = $rows; Summary = $summary }
}

function Invoke-ComputeTypesSection {
    # Zero-filled variants of one model (every weight really in memory and in the matmuls), each
    # on the same 30 s clip: one encoder window, greedy. Zero weights make the decoder emit junk
    # and fall back through the temperatures, so the time is encoder plus a fixed junk decode.
    $folder = Join-Path $WorkPath 'computetypes'
    New-Item -ItemType Directory -Force $folder | Out-Null
    $clip = Join-Path $folder 'clip-30s.wav'
    New-SpeechClip $clip 30
    $variants = [ordered]@{ f16 = 1; q8_0 = 7; q5_1 = 9; q5_0 = 8 }
    Write-Host "Compute types, zero-filled $MemoryModel, one 30 s clip, greedy, $cores threads:"
    $runs = foreach ($precision in $variants.Keys) {
        $model = Join-Path $folder "ggml-$MemoryModel-$precision-zero.bin"
        New-ZeroModel $model $MemoryModel $variants[$precision]
        $run = Invoke-BenchRun "$MemoryModel $precision" @($clip) @{ ModelPath = $model; BeamSize = 1; Threads = $cores; Strategy = 'Sequential' }
        if ($run) { [pscustomobject]@{ Precision = $precision; MiB = [math]::Round((Get-Item $model).Length / 1MB); Run = $run } }
    }
    $f16 = ($runs | Where-Object Precision -eq 'f16').Run
    $rows = foreach ($r in $runs) {
        [pscustomobject][ordered]@{
            'Precision' = $r.Precision; 'Model MiB' = $r.MiB; 'Wall s' = [math]::Round($r.Run.WallSeconds, 1)
            'Model s' = [math]::Round($r.Run.ModelSeconds, 1)
            'Speed vs f16' = if ($f16) { [math]::Round($f16.ModelSeconds / $r.Run.ModelSeconds, 2) } else { '' }
            'Peak MiB' = [math]::Round($r.Run.PeakMiB)
        }
    }
    @{ Rows = $rows; Summary = "Model s is the model's own time (ModelTime) for the clip; Speed vs f16 compares those. -ComputeType Auto on CPU prefers q8_0, then q5_1, then q5_0." }
}

function Invoke-SoakSection {
    $folder = Join-Path $WorkPath 'soak'
    New-Item -ItemType Directory -Force $folder | Out-Null
    $one = Join-Path $WorkPath 'one-second.wav'
    New-SpeechClip $one 1
    $inputs = foreach ($i in 1..$SoakFiles) {
        $p = Join-Path $folder ('soak-{0:d5}.wav' -f $i)
        if (-not (Test-Path -LiteralPath $p)) { Copy-Item -LiteralPath $one $p }
        $p
    }
    Write-Host "Soak, $SoakFiles files of 1 s, tiny.en, greedy, 2 threads, one process:"
    $run = Invoke-BenchRun "soak $SoakFiles" $inputs @{ Model = 'tiny.en'; BeamSize = 1; Threads = 2 } -SampleEvery $SoakSampleEvery
    if (-not $run) { return @{ Rows = @(); Summary = 'The soak run failed.' } }
    $rows = $run.Samples | ForEach-Object {
        [pscustomobject][ordered]@{ 'Results' = $_.Results; 'Seconds' = $_.Seconds; 'Working set MiB' = $_.WorkingSetMiB; 'Managed heap MiB' = $_.ManagedMiB }
    }
    $first, $last = $run.Samples[0], $run.Samples[-1]
    $summary = "$($run.Files) results ($(Format-Statuses $run)) in $([math]::Round($run.WallSeconds)) s; working set " +
        "$($first.WorkingSetMiB) MiB after the first result, $($last.WorkingSetMiB) MiB after the last " +
        "($([math]::Round($last.WorkingSetMiB - $first.WorkingSetMiB, 1)) MiB), peak $($run.PeakMiB) MiB."
    @{ Rows = $rows; Summary = $summary }
}

function ConvertTo-MarkdownTable([object[]] $Rows) {
    if (-not $Rows) { return '(no rows)' }
    $names = $Rows[0].PSObject.Properties.Name
    $align = foreach ($n in $names) { if ($Rows[0].$n -is [ValueType]) { '---:' } else { '---' } }
    '| ' + ($names -join ' | ') + ' |'
    '|' + ($align -join '|') + '|'
    foreach ($row in $Rows) { '| ' + (($names | ForEach-Object { [string]$row.$_ }) -join ' | ') + ' |' }
}

# Console tables as wide as they need to be: a narrow terminal would cut columns off.
function Show-Table([object[]] $Rows) { $Rows | Format-Table -Property * -AutoSize | Out-String -Width 400 | Write-Host }

function Get-MachineDescription {
    $cpu = if (Test-Path /proc/cpuinfo) { (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.*)' | Select-Object -First 1).Matches.Groups[1].Value }
    $version = (Import-PowerShellDataFile (Join-Path $ModulePath 'YtPipe.psd1')).ModuleVersion
    "$(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC; $cpu, $cores logical cores; " +
    "$([Runtime.InteropServices.RuntimeInformation]::OSDescription); PowerShell $($PSVersionTable.PSVersion); YtPipe $version; " +
    "$((& ffmpeg -hide_banner -version | Select-Object -First 1) -replace ' Copyright.*')"
}

if (-not (Test-Path (Join-Path $ModulePath 'YtPipe.psd1'))) { throw "No built module at ${ModulePath}: run 'dotnet pwsh ./build.ps1' first." }
$unknown = $Plans | Where-Object { $_ -notin (Get-PlanCatalog).Keys }
if ($unknown) { throw "Unknown plan(s): $($unknown -join ', '). Plans: $((Get-PlanCatalog).Keys -join ', ')." }
foreach ($tool in 'ffmpeg', 'ffprobe') { if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "$tool is not on PATH." } }
New-Item -ItemType Directory -Force $WorkPath, (Split-Path $OutFile) | Out-Null

$report = [Collections.Generic.List[string]]::new()
$report.Add('# YtPipe benchmark'); $report.Add('')
$report.Add("$(Get-MachineDescription). Sections: $($sections -join ', ')$(if ($Quick) { ' (quick)' })."); $report.Add('')
$savedModelDir = $env:YTPIPE_MODEL_DIR
try {
    $env:YTPIPE_MODEL_DIR = Initialize-Models (@(if ('Throughput' -in $sections) { $Models }) + @(if ('Soak' -in $sections) { 'tiny.en' }))

    if ('Throughput' -in $sections) {
        $corpus = @(Initialize-Corpus $(if ($Quick) { 3 } else { $corpusSeconds.Count }))
        Show-Table ($corpus | Select-Object File, Container, Seconds)
        $rows = @(Invoke-ThroughputSection $corpus)
        Show-Table $rows
        $report.Add('## Throughput'); $report.Add('')
        $report.Add("Weightless models (full encoder cost, no text), beam $BeamSize, every run a fresh process. Corpus:"); $report.Add('')
        $report.AddRange([string[]](ConvertTo-MarkdownTable ($corpus | Select-Object File, Container, Seconds))); $report.Add('')
        $report.AddRange([string[]](ConvertTo-MarkdownTable $rows)); $report.Add('')
    }
    foreach ($section in 'Memory', 'ComputeTypes', 'Soak' | Where-Object { $_ -in $sections }) {
        $outcome = & "Invoke-$($section)Section"
        Show-Table $outcome.Rows
        Write-Host $outcome.Summary
        $report.Add("## $section"); $report.Add('')
        $report.AddRange([string[]](ConvertTo-MarkdownTable $outcome.Rows)); $report.Add('')
        if ($outcome.Summary) { $report.Add($outcome.Summary); $report.Add('') }
    }
}
finally { $env:YTPIPE_MODEL_DIR = $savedModelDir }

Set-Content -LiteralPath $OutFile -Value $report
Write-Host "Report: $OutFile"
