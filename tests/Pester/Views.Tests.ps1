# The default tables of every type the commands emit, rendered as a user sees them: durations as
# hh:mm:ss (total hours, so a day-long recording does not wrap), sizes in MiB, the status column;
# the objects behind the table keep their exact numbers.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    function script:Show-Table($InputObject) {
        <# The default view, as a console 200 columns wide shows it. #>
        ($InputObject | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
    }
}

Describe 'Default views' {
    It 'shows a transcription result with its status, duration as hh:mm:ss and the error id of a failure' {
        $ok = [YtPipe.PowerShell.TranscriptionResult]@{
            Path = '/media/talk.wav'; Status = 'Transcribed'; Language = 'en'; Duration = [timespan]::new(0, 1, 2, 3, 456)
            Text = 'Hello there.'; Elapsed = [timespan]::FromSeconds(12.34); RealTimeFactor = 0.0033; Device = 'cpu'; Model = 'base.en'
        }
        $failed = [YtPipe.PowerShell.TranscriptionResult]@{
            Path = '/media/day-long.wav'; Status = 'Failed'; Duration = [timespan]::FromHours(26.5); ErrorId = 'AudioDecodeFailed'; ErrorMessage = 'no audio stream'
        }
        $lines = Show-Table @($ok, $failed)
        $lines[0] | Should -Match '^Status\s+Lang\s+Duration\s+Segs\s+Elapsed\s+RTF\s+Device\s+Model\s+File\s+Text'
        $lines[2] | Should -Match '^Transcribed\s+en\s+01:02:03\s+0\s+12\.3s\s+0\.00\s+cpu\s+base\.en\s+talk\.wav\s+Hello there\.'
        $lines[3] | Should -Match '^Failed\s+26:30:00\s.*day-long\.wav\s+AudioDecodeFailed'
        # The table rounds; the object does not.
        $ok.Duration.TotalMilliseconds | Should -Be 3723456
        $failed.Duration | Should -Be ([timespan]::FromHours(26.5))
    }

    It 'shows a segment''s start and end to the millisecond, past 24 hours too' {
        $segment = [YtPipe.PowerShell.TranscriptSegmentInfo]@{ Start = [timespan]::FromMilliseconds(1500); End = [timespan]::FromHours(25) + [timespan]::FromMilliseconds(7); Text = 'Hi.' }
        $lines = Show-Table $segment
        $lines[0] | Should -Match '^Start\s+End\s+Text'
        $lines[2] | Should -Match '^00:00:01\.500\s+25:00:00\.007\s+Hi\.'
    }

    It 'shows a download with its duration as hh:mm:ss and the file name' {
        $audio = [YtPipe.PowerShell.DownloadedAudio]@{ Id = 'abc123'; Title = 'A talk'; Uploader = 'Someone'; Duration = [timespan]::FromSeconds(3725.9); AudioPath = '/data/audio/abc123.webm' }
        $lines = Show-Table $audio
        $lines[0] | Should -Match '^Id\s+Duration\s+Title\s+Uploader\s+File'
        $lines[2] | Should -Match '^abc123\s+01:02:05\s+A talk\s+Someone\s+abc123\.webm'
        $audio.Duration.TotalSeconds | Should -Be 3725.9
    }

    It 'shows a model with its size in MiB and how it is verified' {
        $model = [YtPipe.PowerShell.ModelInfo]@{ Name = 'base.en'; Precision = 'f16'; Languages = 'en'; SizeMiB = 142; Installed = $true; Path = '/models/ggml-base.en.bin'; InCatalog = $true; Sha1 = '137c40403d78fd54d454da0f9bd998f78703390c' }
        $lines = Show-Table $model
        $lines[0] | Should -Match '^Name\s+Precision\s+Languages\s+SizeMiB\s+Installed\s+Verified\s+Path'
        $lines[2] | Should -Match '^base\.en\s+f16\s+en\s+142\s+True\s+sha1\s+/models/ggml-base\.en\.bin'
    }

    It 'shows a GPU with its memory in MiB' {
        $gpu = [YtPipe.PowerShell.GpuDevice]@{ Index = 1; Name = 'NVIDIA RTX A4000'; MemoryTotalMiB = 16376; MemoryFreeMiB = 16102; PciBusId = '00000000:41:00.0'; DriverVersion = '550.54.15'; Uuid = 'GPU-0b1d' }
        $lines = Show-Table $gpu
        $lines[0] | Should -Match '^Index\s+Name\s+Total MiB\s+Free MiB\s+PCI bus id\s+Driver\s+UUID'
        $lines[2] | Should -Match '^\s*1\s+NVIDIA RTX A4000\s+16376\s+16102\s+00000000:41:00\.0\s+550\.54\.15\s+GPU-0b1d'
    }

    It 'shows a re-rendered subtitle file with its format, layout and path' {
        $file = [YtPipe.PowerShell.SubtitleFile]@{ Path = '/data/talk.srt'; Format = 'Srt'; TranscriptPath = '/data/talk.json'; MaxLineWidth = 32; MaxLineCount = 2 }
        $lines = Show-Table $file
        $lines[0] | Should -Match '^Format\s+Width\s+Lines\s+Path'
        $lines[2] | Should -Match '^Srt\s+32\s+2\s+/data/talk\.srt'
    }

    It 'has a default view for every type the commands declare as output' {
        $views = Get-FormatData -TypeName 'YtPipe.PowerShell.*' | ForEach-Object TypeNames
        $declared = Get-Command -Module YtPipe | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ } | ForEach-Object FullName | Sort-Object -Unique
        $declared | Should -Not -BeNullOrEmpty
        foreach ($t in $declared) { $views | Should -Contain $t -Because "$t needs a table" }
    }
}
