BeforeDiscovery {
    $script:IsRoot = $IsLinux -and (& id -u) -eq '0'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ModelDir = Join-Path $TestDrive 'models'
    $script:SavedModelDir = Use-TestModelFolder $ModelDir
    # Greedy decoding: the weightless model returns no text anyway, and beam search costs more.
    $script:Common = @{ Model = 'tiny.en'; BeamSize = 1 }
    # Terminating and non-terminating errors carry 'ErrorId,<cmdlet type>'.
    $script:Cmd = 'YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'
}

AfterAll {
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'Invoke-YtTranscription on a folder of containers, codecs and awkward names' {
    BeforeAll {
        $media = Join-Path $TestDrive 'media'
        New-TestSpeech (Join-Path $media 'plain.wav') | Out-Null
        New-TestSpeech (Join-Path $media 'song one.mp3') | Out-Null
        New-TestSpeech (Join-Path $media 'clip [1].m4a') -CodecArgs '-c:a', 'aac' | Out-Null
        New-TestSpeech (Join-Path $media 'héllo wörld.ogg') -CodecArgs '-c:a', 'libvorbis' | Out-Null
        New-TestSpeech (Join-Path $media 'sub/deep/talk.flac') | Out-Null
        New-TestSpeech (Join-Path $media 'sub/voice.opus') -CodecArgs '-c:a', 'libopus' | Out-Null
        New-TestSpeech (Join-Path $media 'video.webm') -CodecArgs '-c:a', 'libopus' | Out-Null
        New-TestSpeech (Join-Path $media 'movie.mkv') | Out-Null
        Set-Content (Join-Path $media 'notes.txt') 'not media: a folder search ignores it'
        $script:Media = $media
        $script:Out = Join-Path $TestDrive 'transcripts'
        $script:Results = @(Invoke-YtTranscription -Path $media -OutputDirectory $Out -OutputFormat Json, Txt, Srt, Vtt @Common)
        $script:Relative = @('plain', 'song one', 'clip [1]', 'héllo wörld', 'sub/deep/talk', 'sub/voice', 'video', 'movie')
    }

    It 'transcribes every media file of the folder, recursively, and nothing else' {
        $Results | Should -HaveCount 8
        $Results.Status | Sort-Object -Unique | Should -Be 'Transcribed'
        ($Results.Path | ForEach-Object { Split-Path $_ -Leaf } | Sort-Object) |
            Should -Be (@('clip [1].m4a', 'héllo wörld.ogg', 'movie.mkv', 'plain.wav', 'song one.mp3', 'talk.flac', 'video.webm', 'voice.opus') | Sort-Object)
    }

    It 'keeps the sub-folders of a folder input under -OutputDirectory, with every requested format' {
        foreach ($rel in $Relative) {
            foreach ($ext in 'json', 'txt', 'srt', 'vtt') {
                Join-Path $Out "$rel.$ext" | Test-File | Should -BeTrue
            }
        }
        Join-Path $Media 'plain.json' | Test-File | Should -BeFalse
    }

    It 'emits result objects that say what was done' {
        $r = $Results | Where-Object { $_.Path -like '*plain.wav' }
        $r | Should -BeOfType ([YtPipe.PowerShell.TranscriptionResult])
        $r.Device | Should -Be 'cpu'
        $r.Model | Should -Be 'tiny.en'
        $r.ComputeType | Should -Be 'f16'
        $r.Language | Should -Be 'en'
        $r.Duration.TotalSeconds | Should -BeGreaterThan 1
        $r.RealTimeFactor | Should -BeGreaterThan 0
        $r.OutputFiles | Should -HaveCount 4
        $r.OutputFiles | ForEach-Object { $_ | Test-File | Should -BeTrue }
    }

    It 'writes JSON in the seed schema, as UTF-8' {
        $json = Get-Content -Raw -LiteralPath (Join-Path $Out 'héllo wörld.json') -Encoding utf8 | ConvertFrom-Json
        $json.video_id | Should -Be 'héllo wörld'
        $json.source_url | Should -BeNullOrEmpty
        $json.model | Should -Be 'tiny.en'
        $json.device | Should -Be 'cpu'
        $json.compute_type | Should -Be 'f16'
        $json.language | Should -Be 'en'
        $json.duration | Should -BeGreaterThan 1
        , $json.segments | Should -BeOfType [array]
    }

    It 'leaves no temporary files behind' {
        Get-PartialFiles $Out | Should -BeNullOrEmpty
        Get-PartialFiles $Media | Should -BeNullOrEmpty
    }

    It 'skips files whose transcripts exist, before loading any model, and touches nothing' {
        $before = Get-ChildItem $Out -Recurse -File | ForEach-Object { "$($_.FullName)|$($_.LastWriteTimeUtc.Ticks)" }
        $again = @(Invoke-YtTranscription -Path $Media -OutputDirectory $Out -OutputFormat Json, Txt, Srt, Vtt @Common -Verbose 4>&1)
        $results = $again | Where-Object { $_ -is [YtPipe.PowerShell.TranscriptionResult] }
        $verbose = $again | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $results | Should -HaveCount 8
        $results.Status | Sort-Object -Unique | Should -Be 'Skipped'
        $verbose.Message | Should -Not -Match 'Loading model'
        Get-ChildItem $Out -Recurse -File | ForEach-Object { "$($_.FullName)|$($_.LastWriteTimeUtc.Ticks)" } | Should -Be $before
    }

    It 'writes nothing with -WhatIf' {
        $whatIfOut = Join-Path $TestDrive 'whatif'
        $r = Invoke-YtTranscription -Path $Media -OutputDirectory $whatIfOut @Common -WhatIf
        $r | Should -BeNullOrEmpty
        Test-Path -LiteralPath $whatIfOut | Should -BeFalse
    }
}

Describe 'Invoke-YtTranscription input binding and output places' {
    BeforeAll {
        $script:Bind = Join-Path $TestDrive 'bind'
        New-TestSpeech (Join-Path $Bind 'a.wav') | Out-Null
        New-TestSpeech (Join-Path $Bind 'b [x].wav') | Out-Null
        New-TestSpeech (Join-Path $Bind 'c.mp3') | Out-Null
        New-TestSpeech (Join-Path $Bind 'd.wav') | Out-Null
    }

    It 'writes transcripts beside each input by default (FileInfo from Get-ChildItem)' {
        $r = Get-ChildItem (Join-Path $Bind 'a.wav') | Invoke-YtTranscription @Common
        $r.Status | Should -Be 'Transcribed'
        Join-Path $Bind 'a.json' | Test-File | Should -BeTrue
        Join-Path $Bind 'a.txt' | Test-File | Should -BeTrue
        Join-Path $Bind 'a.srt' | Test-File | Should -BeFalse
    }

    It 'binds strings by value, and AudioPath and FullName by property name, in one pipeline' {
        $out = Join-Path $TestDrive 'bind-out'
        $inputs = @(
            (Join-Path $Bind 'c.mp3'),
            [pscustomobject]@{ AudioPath = (Join-Path $Bind 'b [x].wav') },
            [pscustomobject]@{ FullName = (Join-Path $Bind 'd.wav') }
        )
        $r = @($inputs | Invoke-YtTranscription -OutputDirectory $out @Common)
        $r | Should -HaveCount 3
        $r.Status | Sort-Object -Unique | Should -Be 'Transcribed'
        foreach ($stem in 'c', 'b [x]', 'd') { Join-Path $out "$stem.json" | Test-File | Should -BeTrue }
    }

    It 'takes -LiteralPath as written and -Path as a wildcard' {
        $out = Join-Path $TestDrive 'literal-out'
        Invoke-YtTranscription -Path (Join-Path $Bind 'b [x].wav') -OutputDirectory $out @Common -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "InputNotFound,$Cmd"
        $literal = Invoke-YtTranscription -LiteralPath (Join-Path $Bind 'b [x].wav') -OutputDirectory $out @Common
        $literal.Path | Should -Be (Join-Path $Bind 'b [x].wav')
        $wild = @(Invoke-YtTranscription -Path (Join-Path $Bind '?.wav') -OutputDirectory $out @Common)
        ($wild.Path | ForEach-Object { Split-Path $_ -Leaf } | Sort-Object) | Should -Be 'a.wav', 'd.wav'
    }

    It 'refuses a second input that would write the same transcript, and transcribes the first' {
        New-TestSpeech (Join-Path $TestDrive 'one/talk.wav') | Out-Null
        Copy-Item (Join-Path $TestDrive 'one/talk.wav') (New-Item -ItemType Directory (Join-Path $TestDrive 'two')).FullName
        $out = Join-Path $TestDrive 'collide'
        $r = @(Invoke-YtTranscription -Path (Join-Path $TestDrive 'one/talk.wav'), (Join-Path $TestDrive 'two/talk.wav') -OutputDirectory $out @Common -ErrorVariable err -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 1
        $r[0].Path | Should -BeLike '*one*talk.wav'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'OutputPathCollision,*'
        $err[0].TargetObject | Should -BeLike '*two*talk.wav'
    }

    It 'fills source_url, title, uploader and date from the yt-dlp info JSON beside a downloaded file' {
        $dir = Join-Path $TestDrive 'downloaded'
        New-TestSpeech (Join-Path $dir 'abc123.m4a') -CodecArgs '-c:a', 'aac' | Out-Null
        @{ id = 'abc123'; webpage_url = 'https://www.youtube.com/watch?v=abc123'; title = 'A talk'; uploader = 'Someone'; upload_date = '20240131' } |
            ConvertTo-Json | Set-Content (Join-Path $dir 'abc123.info.json')
        $r = [pscustomobject]@{ AudioPath = (Join-Path $dir 'abc123.m4a') } | Invoke-YtTranscription @Common
        $r.SourceUrl | Should -Be 'https://www.youtube.com/watch?v=abc123'
        $r.Title | Should -Be 'A talk'
        $json = Get-Content -Raw (Join-Path $dir 'abc123.json') | ConvertFrom-Json
        $json.video_id | Should -Be 'abc123'
        $json.source_url | Should -Be 'https://www.youtube.com/watch?v=abc123'
        $json.title | Should -Be 'A talk'
        $json.uploader | Should -Be 'Someone'
        $json.upload_date | Should -Be '20240131'
    }

    It 'never overwrites an existing transcript without -Force, and writes only the missing formats' {
        $dir = Join-Path $TestDrive 'partial'
        New-TestSpeech (Join-Path $dir 'p.wav') | Out-Null
        Set-Content (Join-Path $dir 'p.json') 'written by someone else'
        $r = Invoke-YtTranscription -Path (Join-Path $dir 'p.wav') @Common
        $r.Status | Should -Be 'Transcribed'
        Get-Content (Join-Path $dir 'p.json') | Should -Be 'written by someone else'
        Join-Path $dir 'p.txt' | Test-File | Should -BeTrue
        $r.OutputFiles | Should -HaveCount 2

        $forced = Invoke-YtTranscription -Path (Join-Path $dir 'p.wav') @Common -Force
        $forced.Status | Should -Be 'Transcribed'
        (Get-Content -Raw (Join-Path $dir 'p.json') | ConvertFrom-Json).video_id | Should -Be 'p'
    }
}

Describe 'Invoke-YtTranscription with bad inputs' {
    BeforeAll {
        $bad = Join-Path $TestDrive 'bad'
        New-TestSpeech (Join-Path $bad 'good.wav') | Out-Null
        New-Item -ItemType File (Join-Path $bad 'empty.wav') | Out-Null
        Set-Content (Join-Path $bad 'notaudio.mp3') 'this is text, not audio'
        $full = New-TestSpeech (Join-Path $TestDrive 'full.m4a') -Text 'A longer sentence that makes a file of a few seconds for cutting.' -CodecArgs '-c:a', 'aac'
        $bytes = [IO.File]::ReadAllBytes($full.FullName)
        [IO.File]::WriteAllBytes((Join-Path $bad 'cut.m4a'), $bytes[0..($bytes.Length / 2)])
        $mp3 = New-TestSpeech (Join-Path $TestDrive 'full.mp3') -Text 'A longer sentence that makes a file of a few seconds for cutting.'
        $bytes = [IO.File]::ReadAllBytes($mp3.FullName)
        [IO.File]::WriteAllBytes((Join-Path $bad 'halved.mp3'), $bytes[0..($bytes.Length / 2)])
        $script:Bad = $bad
        $script:Missing = Join-Path $bad 'missing.wav'
        $script:Run = @(Invoke-YtTranscription -Path $Missing, $bad @Common -ErrorVariable errs -ErrorAction SilentlyContinue)
        $script:Succeeded = $?
        $script:Errs = $errs
    }

    It 'reports <Name> as a non-terminating <Id> error with the path as target' -ForEach @(
        @{ Name = 'missing.wav'; Id = 'InputNotFound' }
        @{ Name = 'empty.wav'; Id = 'AudioDecodeFailed' }
        @{ Name = 'notaudio.mp3'; Id = 'AudioDecodeFailed' }
        @{ Name = 'cut.m4a'; Id = 'AudioDecodeFailed' }
        @{ Name = 'halved.mp3'; Id = 'AudioDecodeFailed' }
    ) {
        $e = $Errs | Where-Object { "$($_.TargetObject)" -like "*$Name" }
        $e | Should -HaveCount 1
        $e.FullyQualifiedErrorId | Should -Be "$Id,$Cmd"
        Join-Path $Bad ([IO.Path]::ChangeExtension($Name, '.json')) | Test-File | Should -BeFalse
    }

    It 'says why a truncated file failed' {
        ($Errs | Where-Object { "$($_.TargetObject)" -like '*halved.mp3' }).Exception.Message | Should -Match 'truncated'
    }

    It 'transcribes the good file of the batch all the same' {
        ($Run | Where-Object Status -eq 'Transcribed').Path | Should -BeLike '*good.wav'
        Join-Path $Bad 'good.json' | Test-File | Should -BeTrue
        ($Run | Where-Object Status -eq 'Failed') | Should -HaveCount 4
        ($Run | Where-Object Status -eq 'Failed').ErrorId | Sort-Object -Unique | Should -Be 'AudioDecodeFailed'
    }

    It 'leaves $? false after a batch in which a file failed' {
        $Succeeded | Should -BeFalse
    }

    It 'reports an unreadable file as InputUnreadable' -Skip:$IsRoot {
        $locked = New-TestSpeech (Join-Path $TestDrive 'locked/locked.wav')
        & chmod 000 $locked.FullName
        try {
            Invoke-YtTranscription -Path $locked.FullName @Common -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InputUnreadable,*'
        }
        finally { & chmod 644 $locked.FullName }
    }
}

Describe 'Invoke-YtTranscription errors that stop before any work' {
    BeforeAll {
        $script:One = New-TestSpeech (Join-Path $TestDrive 'stop/one.wav')
    }

    It 'stops with FfmpegNotFound, naming the fix, when ffmpeg is missing' {
        $saved = $env:YTPIPE_FFMPEG_PATH
        $env:YTPIPE_FFMPEG_PATH = (New-Item -ItemType Directory (Join-Path $TestDrive 'no-ffmpeg')).FullName
        try {
            $err = { Invoke-YtTranscription -Path $One.FullName @Common } | Should -Throw -ErrorId "FfmpegNotFound,$Cmd" -PassThru
            $err.ErrorDetails.Message | Should -Match 'Install ffmpeg'
        }
        finally { $env:YTPIPE_FFMPEG_PATH = $saved }
        Join-Path $TestDrive 'stop/one.json' | Test-File | Should -BeFalse
    }

    It 'stops with ModelNotFound, naming the file and $env:YTPIPE_MODEL_DIR, when the model is missing and may not be downloaded' {
        $err = { Invoke-YtTranscription -Path $One.FullName -Model 'small.en' -ComputeType Float16 -NoDownload } | Should -Throw -ErrorId "ModelNotFound,$Cmd" -PassThru
        $err.ErrorDetails.Message | Should -Match 'ggml-small\.en\.bin'
        $err.ErrorDetails.Message | Should -Match 'YTPIPE_MODEL_DIR'
        Join-Path $TestDrive 'stop/one.json' | Test-File | Should -BeFalse
    }

    It 'stops with ModelInvalid for a corrupt model file (<Case>)' -ForEach @(
        @{ Case = 'not a model'; Bytes = [Text.Encoding]::ASCII.GetBytes('<html>404 Not Found</html>' * 10) }
        @{ Case = 'cut after the header'; Cut = 200 }
    ) {
        $bad = Join-Path $TestDrive "corrupt-$($Case.Replace(' ', '-')).bin"
        if ($Cut) { [IO.File]::WriteAllBytes($bad, [IO.File]::ReadAllBytes((Join-Path $ModelDir 'ggml-tiny.en.bin'))[0..($Cut - 1)]) }
        else { [IO.File]::WriteAllBytes($bad, $Bytes) }
        { Invoke-YtTranscription -Path $One.FullName -ModelPath $bad -BeamSize 1 } | Should -Throw -ErrorId "ModelInvalid,$Cmd"
        Join-Path $TestDrive 'stop/one.json' | Test-File | Should -BeFalse
    }

    It 'refuses -Model and -ModelPath together' {
        { Invoke-YtTranscription -Path $One.FullName -Model tiny.en -ModelPath (Join-Path $ModelDir 'ggml-tiny.en.bin') } |
            Should -Throw -ErrorId "ModelAndModelPath,$Cmd"
    }
}

Describe 'Invoke-YtTranscription with real engine text (zero-filled model)' {
    BeforeAll {
        $script:Zero = Get-ZeroModel -Folder (Join-Path $TestDrive 'zero')
        $dir = Join-Path $TestDrive 'real'
        New-Item -ItemType Directory $dir | Out-Null
        Copy-Item (Join-Path $PSScriptRoot '../../samples/jfk.wav') $dir
        $script:Real = Invoke-YtTranscription -Path (Join-Path $dir 'jfk.wav') -ModelPath $Zero -BeamSize 1 -OutputFormat Json, Txt, Srt, Vtt
        $script:Json = Get-Content -Raw (Join-Path $dir 'jfk.json') | ConvertFrom-Json
        $script:Srt = Get-Content -Raw (Join-Path $dir 'jfk.srt')
        $script:Vtt = Get-Content -Raw (Join-Path $dir 'jfk.vtt')
        $script:Txt = Get-Content (Join-Path $dir 'jfk.txt')
        function script:Format-Cue([double] $seconds, [string] $sep) {
            $ms = [long][Math]::Round($seconds * 1000, [MidpointRounding]::AwayFromZero)
            '{0:00}:{1:00}:{2:00}{3}{4:000}' -f [Math]::Floor($ms / 3600000), ([Math]::Floor($ms / 60000) % 60), ([Math]::Floor($ms / 1000) % 60), $sep, ($ms % 1000)
        }
    }

    It 'returns segments with text and real timestamps' {
        $Real.Status | Should -Be 'Transcribed'
        $Real.SegmentCount | Should -BeGreaterThan 0
        $Json.segments.Count | Should -Be $Real.SegmentCount
        $Json.segments[0].text | Should -Not -BeNullOrEmpty
        $Json.segments[0].end | Should -BeGreaterThan $Json.segments[0].start
        $Json.segments[-1].end | Should -BeLessOrEqual ($Json.duration + 0.5)
        $Real.Text | Should -Be $Json.text
    }

    It 'writes SRT cues that match the JSON segments' {
        $seg = $Json.segments[0]
        $Srt | Should -Match "(?m)^1\r?\n$([regex]::Escape((Format-Cue $seg.start ',') + ' --> ' + (Format-Cue $seg.end ',')))\r?\n$([regex]::Escape($seg.text.Trim()))"
        ([regex]::Matches($Srt, '(?m)^\d\d:\d\d:\d\d,\d\d\d --> ')).Count | Should -Be $Json.segments.Count
    }

    It 'writes VTT with its header and dotted milliseconds' {
        $seg = $Json.segments[0]
        $Vtt | Should -Match '^WEBVTT\r?\n\r?\n'
        $Vtt | Should -Match ([regex]::Escape((Format-Cue $seg.start '.') + ' --> ' + (Format-Cue $seg.end '.')))
    }

    It 'writes one TXT line per segment' {
        @($Txt) | Should -Be @($Json.segments.text | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }
}
