#!/usr/bin/env pwsh

<#
.SYNOPSIS
    One benchmark run in its own process: imports YtPipe, transcribes, writes one JSON result.
.DESCRIPTION
    Invoke-Benchmark.ps1 starts this script in a fresh pwsh for every run, so the process's peak
    working set (VmHWM on Linux) belongs to that run alone. It reads a JSON spec:

      ModulePath   the built module (out/YtPipe)
      Inputs       the files to transcribe (passed as -LiteralPath)
      Parameters   splatted onto Invoke-YtTranscription (Model or ModelPath, Strategy, Workers, ...)
      SampleEvery  sample the working set after every Nth result (0: only the first and last)
      ResultPath   where the JSON result goes (it is also printed as the last line)

    The verbose, warning and error streams are captured, not shown: the parent reads the plan
    line ("Strategy X (...): N workers x T threads on cpu; ...") and the warnings from the result.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Transcription.ps1 -SpecPath /tmp/run/spec.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $SpecPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$spec = Get-Content -Raw -LiteralPath $SpecPath | ConvertFrom-Json -AsHashtable
$parameters = $spec.Parameters
Import-Module $spec.ModulePath

function Get-MiB([long] $Bytes) { [math]::Round($Bytes / 1MB, 1) }

# pwsh plus the imported module, before any model is loaded: what every run pays anyway.
$baselinePeak = (Get-Process -Id $PID).PeakWorkingSet64
$results = [Collections.Generic.List[object]]::new()
$verbose = [Collections.Generic.List[string]]::new()
$warnings = [Collections.Generic.List[string]]::new()
$errors = [Collections.Generic.List[string]]::new()
$samples = [Collections.Generic.List[object]]::new()

$clock = [Diagnostics.Stopwatch]::StartNew()
function Add-Sample {
    # A fresh Process object each time: a cached one would return its first reading again.
    $samples.Add([ordered]@{
            Results       = $results.Count
            Seconds       = [math]::Round($clock.Elapsed.TotalSeconds, 1)
            WorkingSetMiB = Get-MiB (Get-Process -Id $PID).WorkingSet64
            ManagedMiB    = Get-MiB ([GC]::GetTotalMemory($false))
        })
}

Invoke-YtTranscription -LiteralPath $spec.Inputs @parameters -Force -Verbose -ErrorAction Continue 2>&1 3>&1 4>&1 |
    ForEach-Object {
        if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) }
        elseif ($_ -is [System.Management.Automation.WarningRecord]) { $warnings.Add($_.Message) }
        elseif ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add("$($_.FullyQualifiedErrorId): $_") }
        else {
            $results.Add($_)
            if ($results.Count -eq 1 -or ($spec.SampleEvery -gt 0 -and $results.Count % $spec.SampleEvery -eq 0)) { Add-Sample }
        }
    }
$clock.Stop()
if ($samples.Count -eq 0 -or $samples[-1].Results -ne $results.Count) { Add-Sample }

$statuses = [ordered]@{}
$results | Group-Object { "$($_.Status)" } | ForEach-Object { $statuses[$_.Name] = $_.Count }

$result = [ordered]@{
    WallSeconds  = $clock.Elapsed.TotalSeconds
    AudioSeconds = ($results | ForEach-Object { if ($_.Duration) { $_.Duration.TotalSeconds } else { 0 } } | Measure-Object -Sum).Sum
    ModelSeconds = ($results | ForEach-Object { $_.ModelTime.TotalSeconds } | Measure-Object -Sum).Sum
    Files        = $results.Count
    Statuses     = $statuses
    BaselineMiB  = Get-MiB $baselinePeak
    PeakMiB      = Get-MiB (Get-Process -Id $PID).PeakWorkingSet64
    Plan         = $verbose | Where-Object { $_ -like 'Strategy *' } | Select-Object -First 1
    ModelLoad    = $verbose | Where-Object { $_ -match '^Model .* loaded ' } | Select-Object -First 1
    Warnings     = @($warnings)
    Errors       = @($errors)
    Samples      = @($samples)
}
$json = $result | ConvertTo-Json -Depth 5 -Compress
Set-Content -LiteralPath $spec.ResultPath -Value $json
$json
