# Subtitles laid out again from a JSON transcript, no model: every cue within the limits, and
# ffmpeg reads every cue back (it decodes each file to ASS; a file it cannot parse fails).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Cmd = 'YtPipe.PowerShell.Commands.ConvertToYtSubtitleCommand'

    function New-Transcript([string] $Path) {
        $long = (1..40 | ForEach-Object { if ($_ % 9 -eq 0) { 'incomprehensibilities' } else { "word$_" } }) -join ' '
        $segments = @(
            @{ start = 0.0; end = 6.5; text = " $long" }
            @{ start = 6.5; end = 6.5; text = 'Zero length.' }
            @{ start = 6.6; end = 9.0; text = 'See https://example.com/a/very/long/path/that/fits/no/line/at/all ok' }
            @{ start = 8.0; end = 12.0; text = "Überlappend & <markup> --> straße`nmit Zeilenumbruch" }
            @{ start = 20.0; end = 20.2; text = 'Short.' }
        )
        @{ video_id = 'talk'; model = 'base.en'; segments = $segments } | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $Path -Encoding utf8
        $Path
    }

    # The cues of an SRT or VTT file: start and end in ms, and text lines.
    function Get-Cue([string] $Path) {
        $text = [IO.File]::ReadAllText($Path)
        foreach ($block in ($text -split "`n`n" | Where-Object { $_.Trim() -and $_ -ne 'WEBVTT' })) {
            $lines = @($block -split "`n" | Where-Object { $_ -ne '' })
            $timing = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match ' --> ' })
            $null = $lines[$timing] -match '^(\d+):(\d\d):(\d\d)[,.](\d{3}) --> (\d+):(\d\d):(\d\d)[,.](\d{3})$'
            [pscustomobject]@{
                Start = ((([long]$Matches[1] * 60 + $Matches[2]) * 60 + $Matches[3]) * 1000 + $Matches[4])
                End   = ((([long]$Matches[5] * 60 + $Matches[6]) * 60 + $Matches[7]) * 1000 + $Matches[8])
                Lines = @($lines | Select-Object -Skip ($timing + 1))
            }
        }
    }

    function Assert-Layout([string] $Path, [int] $Width, [int] $LineCount) {
        $cues = @(Get-Cue $Path)
        $cues.Count | Should -BeGreaterThan 5
        $previousEnd = 0
        foreach ($cue in $cues) {
            $cue.Lines.Count | Should -BeIn (1..$LineCount)
            foreach ($line in $cue.Lines) {
                # Entities count as the one character they stand for.
                $shown = [Net.WebUtility]::HtmlDecode($line)
                ([Globalization.StringInfo]::new($shown)).LengthInTextElements | Should -BeLessOrEqual $Width -Because "'$line' is a line of $Path"
            }
            $cue.End | Should -BeGreaterThan $cue.Start
            $cue.Start | Should -BeGreaterOrEqual $previousEnd
            $previousEnd = $cue.End
        }
        $cues
    }

    function Assert-FfmpegReads([string] $Path, [string] $Demuxer, [int] $CueCount) {
        $ass = & ffmpeg -nostdin -v error -f $Demuxer -i $Path -map 0 -c:s ass -f ass - 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($ass | Out-String)
        @($ass | Where-Object { $_ -like 'Dialogue:*' }).Count | Should -Be $CueCount
    }
}

