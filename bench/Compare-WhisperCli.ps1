#!/usr/bin/env pwsh

<#
.SYNOPSIS
    YtPipe against whisper-cli built from the same whisper.cpp source, in one run.
.DESCRIPTION
    Builds whisper-cli and YtPipe's native runtime from one whisper.cpp v1.8.5 source
    (build.ps1 -Task NativeRuntime -WhisperCli), makes a corpus of 16 kHz WAV files (the CLI reads
    only WAV), and times, interleaved over -Repeat rounds so that a change in the machine's load
    hits every configuration alike:

      cli-default     one whisper-cli over every file, its default threads (min(4, cores))
      cli-PxT         P whisper-cli processes of T threads each, P x T = cores, files shared out
                      longest first; the best of these is "the CLI's best plan"
      ytpipe-stock    Invoke-YtTranscription with its defaults, Whisper.net's stock runtime
      ytpipe-native   the same with the native runtime
      ytpipe-portable the same with a portable runtime, when -PortableRuntimePath names one

    and on a short-clip corpus (-ShortClips clips of -ShortClipSeconds s, tiny.en):

      cli-default, cli-ac256 (the CLI's -ac 256), ytpipe-native, ytpipe-native-ac
      (-ShortClip AudioContext), ytpipe-native-pack (-ShortClip Pack)

    Every run uses a weightless model (header and vocabulary, no tensors): whisper.cpp runs the
    encoder at the real cost and decodes almost nothing, so the numbers are the encoder's, which
    is where the CPU build matters. Times: the CLI's process wall time (model load included);
    YtPipe's is a stopwatch around Invoke-YtTranscription in a fresh pwsh (model load included,
    pwsh's start and the module import not).

    YtPipe runs also record when each file ended on each worker (end = arrival of the result,
    start = end - ModelTime: Elapsed would count the decode, which runs ahead on another thread):
    the per-worker timeline shows idle cores at the tail of a batch (Measure-WorkerTimeline.ps1
    does this alone, without the CLI).

    Writes a Markdown report to -OutFile: a section between markers in bench/RESULTS.md by default,
    replaced on each run.
.EXAMPLE
    dotnet pwsh ./bench/Compare-WhisperCli.ps1 -WhisperCppSource ../shared/vendor/whisper.cpp-1.8.5.tar.gz
.EXAMPLE
    dotnet pwsh ./bench/Compare-WhisperCli.ps1 -Models tiny.en -Repeat 1 -Sections ShortClips
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/YtPipe'),
    # whisper.cpp v1.8.5 source (folder or tarball); default: ../shared/vendor's tarball when present, else a download.
    [string] $WhisperCppSource,
    [string[]] $Models = @('tiny.en', 'base.en'),
    [int] $Repeat = 2,
    # Long corpus: -Files files of -FileSeconds s (8 x 60 s = 480 s, as in the issue's measurements).
    [int] $Files = 8,
    [int] $FileSeconds = 60,
    [int] $ShortClips = 40,
    [int] $ShortClipSeconds = 3,
    [ValidateSet('Long', 'ShortClips')]
    [string[]] $Sections = @('Long', 'ShortClips'),
    [string] $WorkPath = (Join-Path $PSScriptRoot '../out/bench/cli'),
    # A portable runtime (build.ps1 -Task NativeRuntime -Portable -NativeRuntimePath <folder>): adds ytpipe-portable to the long corpus.
    [string] $PortableRuntimePath,
    [string] $OutFile = (Join-Path $PSScriptRoot 'RESULTS.md')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$ModulePath = (Resolve-Path $ModulePath).Path
. (Join-Path $PSScriptRoot 'BenchSupport.ps1')
$WorkPath = Initialize-BenchFolder $WorkPath
$cores = [Environment]::ProcessorCount
$pwsh = Get-PwshInvocation
$pwshExe = $pwsh.Exe
$pwshPrefix = $pwsh.Prefix

# --- Build: whisper-cli and the native runtime from one source -------------------------------
if (-not $WhisperCppSource) {
    $vendored = Join-Path $repo '../shared/vendor/whisper.cpp-1.8.5.tar.gz'
    if (Test-Path $vendored) { $WhisperCppSource = $vendored }
}
$native = Join-Path $WorkPath 'native'
$buildArgs = @('-Task', 'NativeRuntime', '-WhisperCli', '-NativeRuntimePath', $native) + @(if ($WhisperCppSource) { '-WhisperCppSource', (Resolve-Path $WhisperCppSource).Path })
& $pwshExe @pwshPrefix -NoProfile -NonInteractive -File (Join-Path $repo 'build.ps1') @buildArgs
if ($LASTEXITCODE -ne 0) { throw 'Building whisper-cli and the native runtime failed.' }
$cli = Join-Path $repo 'out/native/build/bin/whisper-cli'
$gnuTime = if (Test-Path /usr/bin/time) { '/usr/bin/time' }
$loadStart = (Get-Content /proc/loadavg) -replace '^(\S+ \S+ \S+).*', '$1'

# --- Models and corpora -----------------------------------------------------------------------
Add-Type -Path (Join-Path $repo 'tests/Unit/Support/GgmlModelWriter.cs') -ErrorAction SilentlyContinue
$modelDir = Join-Path $WorkPath 'models'
New-Item -ItemType Directory -Force $modelDir | Out-Null
$modelPaths = @{}
foreach ($m in @($Models) + @('tiny.en') | Select-Object -Unique) {
    $path = Join-Path $modelDir "ggml-$m.bin"
    if (-not (Test-Path $path)) { [YtPipe.Tests.Support.GgmlModelWriter]::ForName($m).WriteTo($path) | Out-Null }
    $modelPaths[$m] = $path
}

function New-Corpus([string] $Name, [int] $Count, [int] $Seconds) {
    <# $Count 16 kHz mono WAV files of looped flite speech, made once (written under a temp name, then renamed). #>
    $folder = Join-Path $WorkPath $Name
    New-Item -ItemType Directory -Force $folder | Out-Null
    foreach ($i in 1..$Count) { New-LoopedSpeechWav $WorkPath (Join-Path $folder ('{0:d2}-{1}s.wav' -f $i, $Seconds)) $Seconds }
    @(Get-ChildItem $folder -Filter '*.wav' | Where-Object Name -NotLike '*.tmp.wav' | Sort-Object Name | Select-Object -First $Count).FullName
}

# --- Runners ----------------------------------------------------------------------------------
function Invoke-Cli([string] $Model, [string[]] $Inputs, [int] $Processes, [int] $Threads, [string[]] $Extra = @()) {
    <# $Processes whisper-cli processes at once, files dealt out longest first to the least loaded; returns wall seconds. #>
    $queues = @(1..$Processes | ForEach-Object { , [Collections.Generic.List[string]]::new() })
    $load = [double[]]::new($Processes)
    foreach ($f in $Inputs | Sort-Object { (Get-Item $_).Length } -Descending) {
        $i = [array]::IndexOf($load, ($load | Measure-Object -Minimum).Minimum)
        $queues[$i].Add($f); $load[$i] += (Get-Item $f).Length
    }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $n = 0
    $procs = foreach ($q in $queues | Where-Object Count) {
        # Through GNU time when it is there, for each process's peak resident set (%M, KiB).
        $peakFile = Join-Path $WorkPath ("cli-peak-{0}.txt" -f $n++)
        $psi = if ($gnuTime) { [Diagnostics.ProcessStartInfo]::new($gnuTime) } else { [Diagnostics.ProcessStartInfo]::new($cli) }
        if ($gnuTime) { foreach ($a in '-f', '%M', '-o', $peakFile, $cli) { $psi.ArgumentList.Add($a) } }
        foreach ($a in @('-m', $Model, '-np', '-nt') + @(if ($Threads) { '-t', $Threads }) + $Extra) { $psi.ArgumentList.Add([string]$a) }
        foreach ($f in $q) { $psi.ArgumentList.Add('-f'); $psi.ArgumentList.Add($f) }
        $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        [pscustomobject]@{ P = $p; Out = $p.StandardOutput.ReadToEndAsync(); Err = $p.StandardError.ReadToEndAsync(); PeakFile = $peakFile }
    }
    foreach ($r in $procs) { $r.P.WaitForExit(); if ($r.P.ExitCode -ne 0) { throw "whisper-cli failed: $($r.Err.Result)" } }
    $wall = [math]::Round($clock.Elapsed.TotalSeconds, 2)
    # The processes run side by side, so the plan's peak is the sum of theirs (an upper bound).
    $peak = if ($gnuTime) { [math]::Round((($procs | ForEach-Object { [double](Get-Content $_.PeakFile | Select-Object -Last 1) }) | Measure-Object -Sum).Sum / 1024, 1) }
    [pscustomobject]@{ Seconds = $wall; PeakMiB = $peak }
}

function Get-CliMemoryLayout([string] $Model, [string] $Clip) {
    <# whisper.cpp's own figures for a model (without -np the CLI logs them): model size and one state's buffers, in MB. #>
    $log = & $cli -m $Model -f $Clip -nt 2>&1 | ForEach-Object { "$_" }
    $model = [double](($log | Select-String 'CPU total size\s*=\s*([\d.]+) MB').Matches | Select-Object -First 1).Groups[1].Value
    $state = (($log | Select-String 'whisper_init_state: (kv \w+\s+size|compute buffer \(\w+\))\s*=\s*([\d.]+) MB').Matches | ForEach-Object { [double]$_.Groups[2].Value } | Measure-Object -Sum).Sum
    [pscustomobject]@{ ModelMB = $model; StateMB = $state }
}

$childScript = Join-Path $WorkPath 'ytpipe-run.ps1'
Set-Content $childScript @'
param($ModulePath, $ModelPath, $InputList, $ShortClip, $OutDir)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
# pwsh with the module loaded, before any work: what the process costs before whisper does.
$baseKiB = if (Test-Path /proc/$PID/status) { [double](Select-String -LiteralPath /proc/$PID/status -Pattern '^VmRSS:\s+(\d+) kB').Matches[0].Groups[1].Value }
$inputs = Get-Content $InputList
$clock = [Diagnostics.Stopwatch]::StartNew()
$rows = Invoke-YtTranscription -LiteralPath $inputs -ModelPath $ModelPath -OutputDirectory $OutDir -Force -ShortClip $ShortClip |
    ForEach-Object { [pscustomobject]@{ Worker = $_.Worker; End = $clock.Elapsed.TotalSeconds; Elapsed = $_.Elapsed.TotalSeconds; Model = $_.ModelTime.TotalSeconds; Status = "$($_.Status)"; Runtime = $_.Runtime } }
$wall = $clock.Elapsed.TotalSeconds
$peakKiB = if (Test-Path /proc/$PID/status) { [double](Select-String -LiteralPath /proc/$PID/status -Pattern '^VmHWM:\s+(\d+) kB').Matches[0].Groups[1].Value }
[pscustomobject]@{ Wall = $wall; PeakMiB = $(if ($peakKiB) { [math]::Round($peakKiB / 1024, 1) }); BaseMiB = $(if ($baseKiB) { [math]::Round($baseKiB / 1024, 1) }); Results = @($rows) } | ConvertTo-Json -Depth 4 -Compress
'@

function Invoke-YtPipe([string] $Model, [string[]] $Inputs, [string] $Runtime, [string] $ShortClip = 'Off') {
    $list = Join-Path $WorkPath 'inputs.txt'
    Set-Content $list $Inputs
    $outDir = Join-Path $WorkPath 'transcripts'
    $psi = [Diagnostics.ProcessStartInfo]::new($pwshExe)
    foreach ($a in $pwshPrefix + @('-NoProfile', '-NonInteractive', '-File', $childScript, $ModulePath, $Model, $list, $ShortClip, $outDir)) { $psi.ArgumentList.Add($a) }
    $psi.Environment['YTPIPE_RUNTIME'] = $Runtime
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
    $p = [Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    if (Test-Path $outDir) { Remove-Item $outDir -Recurse -Force }
    if ($p.ExitCode -ne 0) { throw "YtPipe run failed: $($err.Result)" }
    $run = ($out.Result -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
    $bad = @($run.Results | Where-Object Status -NE 'Transcribed')
    if ($bad) { throw "YtPipe: $($bad.Count) files not transcribed" }
    $expected = if ($Runtime -eq 'stock') { 'stock' } else { 'native' }
    if (@($run.Results | Where-Object Runtime -NE $expected)) { throw "YtPipe ran another runtime than $expected" }
    $run
}

# --- The rounds -------------------------------------------------------------------------------
$plans = @(1..$cores | Where-Object { $cores % $_ -eq 0 } | ForEach-Object { [pscustomobject]@{ P = $_; T = $cores / $_ } })
$measurements = [Collections.Generic.List[object]]::new()
$timelines = @{}
function Add-Measurement($Section, $Model, $Config, $Run) {
    <# $Run: the CLI's { Seconds; PeakMiB } or YtPipe's { Wall; PeakMiB; Results }. #>
    $seconds = [math]::Round($(if ($Run.PSObject.Properties['Wall']) { $Run.Wall } else { $Run.Seconds }), 2)
    $base = if ($Run.PSObject.Properties['BaseMiB']) { $Run.BaseMiB }
    $measurements.Add([pscustomobject]@{ Section = $Section; Model = $Model; Config = $Config; Seconds = $seconds; PeakMiB = $Run.PeakMiB; BaseMiB = $base })
    Write-Host ('{0,-10} {1,-8} {2,-18} {3,7:0.00} s {4,8} MiB peak' -f $Section, $Model, $Config, $seconds, $Run.PeakMiB)
}

$long = if ($Sections -contains 'Long') { New-Corpus 'long' $Files $FileSeconds }
$short = if ($Sections -contains 'ShortClips') { New-Corpus 'short' $ShortClips $ShortClipSeconds }
$layouts = @{}
$probeClip = @($long) + @($short) | Where-Object { $_ } | Select-Object -First 1
foreach ($m in $Models) { $layouts[$m] = Get-CliMemoryLayout $modelPaths[$m] $probeClip }
foreach ($round in 1..$Repeat) {
    if ($long) {
        foreach ($m in $Models) {
            $mp = $modelPaths[$m]
            Add-Measurement 'Long' $m 'cli-default' (Invoke-Cli $mp $long 1 0)
            foreach ($plan in $plans) { Add-Measurement 'Long' $m "cli-$($plan.P)x$($plan.T)" (Invoke-Cli $mp $long $plan.P $plan.T) }
            foreach ($rt in @('stock', 'native') + @(if ($PortableRuntimePath) { 'portable' })) {
                $run = Invoke-YtPipe $mp $long $(switch ($rt) { 'stock' { 'stock' } 'native' { $native } 'portable' { (Resolve-Path $PortableRuntimePath).Path } })
                Add-Measurement 'Long' $m "ytpipe-$rt" $run
                $timelines["$m ytpipe-$rt round $round"] = $run.Results
            }
        }
    }
    if ($short) {
        $mp = $modelPaths['tiny.en']
        Add-Measurement 'ShortClips' 'tiny.en' 'cli-default' (Invoke-Cli $mp $short 1 0)
        Add-Measurement 'ShortClips' 'tiny.en' 'cli-ac256' (Invoke-Cli $mp $short 1 0 @('-ac', '256'))
        Add-Measurement 'ShortClips' 'tiny.en' 'ytpipe-native' (Invoke-YtPipe $mp $short $native)
        Add-Measurement 'ShortClips' 'tiny.en' 'ytpipe-native-ac' (Invoke-YtPipe $mp $short $native 'AudioContext')
        Add-Measurement 'ShortClips' 'tiny.en' 'ytpipe-native-pack' (Invoke-YtPipe $mp $short $native 'Pack')
    }
}

# --- Report -----------------------------------------------------------------------------------
$cpuinfo = Get-Content /proc/cpuinfo -TotalCount 64
$cpuModel = ($cpuinfo | Where-Object { $_ -match '^model name' } | Select-Object -First 1) -replace '^[^:]*:\s*', ''
$avx512 = (($cpuinfo | Where-Object { $_ -match '^flags' } | Select-Object -First 1) -split '\s+' | Where-Object { $_ -like 'avx512*' } | Sort-Object -Unique) -join ' '
$lines = [Collections.Generic.List[string]]::new()
$lines.Add('<!-- whisper-cli comparison: written by bench/Compare-WhisperCli.ps1 -->')
$lines.Add('## Against whisper-cli (same whisper.cpp v1.8.5 source)')
$lines.Add('')
$lines.Add("Load average at the start: $loadStart. Machine: $cpuModel, $cores logical cores; AVX-512: $(if ($avx512) { $avx512 } else { 'none' }). Load average at the end: $((Get-Content /proc/loadavg) -replace '^(\S+ \S+ \S+).*', '$1'). $Repeat rounds, interleaved; the table gives the median (min-max).")
$lines.Add("Weightless models; long corpus: $Files x $FileSeconds s WAV; short clips: $ShortClips x $ShortClipSeconds s WAV.")
$lines.Add('')
$lines.Add('| Corpus | Model | Configuration | Wall s, median (min-max) | vs CLI best | vs YtPipe stock | vs CLI default |')
$lines.Add('|---|---|---|---|---|---|---|')
function Get-Median([double[]] $v) { $s = @($v | Sort-Object); if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
foreach ($group in $measurements | Group-Object Section, Model) {
    $byConfig = [ordered]@{}
    foreach ($g in $group.Group | Group-Object Config) { $byConfig[$g.Name] = [double[]]$g.Group.Seconds }
    $median = @{}; foreach ($k in $byConfig.Keys) { $median[$k] = Get-Median $byConfig[$k] }
    $cliBest = ($median.GetEnumerator() | Where-Object { $_.Key -like 'cli-*x*' } | Sort-Object Value | Select-Object -First 1)
    foreach ($k in $byConfig.Keys) {
        $v = $byConfig[$k]
        $ratio = { param($ref) if ($ref) { '{0:0.00}x' -f ($ref / $median[$k]) } else { '' } }
        $lines.Add(('| {0} | {1} | {2}{3} | {4:0.00} ({5:0.00}-{6:0.00}) | {7} | {8} | {9} |' -f $group.Group[0].Section, $group.Group[0].Model, $k,
                $(if ($cliBest -and $k -eq $cliBest.Key) { ' (best)' } else { '' }), $median[$k], ($v | Measure-Object -Minimum).Minimum, ($v | Measure-Object -Maximum).Maximum,
                (& $ratio $(if ($cliBest) { $cliBest.Value })), (& $ratio $median['ytpipe-stock']), (& $ratio $median['cli-default'])))
    }
}
$lines.Add('')
$lines.Add('Ratios are speedups: above 1x, this configuration is faster than the reference.')
if ($gnuTime -and $long) {
    # The issue's memory target: two workers at most one model + two states + 100 MB over what the
    # CLI needs for them. The CLI's 2x1 plan holds two models and two states; a weightless model's
    # tensors are allocated but never written, so their pages stay off the resident set in both tools
    # and "one model" is what the CLI's one process holds: the limit is the 2x1 plan's peak + 100 MB.
    $lines.Add('')
    $lines.Add('Peak memory, long corpus (median over rounds, MiB of resident set: the CLI''s processes summed (GNU time %M), YtPipe''s one pwsh (VmHWM)). Target: two workers no more than one model + two states + 100 MB over the CLI''s; with weightless models the model''s pages are never touched (allocated sizes from whisper.cpp''s log: model, one state), so the limit is the CLI''s 2x1 peak (two processes, two states) + 100 MB:')
    $lines.Add('')
    $lines.Add('| Model | Model MB allocated | One state MB allocated | cli-default | cli-2x1 (two processes) | ytpipe-stock | ytpipe-native | Limit | Native within it | pwsh + module before work | Native minus that |')
    $lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|')
    foreach ($m in $Models) {
        $peak = @{}
        foreach ($g in $measurements | Where-Object { $_.Section -eq 'Long' -and $_.Model -eq $m -and $_.PeakMiB } | Group-Object Config) { $peak[$g.Name] = Get-Median ([double[]]$g.Group.PeakMiB) }
        $layout = $layouts[$m]
        $nativeBase = @($measurements | Where-Object { $_.Section -eq 'Long' -and $_.Model -eq $m -and $_.Config -eq 'ytpipe-native' -and $_.BaseMiB })
        $base = if ($nativeBase) { Get-Median ([double[]]$nativeBase.BaseMiB) }
        $limit = if ($peak["cli-$($cores)x1"]) { $peak["cli-$($cores)x1"] + (100e6 / 1MB) }
        $fmt = { param($v) if ($v) { '{0:0}' -f $v } else { '' } }
        $lines.Add(('| {0} | {1:0.0} | {2:0.0} | {3} | {4} | {5} | {6} | {7} | {8} | {9} | {10} |' -f $m, $layout.ModelMB, $layout.StateMB, (& $fmt $peak['cli-default']), (& $fmt $peak["cli-$($cores)x1"]),
                (& $fmt $peak['ytpipe-stock']), (& $fmt $peak['ytpipe-native']), (& $fmt $limit), $(if ($limit -and $peak['ytpipe-native']) { if ($peak['ytpipe-native'] -le $limit) { 'yes' } else { 'no, by {0:0} MiB' -f ($peak['ytpipe-native'] - $limit) } }),
                (& $fmt $base), $(if ($base -and $peak['ytpipe-native']) { & $fmt ($peak['ytpipe-native'] - $base) })))
    }
}
if ($timelines.Count) {
    $lines.Add('')
    $lines.Add('Per-worker timelines of the last round (file: model start-end s on each worker; idle = wall minus the worker''s time in the model):')
    $lines.Add('')
    foreach ($key in $timelines.Keys | Where-Object { $_ -like "* round $Repeat" } | Sort-Object) {
        $rows = $timelines[$key]
        $wall = ($rows | Measure-Object End -Maximum).Maximum
        foreach ($w in $rows | Group-Object Worker | Sort-Object Name) {
            $busy = ($w.Group | Measure-Object Model -Sum).Sum
            $spans = ($w.Group | Sort-Object End | ForEach-Object { '{0:0.0}-{1:0.0}' -f ($_.End - $_.Model), $_.End }) -join ', '
            $lines.Add(('- {0}, worker {1}: {2} (idle {3:0.0} s of {4:0.0})' -f ($key -replace ' round \d+$', ''), $w.Name, $spans, ($wall - $busy), $wall))
        }
    }
}
$lines.Add('<!-- end of whisper-cli comparison -->')

$section = $lines -join "`n"
$existing = if (Test-Path $OutFile) { Get-Content -Raw $OutFile } else { '' }
$pattern = '(?s)<!-- whisper-cli comparison:.*?<!-- end of whisper-cli comparison -->'
$text = if ($existing -match $pattern) { [regex]::Replace($existing, $pattern, { $section }) } else { $existing.TrimEnd() + "`n`n" + $section + "`n" }
Set-Content -Path $OutFile -Value $text -NoNewline -Encoding utf8
Write-Host "Wrote the comparison to $OutFile"
