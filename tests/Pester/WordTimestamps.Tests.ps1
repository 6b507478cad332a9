# -WordTimestamps and -Language lists, end to end: the switch reaches whisper.cpp (DTW over the
# model's alignment heads, said in the verbose stream), words in a JSON transcript split the cues
# ConvertTo-YtSubtitle writes, and -Language restricts detection to its codes or is refused.
# One short whisper run on a weightless model (it returns no text, so words are checked from JSON).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Tone = New-TestTone (Join-Path $TestDrive 'in/tone.wav') -Seconds 1
    # Multilingual, so -Language en, de is a real restriction (an English-only model is told English).
    $script:Model = Get-WeightlessModel -Folder (Join-Path $TestDrive 'models') -Name tiny
}

Describe '-WordTimestamps and -Language en, de on a weightless model' {
    BeforeAll {
        $output = Invoke-YtTranscription -Path $Tone -ModelPath $Model -BeamSize 1 -OutputFormat Json, Srt `
            -WordTimestamps -Language en, de -Verbose 4>&1
        $script:Verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $script:Result = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $script:Json = Get-Content -Raw ([IO.Path]::ChangeExtension($Tone, '.json')) | ConvertFrom-Json
    }

    It 'transcribes, with DTW over the model''s alignment heads' {
        $Result.Status | Should -Be 'Transcribed'
        $Verbose | Should -Contain 'Word timestamps: DTW over the alignment heads of Tiny (flash attention off: whisper.cpp cannot do both).'
    }

    It 'detects a language from the list and records its probability on the result and in JSON' {
        $Result.Language | Should -BeIn @('en', 'de')
        $Json.language | Should -Be $Result.Language
        $Json.language_probability | Should -BeGreaterThan 0
        $Json.language_probability | Should -BeLessOrEqual 1
        [double]$Result.LanguageProbability | Should -BeGreaterThan 0
    }
}

Describe '-Language validation' {
    It '<Command> -Language en, xx is LanguageUnknown, naming the code and the fix' -ForEach @(
        @{ Command = 'Invoke-YtTranscription' }, @{ Command = 'Start-YtPipeline' }
    ) {
        $arguments = if ($Command -eq 'Invoke-YtTranscription') { @{ Path = $Tone } } else { @{ Source = 'https://example.invalid/v'; OutputDirectory = (Join-Path $TestDrive 'pipe') } }
        $err = $null
        try { & $Command @arguments -ModelPath $Model -Language en, xx -WhatIf } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'LanguageUnknown,*'
        $err.Exception.Message | Should -Match "'xx'"
        $err.ErrorDetails.RecommendedAction | Should -Match 'Tab'
        Test-Path ([IO.Path]::ChangeExtension($Tone, '.json')) | Should -BeFalse -Because 'nothing is transcribed'
    }

    It 'both commands take -WordTimestamps and a list for -Language, documented in help' {
        foreach ($command in 'Invoke-YtTranscription', 'Start-YtPipeline') {
            (Get-Command $command).Parameters['WordTimestamps'].SwitchParameter | Should -BeTrue
            (Get-Command $command).Parameters['Language'].ParameterType | Should -Be ([string[]])
            ((Get-Help $command -Parameter WordTimestamps).description.Text -join ' ') | Should -Match 'DTW'
            ((Get-Help $command -Parameter Language).description.Text -join ' ') | Should -Match 'en, de'
        }
    }
}

Describe '-Language completion' {
    It 'completes the next code of a list' {
        $line = 'Invoke-YtTranscription x -Language en, d'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('de', 'da')
    }
}

Describe 'ConvertTo-YtSubtitle splits cues at the words of a JSON transcript' {
    It 'ends and starts cues at word times, not at character shares' {
        $folder = Join-Path $TestDrive 'words'
        New-Item -ItemType Directory -Force $folder | Out-Null
        $json = Join-Path $folder 'talk.json'
        # One 10 s segment whose words say the speaker paused from 2 s to 7 s; by characters the first cue would end at 4.286 s.
        @'
{"language":"en","language_probability":0.9,"duration":10,"segments":[{"start":0,"end":10,"text":"Hello there, general Kenobi.",
 "words":[{"word":"Hello","start":0.5,"end":1,"probability":0.9},{"word":"there,","start":1,"end":2,"probability":0.8},
          {"word":"general","start":7,"end":8,"probability":0.7},{"word":"Kenobi.","start":8,"end":9.25,"probability":0.6}]}]}
'@ | Set-Content -LiteralPath $json

        ConvertTo-YtSubtitle -Path $json -Format Srt -MaxLineWidth 14 -MaxLineCount 1 | Out-Null

        $srt = (Get-Content -Raw (Join-Path $folder 'talk.srt')) -replace "`r", ''
        $srt | Should -Match "1\n00:00:00,500 --> 00:00:02,000\nHello there,\n"
        $srt | Should -Match "2\n00:00:07,000 --> 00:00:08,000\ngeneral\n"
        $srt | Should -Match "3\n00:00:08,000 --> 00:00:09,250\nKenobi\.\n"
    }
}