Describe 'ConvertTo-YtSubtitle' {
    BeforeEach {
        $script:Folder = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        $script:Json = New-Transcript (Join-Path $Folder 'talk.json')
    }

    It 'writes SRT and VTT at width <Width> and <Lines> lines that ffmpeg reads back, every cue within the limits' -ForEach @(
        @{ Width = 42; Lines = 2 }, @{ Width = 32; Lines = 2 }, @{ Width = 12; Lines = 1 }
    ) {
        $out = @(Get-ChildItem -LiteralPath $Folder -Filter *.json |
            ConvertTo-YtSubtitle -Format Srt, Vtt -MaxLineWidth $Width -MaxLineCount $Lines)

        $out.Format | Should -Be 'Srt', 'Vtt'
        $out[0] | Should -BeOfType ([YtPipe.PowerShell.SubtitleFile])
        $out.TranscriptPath | Should -Be $Json, $Json
        $srt = Join-Path $Folder 'talk.srt'
        $vtt = Join-Path $Folder 'talk.vtt'
        $out.Path | Should -Be $srt, $vtt
        $srtCues = Assert-Layout $srt $Width $Lines
        $vttCues = Assert-Layout $vtt $Width $Lines
        $vttCues.Count | Should -Be $srtCues.Count
        Assert-FfmpegReads $srt srt $srtCues.Count
        Assert-FfmpegReads $vtt webvtt $vttCues.Count
    }

    It 'keeps every word in reading order, and whole segments in Txt' {
        ConvertTo-YtSubtitle -Path $Json -Format Srt, Txt -MaxLineWidth 20 | Out-Null

        $words = (Get-Cue (Join-Path $Folder 'talk.srt')).Lines -join ' '
        $words | Should -BeLike 'word1 word2 word3 *word40 Zero length. See https://*ok Überlappend & <markup> --> straße mit Zeilenumbruch Short.'
        @(Get-Content -LiteralPath (Join-Path $Folder 'talk.txt')).Count | Should -Be 5
    }

    It 'writes into -OutputDirectory, creating it' {
        $subs = Join-Path $Folder 'subs/deep'

        $out = ConvertTo-YtSubtitle -LiteralPath $Json -Format Vtt -OutputDirectory $subs

        $out.Path | Should -Be (Join-Path $subs 'talk.vtt')
        Join-Path $subs 'talk.vtt' | Test-File | Should -BeTrue
    }

    It '-WhatIf writes nothing' {
        $out = ConvertTo-YtSubtitle -Path $Json -Format Srt, Vtt, Txt -OutputDirectory (Join-Path $Folder 'never') -WhatIf

        $out | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $Folder -Recurse -Force).Name | Should -Be 'talk.json'
    }

    It 'keeps an existing file without -Force, with a verbose message, and replaces it with -Force' {
        $srt = Join-Path $Folder 'talk.srt'
        Set-Content -LiteralPath $srt -Value 'mine'

        $out = ConvertTo-YtSubtitle -Path $Json -Verbose 4>&1
        $out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Should -Match 'exists'
        $out | Where-Object { $_ -is [YtPipe.PowerShell.SubtitleFile] } | Should -BeNullOrEmpty
        Get-Content -LiteralPath $srt | Should -Be 'mine'

        $out = ConvertTo-YtSubtitle -Path $Json -Force
        $out.Path | Should -Be $srt
        Get-Content -LiteralPath $srt -TotalCount 1 | Should -Be '1'
    }

    It 'a file that is not a JSON transcript is one TranscriptInvalid error, and the next file still converts' {
        $bad = Join-Path $Folder 'notes.json'
        Set-Content -LiteralPath $bad -Value '{"title":"no segments here"}'

        $out = ConvertTo-YtSubtitle -Path $bad, $Json -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "TranscriptInvalid,$Cmd"
        $errs[0].TargetObject | Should -Be $bad
        Join-Path $Folder 'notes.srt' | Test-File | Should -BeFalse
        $out.Path | Should -Be (Join-Path $Folder 'talk.srt')
    }

    It 'the transcription commands take the layout parameters' -ForEach @(
        @{ Command = 'Invoke-YtTranscription' }, @{ Command = 'Start-YtPipeline' }
    ) {
        $parameters = (Get-Command $Command).Parameters
        $parameters['MaxLineWidth'].ParameterType | Should -Be ([int])
        $parameters['MaxLineCount'].ParameterType | Should -Be ([int])
    }
}
