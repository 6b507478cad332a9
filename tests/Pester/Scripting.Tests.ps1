# What a script or a scheduled job relies on: the batch summary on the information stream, the
# exit-code idiom of the help, -WhatIf and -Confirm on every command that writes, and
# $PSDefaultParameterValues for static and dynamic parameters.

BeforeDiscovery {
    $script:HasYtDlp = [bool](Get-Command yt-dlp -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'PwshJob.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Models = Join-Path $TestDrive 'models'
    Get-WeightlessModel -Folder $Models | Out-Null
    # The help's examples name base.en; the weightless tiny.en stands in for it.
    Copy-Item (Join-Path $Models 'ggml-tiny.en.bin') (Join-Path $Models 'ggml-base.en.bin')
    $script:SavedModelDir = $env:YTPIPE_MODEL_DIR
    $env:YTPIPE_MODEL_DIR = $Models
    $script:Good = (New-TestSpeech (Join-Path $TestDrive 'media/good.wav') -Text 'Hello there.').FullName
    $script:Bad = Join-Path $TestDrive 'media-bad/bad.wav'
    New-Item -ItemType Directory (Split-Path $Bad) | Out-Null
    Set-Content $Bad 'not audio: ffmpeg cannot decode this'
    $script:Www = Join-Path $TestDrive 'www'
    New-TestTone (Join-Path $Www 'one.wav') -Seconds 1 | Out-Null
    New-TestTone (Join-Path $Www 'two.wav') -Seconds 1 | Out-Null
    $script:Server = Start-TestServer -Root $Www
    $script:SummaryPattern = '^YtPipe: (\d+) transcribed, (\d+) skipped, (\d+) failed; \d+\.\d\d h of audio in \d\d:\d\d:\d\d\.$'

    function script:Invoke-Pwsh {
        <# A job in a fresh pwsh that finds the module under test by name and the weightless models. #>
        param([Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @(), [string[]] $Answers = @())
        Invoke-PwshJob -Script $Script -Arguments $Arguments -Answers $Answers -Environment @{
            YTPIPE_MODEL_DIR = $Models
            PSModulePath     = (Split-Path (Get-TestModulePath) -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
        }
    }
}

AfterAll {
    if ($script:Server) { Stop-TestServer $Server }
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'The batch summary' {
    It 'is one line on the information stream, tagged, with the counts of the batch' {
        $out = Join-Path $TestDrive 'summary'
        $null = Invoke-YtTranscription -LiteralPath $Good, $Bad -Model tiny.en -BeamSize 1 -OutputDirectory $out -InformationVariable info -ErrorAction SilentlyContinue
        $info | Should -HaveCount 1
        $info[0].Tags | Should -Contain 'YtPipe.Summary'
        "$($info[0].MessageData)" -match $SummaryPattern | Should -BeTrue
        $Matches[1..3] | Should -Be '1', '0', '1'
        $null = Invoke-YtTranscription -LiteralPath $Good -Model tiny.en -BeamSize 1 -OutputDirectory $out -InformationVariable again
        "$($again[0].MessageData)" | Should -Match '^YtPipe: 0 transcribed, 1 skipped, 0 failed;'
    }

    It 'is silent by default and shown with -InformationAction Continue' {
        $child = Invoke-Pwsh -Arguments $Good, (Join-Path $TestDrive 'quiet') -Script @'
param($Clip, $Out)
Import-Module YtPipe
$null = Invoke-YtTranscription -LiteralPath $Clip -Model tiny.en -BeamSize 1 -OutputDirectory $Out
'--'
$null = Invoke-YtTranscription -LiteralPath $Clip -Model tiny.en -BeamSize 1 -OutputDirectory $Out -Force -InformationAction Continue
'@
        $child.Error | Should -BeNullOrEmpty
        $child.Output[0] | Should -Be '--'
        $child.Output | Should -HaveCount 2
        $child.Output[1] | Should -Match $SummaryPattern
    }

    It 'ends Save-YtAudio too' -Skip:(-not $HasYtDlp) {
        $null = Save-YtAudio "$($Server.Url)/one.wav" -OutputDirectory (Join-Path $TestDrive 'dl-summary') -InformationVariable info -WarningAction SilentlyContinue
        $info | Should -HaveCount 1
        "$($info[0].MessageData)" | Should -Match '^YtPipe: 1 downloaded, 0 skipped, 0 failed in \d\d:\d\d:\d\d\.$'
    }
}

Describe 'The scheduled-job example of the help' {
    BeforeAll {
        $example = (Get-Help Invoke-YtTranscription -Full).examples.example | Where-Object { $_.title -match 'scheduled job' }
        $script:Job = $example.code
    }

    It 'uses the exit-code idiom' {
        $Job | Should -Match 'exit \[int\]\(\$failed\.Count -gt 0\)'
    }

    It 'exits 1 when a file failed, with the summary in its log' {
        $incoming = New-Item -ItemType Directory (Join-Path $TestDrive 'incoming-bad')
        Copy-Item $Good, $Bad $incoming
        $run = Invoke-Pwsh -Script $Job -Arguments '-Incoming', $incoming, '-Transcripts', (Join-Path $TestDrive 'jobs-bad')
        $run.ExitCode | Should -Be 1
        $run.Error | Should -Match 'AudioDecodeFailed|bad\.wav'
        ($run.Output | Where-Object { $_ -match $SummaryPattern }) | Should -HaveCount 1
        $Matches[1..3] | Should -Be '1', '0', '1'
    }

    It 'exits 0 when every file went well' {
        $incoming = New-Item -ItemType Directory (Join-Path $TestDrive 'incoming-good')
        Copy-Item $Good $incoming
        $run = Invoke-Pwsh -Script $Job -Arguments '-Incoming', $incoming, '-Transcripts', (Join-Path $TestDrive 'jobs-good')
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        Join-Path $TestDrive 'jobs-good/good.json' | Test-File | Should -BeTrue
    }
}

Describe '-WhatIf and -Confirm on every command that writes' {
    It 'every command that writes supports them, and no other does' {
        foreach ($c in Get-Command -Module YtPipe) {
            $writes = $c.Verb -ne 'Get'
            $c.Parameters.ContainsKey('WhatIf') | Should -Be $writes -Because "$($c.Name) $(if ($writes) { 'writes' } else { 'only reads' })"
            $c.Parameters.ContainsKey('Confirm') | Should -Be $writes
        }
    }

    It 'Start-YtPipeline -WhatIf downloads and transcribes nothing' -Skip:(-not $HasYtDlp) {
        $out = Join-Path $TestDrive 'pipeline-whatif'
        $r = Start-YtPipeline "$($Server.Url)/one.wav" -OutputDirectory $out -Model tiny.en -WhatIf -WarningAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        @(Get-ChildItem $out -Recurse -File -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        @(Get-TestServerRequest $Server | Where-Object { $_.path -eq '/one.wav' }) | Should -BeNullOrEmpty
    }

    It '<Command> -Confirm answered No to All writes nothing' -ForEach @(
        @{ Command = 'Invoke-YtTranscription'; Line = 'Invoke-YtTranscription -LiteralPath $Clip -Model tiny.en -OutputDirectory $Out -Confirm' }
        @{ Command = 'Save-YtModel'; Line = '$env:YTPIPE_MODEL_DIR = $Out; $env:YTPIPE_MODEL_BASE_URL = "$Url/models/"; Save-YtModel -Name tiny.en -Confirm' }
        @{ Command = 'Save-YtAudio'; Line = 'Save-YtAudio "$Url/one.wav" -OutputDirectory $Out -Confirm -WarningAction SilentlyContinue' }
        @{ Command = 'Start-YtPipeline'; Line = 'Start-YtPipeline "$Url/one.wav" -OutputDirectory $Out -Model tiny.en -Confirm -WarningAction SilentlyContinue' }
    ) {
        if ($Command -like '*Yt[AP]*' -and -not (Get-Command yt-dlp -CommandType Application -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'yt-dlp is not installed' }
        $out = Join-Path $TestDrive "confirm-$Command"
        $run = Invoke-Pwsh -Arguments $Good, $out, $Server.Url -Answers 'L' -Script "param(`$Clip, `$Out, `$Url)`nImport-Module YtPipe`n$Line`n'done'"
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        ($run.Output -join "`n") | Should -Match 'Are you sure'
        $run.Output[-1] | Should -Be 'done'
        @(Get-ChildItem $out -Recurse -File -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'Invoke-YtTranscription -Confirm answered Yes transcribes' {
        $out = Join-Path $TestDrive 'confirm-yes'
        $run = Invoke-Pwsh -Arguments $Good, $out -Answers 'Y' -Script "param(`$Clip, `$Out)`nImport-Module YtPipe`n`$null = Invoke-YtTranscription -LiteralPath `$Clip -Model tiny.en -BeamSize 1 -OutputDirectory `$Out -Confirm"
        $run.Error | Should -BeNullOrEmpty
        Join-Path $out 'good.json' | Test-File | Should -BeTrue
    }
}

Describe '$PSDefaultParameterValues' {
    AfterEach { $PSDefaultParameterValues.Clear() }

    It 'sets the static parameters of Invoke-YtTranscription' {
        $out = Join-Path $TestDrive 'defaults'
        $PSDefaultParameterValues['Invoke-YtTranscription:Model'] = 'tiny.en'
        $PSDefaultParameterValues['Invoke-YtTranscription:BeamSize'] = 1
        $PSDefaultParameterValues['Invoke-YtTranscription:OutputDirectory'] = $out
        $PSDefaultParameterValues['Invoke-YtTranscription:OutputFormat'] = 'Srt'
        $r = Invoke-YtTranscription -LiteralPath $Good
        $r.Model | Should -Be 'tiny.en'
        (Get-ChildItem $out).Name | Should -Be 'good.srt'
    }

    It 'sets the dynamic download parameters of Save-YtAudio' -Skip:(-not $HasYtDlp) {
        $out = Join-Path $TestDrive 'defaults-dl'
        $PSDefaultParameterValues['Save-YtAudio:OutputDirectory'] = $out
        $PSDefaultParameterValues['Save-YtAudio:MaxItems'] = 1
        $PSDefaultParameterValues['Save-YtAudio:NoArchive'] = $true
        $r = @(Save-YtAudio "$($Server.Url)/one.wav", "$($Server.Url)/two.wav" -WarningAction SilentlyContinue)
        $r | Should -HaveCount 1
        Join-Path $out 'downloaded.txt' | Test-File | Should -BeFalse
        Join-Path $out 'manifest.jsonl' | Test-File | Should -BeTrue
    }
}
