# Helpers shared by the bench scripts that make their own WAV corpora and start child pwsh runs
# (Compare-WhisperCli.ps1, Measure-WorkerTimeline.ps1); dot-sourced.

function Initialize-BenchFolder([string] $Path) {
    <# Creates the bench's work folder if needed and returns its full path. #>
    New-Item -ItemType Directory -Force $Path | Out-Null
    (Resolve-Path $Path).Path
}

function Get-PwshInvocation {
    <# This same pwsh for child processes: as a .NET tool the process is dotnet running pwsh.dll. #>
    $exe = (Get-Process -Id $PID).Path
    [pscustomobject]@{
        Exe    = $exe
        Prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] })
    }
}

function Invoke-Ffmpeg([string[]] $Arguments) {
    & ffmpeg -nostdin -v error -y @Arguments
    if ($LASTEXITCODE -ne 0) { throw "ffmpeg failed: $Arguments" }
}

function New-LoopedSpeechWav([string] $WorkPath, [string] $Path, [double] $Seconds) {
    <# A 16 kHz mono WAV of flite speech looped to $Seconds, made once: written under a temp name,
       then renamed, so a run cut short never leaves a half file to be reused. #>
    if (Test-Path $Path) { return }
    $speech = Join-Path $WorkPath 'speech.wav'
    if (-not (Test-Path $speech)) {
        $text = 'The quick brown fox jumps over the lazy dog. A benchmark measures what the machine does, not what we hope it does.'
        Invoke-Ffmpeg @('-f', 'lavfi', '-i', "flite=text='$text':voice=kal16", "$speech.tmp.wav")
        Move-Item "$speech.tmp.wav" $speech
    }
    Invoke-Ffmpeg @('-stream_loop', '-1', '-i', $speech, '-t', $Seconds, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', "$Path.tmp.wav")
    Move-Item "$Path.tmp.wav" $Path
}
