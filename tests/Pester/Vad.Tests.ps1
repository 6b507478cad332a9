# Voice activity detection end to end: -Vad loads a Silero model from the model folder (here one
# the tests write: zero weights make every frame's speech probability exactly 0.5, so -VadThreshold
# 0.4 hears speech everywhere and 0.6 nowhere), transcribes the speech with the weightless whisper
# model, and says in the result and the JSON what it found and skipped.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # The writer the xunit tests use, compiled once per process (Add-Type cannot replace a type).
    if (-not ('YtPipe.Tests.Support.SileroModelWriter' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../Unit/Support/SileroModelWriter.cs')
    }
    $script:ModelDir = Join-Path $TestDrive 'models'
    $script:SavedModelDir = Use-TestModelFolder $ModelDir
    $null = [YtPipe.Tests.Support.SileroModelWriter]::new().WriteTo((Join-Path $ModelDir 'ggml-silero-v6.2.0.bin'))
    # Greedy decoding and a window sized to the clip keep the whisper runs short.
    $script:Common = @{ Model = 'tiny.en'; BeamSize = 1; ShortClip = 'AudioContext'; OutputFormat = 'Json'; Vad = $true }
    $script:Cmd = 'YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'
}

AfterAll {
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'Invoke-YtTranscription -Vad' {
    It 'transcribes the speech it hears and records it in the result and the JSON' {
        $clip = New-TestSpeech (Join-Path $TestDrive 'heard/one.wav') -Text 'One.'

        $result = Invoke-YtTranscription -Path $clip @Common -VadThreshold 0.4

        $result.Status | Should -Be 'Transcribed'
        $result.VadUsed | Should -BeTrue
        $result.SpeechSeconds | Should -Be ([math]::Round($result.Duration.TotalSeconds, 3))
        $result.SkippedSeconds | Should -Be 0
        $json = Get-Content -Raw ([IO.Path]::ChangeExtension($clip.FullName, '.json')) | ConvertFrom-Json
        $json.vad.used | Should -BeTrue
        $json.vad.speech_seconds | Should -Be $result.SpeechSeconds
        $json.vad.skipped_seconds | Should -Be 0
        $json.vad.chunks | Should -Be 1
    }

    It 'gives an empty transcript, status Transcribed, when it hears no speech' {
        $clip = New-TestSpeech (Join-Path $TestDrive 'silent/one.wav') -Text 'One.'

        $result = Invoke-YtTranscription -Path $clip @Common -VadThreshold 0.6

        $result.Status | Should -Be 'Transcribed'
        $result.SegmentCount | Should -Be 0
        $result.SpeechSeconds | Should -Be 0
        $result.SkippedSeconds | Should -Be ([math]::Round($result.Duration.TotalSeconds, 3))
        $json = Get-Content -Raw ([IO.Path]::ChangeExtension($clip.FullName, '.json')) | ConvertFrom-Json
        @($json.segments).Count | Should -Be 0
        $json.vad.chunks | Should -Be 0
    }

    It 'writes "vad": null without -Vad' {
        $clip = New-TestSpeech (Join-Path $TestDrive 'off/one.wav') -Text 'One.'

        $result = Invoke-YtTranscription -Path $clip -Model tiny.en -BeamSize 1 -ShortClip AudioContext -OutputFormat Json

        $result.VadUsed | Should -BeFalse
        $json = Get-Content -Raw ([IO.Path]::ChangeExtension($clip.FullName, '.json')) | ConvertFrom-Json
        $json.PSObject.Properties.Name | Should -Contain 'vad'
        $json.vad | Should -BeNullOrEmpty
    }
}

Describe 'VAD set-up errors' {
    BeforeAll {
        $script:Clip = New-TestTone (Join-Path $TestDrive 'errors/tone.wav') -Seconds 1
    }

    It '<Command> -<Name> <Value> is a parameter error naming the bound <Bound>' -ForEach @(
        foreach ($command in 'Invoke-YtTranscription', 'Start-YtPipeline') {
            @{ Command = $command; Name = 'VadThreshold'; Value = 1.5; Bound = '1' }
            @{ Command = $command; Name = 'VadThreshold'; Value = -0.1; Bound = '0' }
            @{ Command = $command; Name = 'VadMaxSpeechSeconds'; Value = 31; Bound = '30' }
            @{ Command = $command; Name = 'VadMaxSpeechSeconds'; Value = 0.5; Bound = '1' }
            @{ Command = $command; Name = 'VadMinSpeechMs'; Value = -1; Bound = '0' }
            @{ Command = $command; Name = 'VadMinSilenceMs'; Value = 60001; Bound = '60000' }
            @{ Command = $command; Name = 'VadSpeechPadMs'; Value = 10001; Bound = '10000' }
        }
    ) {
        Assert-ParameterRangeError -Command $Command -Name $Name -Value $Value -Bound $Bound -Path $Clip -Extra @{ Vad = $true }
    }

    It 'stops with ModelNotFound under -NoDownload when the Silero model is missing, before any file is written' {
        $folder = Join-Path $TestDrive 'no-silero'
        Get-WeightlessModel -Folder $folder | Out-Null
        $env:YTPIPE_MODEL_DIR = $folder
        try {
            $err = { Invoke-YtTranscription -Path $Clip -Model tiny.en -Vad -NoDownload } | Should -Throw -ErrorId "ModelNotFound,$Cmd" -PassThru
        }
        finally { $env:YTPIPE_MODEL_DIR = $ModelDir }
        $err.Exception.Message | Should -Match 'silero-v6\.2\.0'
        [IO.Path]::ChangeExtension($Clip.FullName, '.json') | Should -Not -Exist
    }

    It 'downloads silero-v6.2.0 from the catalog on first use, like any model' {
        $folder = Join-Path $TestDrive 'download'
        Get-WeightlessModel -Folder $folder | Out-Null
        $www = Join-Path $TestDrive 'www'
        New-Item -ItemType Directory -Force (Join-Path $www 'models') | Out-Null
        $null = [YtPipe.Tests.Support.SileroModelWriter]::new().WriteTo((Join-Path $www 'models/ggml-silero-v6.2.0.bin'))
        $server = Start-TestServer -Root $www
        $savedBase = $env:YTPIPE_MODEL_BASE_URL
        $env:YTPIPE_MODEL_DIR = $folder
        $env:YTPIPE_MODEL_BASE_URL = "$($server.Url)/models/"
        try {
            # 0.6 hears no speech in the zero model: the download is checked without a whisper run.
            $result = Invoke-YtTranscription -Path $Clip -Model tiny.en -Vad -VadThreshold 0.6 -OutputFormat Json -Force
        }
        finally {
            $env:YTPIPE_MODEL_DIR = $ModelDir
            $env:YTPIPE_MODEL_BASE_URL = $savedBase
            Stop-TestServer $server
        }
        $result.Status | Should -Be 'Transcribed'
        $result.VadUsed | Should -BeTrue
        Join-Path $folder 'ggml-silero-v6.2.0.bin' | Should -Exist
        (Get-TestServerRequest $server).path | Should -Contain '/models/ggml-silero-v6.2.0.bin'
        Remove-Item ([IO.Path]::ChangeExtension($Clip.FullName, '.json'))
    }

    It 'stops with ModelInvalid when the Silero file is not a Silero model' {
        $folder = Join-Path $TestDrive 'bad-silero'
        Get-WeightlessModel -Folder $folder | Out-Null
        Copy-Item (Join-Path $folder 'ggml-tiny.en.bin') (Join-Path $folder 'ggml-silero-v6.2.0.bin')
        $env:YTPIPE_MODEL_DIR = $folder
        try {
            { Invoke-YtTranscription -Path $Clip -Model tiny.en -Vad } | Should -Throw -ErrorId "ModelInvalid,$Cmd"
        }
        finally { $env:YTPIPE_MODEL_DIR = $ModelDir }
        [IO.Path]::ChangeExtension($Clip.FullName, '.json') | Should -Not -Exist
    }

    It 'documents every VAD parameter in help, and says VAD is off by default and why' {
        foreach ($command in 'Invoke-YtTranscription', 'Start-YtPipeline') {
            foreach ($name in 'Vad', 'VadThreshold', 'VadMinSpeechMs', 'VadMinSilenceMs', 'VadMaxSpeechSeconds', 'VadSpeechPadMs') {
                (Get-Help $command -Parameter $name).description.Text | Should -Not -BeNullOrEmpty -Because "$command -$name"
            }
            (Get-Help $command -Parameter Vad).description.Text -join ' ' | Should -Match '#2454'
        }
    }
}
