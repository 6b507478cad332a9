# The hallucination guards: every parameter refuses a value outside whisper.cpp's sensible range
# with an error that names the range, on both commands that transcribe; and a transcript carries
# its quality summary in the JSON file and on the result.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Tone = New-TestTone (Join-Path $TestDrive 'in/tone.wav') -Seconds 1
}

Describe 'Guard parameters validate their ranges' {
    It '<Command> -<Name> <Value> is a parameter error naming the bound <Bound>' -ForEach @(
        foreach ($command in 'Invoke-YtTranscription', 'Start-YtPipeline') {
            @{ Command = $command; Name = 'NoSpeechThreshold'; Value = 2; Bound = '1' }
            @{ Command = $command; Name = 'Temperature'; Value = -0.1; Bound = '0' }
            @{ Command = $command; Name = 'TemperatureIncrement'; Value = 1.5; Bound = '1' }
            @{ Command = $command; Name = 'EntropyThreshold'; Value = 11; Bound = '10' }
            @{ Command = $command; Name = 'LogProbThreshold'; Value = 0.5; Bound = '0' }
            @{ Command = $command; Name = 'MaxContext'; Value = -1; Bound = '0' }
            @{ Command = $command; Name = 'MaxContext'; Value = 20000; Bound = '16384' }
        }
    ) {
        Assert-ParameterRangeError -Command $Command -Name $Name -Value $Value -Bound $Bound -Path $Tone
    }

    It 'an empty -Prompt is a parameter error' {
        { Invoke-YtTranscription -Path $Tone -Prompt '' -WhatIf } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'
    }

    It 'documents every guard parameter in help' {
        foreach ($name in 'NoSpeechThreshold', 'Temperature', 'TemperatureIncrement', 'EntropyThreshold', 'LogProbThreshold', 'MaxContext', 'Prompt', 'CarryPrompt') {
            foreach ($command in 'Invoke-YtTranscription', 'Start-YtPipeline') {
                (Get-Help $command -Parameter $name).description.Text | Should -Not -BeNullOrEmpty -Because "$command -$name"
            }
        }
    }
}

Describe 'A transcript carries its quality' {
    BeforeAll {
        $zero = Get-ZeroModel -Folder (Join-Path $TestDrive 'zero') -FileType 7
        $script:Result = Invoke-YtTranscription -Path $Tone -ModelPath $zero -BeamSize 1 -OutputFormat Json `
            -MaxContext 0 -NoSpeechThreshold 0.5 -Prompt 'A tone.' -CarryPrompt
        $script:Json = Get-Content -Raw ([IO.Path]::ChangeExtension($Tone, '.json')) | ConvertFrom-Json
    }

    It 'writes the quality object into the JSON file, agreeing with the result' {
        $Result.Status | Should -Be 'Transcribed'
        $q = $Json.quality
        $q.PSObject.Properties.Name | Should -Be @('avg_probability', 'no_speech_dropped', 'repeats_collapsed', 'suspect', 'suspect_reason')
        $q.no_speech_dropped | Should -Be 0
        $q.suspect | Should -Be $Result.Suspect
        $q.suspect_reason | Should -Be $Result.SuspectReason
        $q.repeats_collapsed | Should -Be $Result.RepeatsCollapsed
    }
}
