# Every example of the help is parsed; those that need neither the network nor a GPU run, in a
# folder laid out as they expect, with the weightless model under the names they use. Every
# example must be listed below as run or as syntax-only, so a new example cannot go unchecked.

BeforeDiscovery {
    $script:Commands = 'Invoke-YtTranscription', 'Get-YtGpu', 'Get-YtModel', 'Save-YtModel', 'Save-YtAudio', 'Start-YtPipeline', 'ConvertTo-YtSubtitle', 'Get-YtTranscriptionReport'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Examples = foreach ($c in $Commands) {
        $i = 0
        foreach ($e in (Get-Help $c -Full).examples.example) { $i++; @{ Command = $c; Number = $i; Code = $e.code } }
    }
    # Run: 'Command#N' -> what it must leave or emit. Syntax-only: why it cannot run here.
    $script:Run = @('Invoke-YtTranscription#1', 'Invoke-YtTranscription#3', 'Invoke-YtTranscription#7', 'Get-YtModel#1', 'Get-YtModel#2', 'Get-YtModel#3', 'Get-YtGpu#1', 'Get-YtGpu#3', 'Save-YtModel#5', 'ConvertTo-YtSubtitle#1', 'ConvertTo-YtSubtitle#2', 'ConvertTo-YtSubtitle#3')
    $script:SyntaxOnly = @{
        'Invoke-YtTranscription#2' = 'four formats of a media library: covered by InvokeYtTranscription.Tests'
        'Invoke-YtTranscription#4' = 'downloads small.en q8_0 from the network'
        'Invoke-YtTranscription#5' = 'a Windows path (D:\calls)'
        'Invoke-YtTranscription#6' = 'needs two GPUs'
        'Invoke-YtTranscription#8' = 'downloads the multilingual small model'
        'Invoke-YtTranscription#9' = 'run as a scheduled job by Scripting.Tests'
        'Invoke-YtTranscription#10' = 'downloads small and silero-v6.2.0; -Vad runs in Vad.Tests'
        'Invoke-YtTranscription#11' = 'downloads the multilingual base model; -Language lists and -WordTimestamps are run by WordTimestamps.Tests'
        'Invoke-YtTranscription#12' = 'a Slurm array over /data: the shard rule is run by Sharding.Tests'
        'Invoke-YtTranscription#13' = 'SSH sessions to three hosts: run over three real sshd sessions by ScaleOut.Tests'
        'Get-YtGpu#2' = 'needs a GPU'
        'Get-YtModel#4' = 'downloads every English model'
        'Save-YtModel#1' = 'downloads from the network'; 'Save-YtModel#2' = 'downloads from the network'
        'Save-YtModel#3' = 'a company mirror and a prompt for a token'; 'Save-YtModel#4' = 'downloads from the network'
        'Save-YtAudio#1' = 'YouTube'; 'Save-YtAudio#2' = 'YouTube'; 'Save-YtAudio#3' = 'an example.com feed'
        'Save-YtAudio#4' = 'browser cookies and YouTube'; 'Save-YtAudio#5' = 'a Windows path and YouTube'; 'Save-YtAudio#6' = 'a proxy and ~/bin/yt-dlp'
        'Start-YtPipeline#1' = 'YouTube'; 'Start-YtPipeline#2' = 'YouTube channels'; 'Start-YtPipeline#3' = 'an example.com feed'; 'Start-YtPipeline#4' = 'a Windows path and YouTube'; 'Start-YtPipeline#5' = 'YouTube'; 'Start-YtPipeline#6' = 'a YouTube channel'
        'Start-YtPipeline#7' = 'YouTube'
        'Get-YtTranscriptionReport#1' = 'reads a sharded run: Sharding.Tests runs the report'; 'Get-YtTranscriptionReport#2' = 'reads a sharded run: Sharding.Tests runs -Summary'
        'Get-YtTranscriptionReport#3' = 'reads a sharded run: Sharding.Tests runs -AsJson'; 'Get-YtTranscriptionReport#4' = 'two runs to compare: Sharding.Tests compares them'
    }
    foreach ($e in $Examples) { $e.Key = "$($e.Command)#$($e.Number)"; $e.Runs = $e.Key -in $Run }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Help examples' {
    It '<Key> parses' -ForEach $Examples {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        $Code | Should -Match ([regex]::Escape($Command))
    }

    It '<Key> is listed as run or as syntax-only' -ForEach $Examples {
        ($Key -in $Run) -or $SyntaxOnly.ContainsKey($Key) | Should -BeTrue -Because 'every example is either run here or says why not'
    }

    Context 'run' {
        BeforeAll {
            $script:Work = New-Item -ItemType Directory (Join-Path $TestDrive 'work')
            $models = Join-Path $TestDrive 'models'
            $weightless = Get-WeightlessModel -Folder $models
            foreach ($name in 'base.en', 'base') { Copy-Item $weightless (Join-Path $models "ggml-$name.bin") }
            Copy-Item $weightless (Join-Path $Work 'ggml-base.en.bin')
            Set-Content -Path (Join-Path $Work 'lecture.json') -Value '{"segments":[{"start":0,"end":4,"text":"A lecture that runs well past one line of subtitles, to be split."}]}'
            New-TestSpeech (Join-Path $Work 'one.wav') -Text 'One.' | Out-Null
            New-TestSpeech (Join-Path $Work 'talk.webm') -Text 'A talk.' -CodecArgs '-c:a', 'libopus' | Out-Null
            New-TestSpeech (Join-Path $Work 'audio/clip.wav') -Text 'A clip.' | Out-Null
            $smi = Join-Path $TestDrive 'nvidia-smi'
            Set-Content -Path $smi -Value "#!/bin/sh`necho '0, NVIDIA RTX A4000, 16376, 16102, GPU-0b1d, 00000000:41:00.0, 550.54.15'"
            if (-not $IsWindows) { & chmod +x $smi }
            $script:Saved = @{ Dir = $env:YTPIPE_MODEL_DIR; Smi = $env:YTPIPE_NVIDIA_SMI }
            $env:YTPIPE_MODEL_DIR = $models
            $env:YTPIPE_NVIDIA_SMI = $smi
            # Greedy decoding keeps the runs short; the examples' own parameters still apply.
            $PSDefaultParameterValues['Invoke-YtTranscription:BeamSize'] = 1
            $script:Expect = @{
                'Invoke-YtTranscription#1' = { param($o) $o.Status | Should -Be 'Transcribed'; Join-Path $Work 'one.json' | Test-File | Should -BeTrue }
                'Invoke-YtTranscription#3' = { param($o) $o.Language | Should -Be 'en'; Join-Path $Work 'talk.txt' | Test-File | Should -BeTrue }
                'Invoke-YtTranscription#7' = { param($o) @($o | Where-Object Status -eq 'Transcribed').Path | Should -BeLike '*clip.wav' }
                'Get-YtModel#1' = { param($o) $o.Name | Should -Contain 'large-v3-turbo' }
                'Get-YtModel#2' = { param($o) ($o | Out-String) | Should -Match 'base\.en' }
                'Get-YtModel#3' = { param($o) $o.Name | Should -Contain 'large-v3-turbo-q8_0'; $o.Name | ForEach-Object { $_ | Should -BeLike 'large-v3-turbo*' } }
                'Get-YtGpu#1' = { param($o) $o.Name | Should -Be 'NVIDIA RTX A4000' }
                'Get-YtGpu#3' = { param($o) $o.Index | Should -Be 0 }
                'Save-YtModel#5' = { param($o) $o | Should -BeNullOrEmpty; Join-Path $env:YTPIPE_MODEL_DIR 'ggml-medium.bin' | Test-File | Should -BeFalse }
                'ConvertTo-YtSubtitle#1' = { param($o) $o.Path | Should -Contain (Join-Path $Work 'lecture.srt'); Join-Path $Work 'lecture.srt' | Test-File | Should -BeTrue }
                'ConvertTo-YtSubtitle#2' = { param($o) $o.Format | Should -Be 'Srt', 'Vtt'; Join-Path $Work 'subs/lecture.vtt' | Test-File | Should -BeTrue }
                'ConvertTo-YtSubtitle#3' = { param($o) $o | Should -BeNullOrEmpty; Join-Path $Work 'lecture.vtt' | Test-File | Should -BeFalse }
            }
        }
        AfterAll {
            $env:YTPIPE_MODEL_DIR = $Saved.Dir
            $env:YTPIPE_NVIDIA_SMI = $Saved.Smi
            $PSDefaultParameterValues.Remove('Invoke-YtTranscription:BeamSize')
        }

        It '<Key> runs and does what its text says' -ForEach @($Examples | Where-Object Runs) {
            Push-Location $Work
            try { $output = @(& ([scriptblock]::Create($Code)) 6>$null) }
            finally { Pop-Location }
            & $Expect[$Key] $output
        }
    }
}
