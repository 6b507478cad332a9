# Start-YtPipeline end to end, offline: a podcast-style feed on a loopback server, Debian's yt-dlp,
# and a weightless model.

BeforeDiscovery {
    $script:HasYtDlp = [bool](Get-Command yt-dlp -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:SavedModelDir = $env:YTPIPE_MODEL_DIR
    $env:YTPIPE_MODEL_DIR = Split-Path (Get-WeightlessModel -Folder (Join-Path $TestDrive 'models'))
    $script:Www = Join-Path $TestDrive 'www'
    New-TestSpeech (Join-Path $Www 'one.m4a') -Text 'The first episode is short.' -CodecArgs '-c:a', 'aac' | Out-Null
    New-TestSpeech (Join-Path $Www 'two.opus') -Text 'The second episode follows.' -CodecArgs '-c:a', 'libopus' | Out-Null
    # The last episode is long and served slowly, so it is still downloading while the first is transcribed.
    $long = New-TestTone (Join-Path $TestDrive 'long.wav') -Seconds 20
    & ffmpeg -nostdin -v error -y -i $long.FullName -c:a libopus -b:a 32k (Join-Path $Www 'three.opus')
    $script:Server = Start-TestServer -Root $Www
    $items = @(
        @{ Title = 'Episode One'; Guid = 'ep-1'; File = 'one.m4a'; Type = 'audio/mp4' }
        @{ Title = 'Episode Two'; Guid = 'ep-2'; File = 'two.opus'; Type = 'audio/ogg' }
        @{ Title = 'Episode Three'; Guid = 'ep-3'; File = 'three.opus'; Type = 'audio/ogg' }
    )
    $entries = foreach ($i in $items) {
        "<item><title>$($i.Title)</title><guid>$($i.Guid)</guid><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate><enclosure url=`"$($Server.Url)/$($i.File)`" type=`"$($i.Type)`" length=`"1`"/></item>"
    }
    Set-Content (Join-Path $Www 'feed.xml') -Encoding utf8 -Value "<?xml version=`"1.0`" encoding=`"UTF-8`"?><rss version=`"2.0`"><channel><title>Cast</title><link>$($Server.Url)/</link><description>Test</description>$($entries -join '')</channel></rss>"
    $script:Feed = "$($Server.Url)/feed.xml"
    $script:Common = @{ Model = 'tiny.en'; BeamSize = 1; WarningAction = 'SilentlyContinue' }
}

AfterAll {
    if ($script:Server) { Stop-TestServer $Server }
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'Start-YtPipeline' -Skip:(-not $HasYtDlp) {
    BeforeAll {
        Set-TestServerControl $Server @{ slow = @{ '/three.opus' = 12000 } }
        $script:Out = Join-Path $TestDrive 'data'
        # Note when each result reaches the pipeline, to compare with when the last download ended.
        $script:Arrivals = @(Start-YtPipeline -Source $Feed -OutputDirectory $Out -OutputFormat Json, Srt @Common |
                ForEach-Object { [pscustomobject]@{ Result = $_; At = [DateTime]::UtcNow } })
        $script:Results = $Arrivals.Result
    }

    It 'writes the seed''s layout: raw/audio, raw/manifest.jsonl, raw/downloaded.txt, transcripts/' {
        @(Get-ChildItem (Join-Path $Out 'raw/audio') -Filter *.info.json) | Should -HaveCount 3
        @(Get-Content (Join-Path $Out 'raw/manifest.jsonl')) | Should -HaveCount 3
        @(Get-Content (Join-Path $Out 'raw/downloaded.txt')) | Should -HaveCount 3
        @(Get-ChildItem (Join-Path $Out 'transcripts') -Filter *.json) | Should -HaveCount 3
        @(Get-ChildItem (Join-Path $Out 'transcripts') -Filter *.srt) | Should -HaveCount 3
    }

    It 'emits one transcription result per item, with the title and source URL of the download' {
        $Results | Should -HaveCount 3
        $Results.Status | Sort-Object -Unique | Should -Be 'Transcribed'
        ($Results.Title | Sort-Object) | Should -Be 'Episode One', 'Episode Three', 'Episode Two'
        ($Results | Where-Object Title -eq 'Episode One').SourceUrl | Should -Be "$($Server.Url)/one.m4a"
    }

    It 'fills the transcript JSON from the info JSON, not from the file name' {
        $r = $Results | Where-Object Title -eq 'Episode Two'
        $json = Get-Content -Raw ($r.OutputFiles | Where-Object { $_ -like '*.json' }) | ConvertFrom-Json
        $json.video_id | Should -Be 'ep-2'
        $json.title | Should -Be 'Episode Two'
        $json.source_url | Should -Be "$($Server.Url)/two.opus"
        $json.upload_date | Should -Be '20240102'
    }

    It 'transcribes the first item while the last one is still downloading' {
        $lastAudio = Get-ChildItem (Join-Path $Out 'raw/audio') | Where-Object { $_.Name -like 'three*' -and $_.Name -notlike '*.info.json' }
        $firstResult = ($Arrivals | Sort-Object At)[0]
        $firstResult.Result.Title | Should -Not -Be 'Episode Three'
        $firstResult.At | Should -BeLessThan $lastAudio.LastWriteTimeUtc
    }

    It 'transcribes only this run''s items: a second run skips the archived ones and transcribes nothing' {
        $before = (Get-TestServerRequest $Server | Where-Object path -like '*.opus').Count
        $again = @(Start-YtPipeline -Source $Feed -OutputDirectory $Out @Common)
        $again | Should -BeNullOrEmpty
        (Get-TestServerRequest $Server | Where-Object path -like '*.opus').Count | Should -Be $before
        @(Get-Content (Join-Path $Out 'raw/manifest.jsonl')) | Should -HaveCount 3
    }

    It 'stops at -MaxItems and reports a failed item while the others go on' {
        Set-TestServerControl $Server @{ status = @{ '/two.opus' = 404 } }
        $out = Join-Path $TestDrive 'data2'
        $r = @(Start-YtPipeline -Source $Feed -OutputDirectory $out -MaxItems 2 @Common -ErrorVariable err -ErrorAction SilentlyContinue)
        $failed = $?
        $r.Title | Sort-Object | Should -Be 'Episode One', 'Episode Three'
        $err.FullyQualifiedErrorId | Should -Contain 'DownloadFailed,YtPipe.PowerShell.Commands.StartYtPipelineCommand'
        $failed | Should -BeFalse
        Get-ChildItem (Join-Path $out 'raw/audio') -Filter 'two*' | Should -BeNullOrEmpty
    }

    It 'stops both stages on Ctrl+C: yt-dlp is killed, nothing partial is left, the records match what landed' -Skip:(-not $IsLinux) {
        Set-TestServerControl $Server @{ slow = @{ '/three.opus' = 4000 } }
        $out = Join-Path $TestDrive 'data-stop'
        $script = "Import-Module '$(Get-TestModulePath)'; Start-YtPipeline -Source '$Feed' -OutputDirectory '$out' -Model tiny.en -BeamSize 1 -WarningAction SilentlyContinue | ForEach-Object { 'DONE ' + `$_.Title }"
        $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', $script
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['YTPIPE_MODEL_DIR'] = $env:YTPIPE_MODEL_DIR
        $p = [Diagnostics.Process]::Start($psi)
        try {
            # The first transcript arrives while the slow third item is still downloading.
            do {
                $line = $p.StandardOutput.ReadLineAsync()
                if (-not $line.Wait(120000)) { throw 'no transcript within 2 minutes' }
                if ($null -eq $line.Result) { throw "the pipeline ended early: $($p.StandardError.ReadToEnd())" }
            } until ($line.Result -like 'DONE *')
            & kill -INT $p.Id
            $p.WaitForExit(20000) | Should -BeTrue -Because 'Ctrl+C must stop both stages promptly'
        }
        finally { if (-not $p.HasExited) { $p.Kill($true) } }
        # yt-dlp's command line names its staging folder under $out (as the child pwsh's did).
        @(& pgrep -f $out) | Should -BeNullOrEmpty -Because "yt-dlp's process tree is killed"
        Get-PartialFiles $out | Should -BeNullOrEmpty
        $rows = @(Get-Content (Join-Path $out 'raw/manifest.jsonl') | ForEach-Object { $_ | ConvertFrom-Json })
        $rows.Count | Should -BeLessThan 3
        foreach ($row in $rows) { $row.audio_path | Test-File | Should -BeTrue }
        @(Get-Content (Join-Path $out 'raw/downloaded.txt')).Count | Should -Be $rows.Count
    }

    It 'ends at once, downloads and all, when the transcription dies (a model that breaks after the start)' -Skip:(-not $IsLinux) {
        Set-TestServerControl $Server @{ slow = @{ '/three.opus' = 2000 } }
        $out = Join-Path $TestDrive 'data-dead'
        $model = Join-Path $TestDrive 'breaks.bin'
        Copy-Item (Join-Path $env:YTPIPE_MODEL_DIR 'ggml-tiny.en.bin') $model
        $Error.Clear()
        # BeginProcessing checks the model; the upstream script block then breaks it before the
        # source arrives, so the first landed item finds a model that cannot load.
        { & { Set-Content -LiteralPath $model -Value 'broken'; $Feed } |
                Start-YtPipeline -OutputDirectory $out -ModelPath $model -BeamSize 1 -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'ModelInvalid,YtPipe.PowerShell.Commands.StartYtPipelineCommand'
        @($Error | Where-Object { $_ -is [Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like 'ModelInvalid*' }) | Should -HaveCount 1
        # The slow third item (about 40 s at this rate) never finished: the command did not wait for it.
        Get-ChildItem (Join-Path $out 'raw/audio') -ErrorAction SilentlyContinue | Where-Object Name -like 'three*' | Should -BeNullOrEmpty
        @(& pgrep -f $out) | Should -BeNullOrEmpty -Because "yt-dlp's process tree is killed"
        Get-PartialFiles $out | Should -BeNullOrEmpty
    }

    It 'stops with YtDlpNotFound before anything starts when yt-dlp is missing' {
        $out = Join-Path $TestDrive 'data3'
        { Start-YtPipeline -Source $Feed -OutputDirectory $out -YtDlpPath (Join-Path $TestDrive 'no/yt-dlp') @Common } |
            Should -Throw -ErrorId 'YtDlpNotFound,YtPipe.PowerShell.Commands.StartYtPipelineCommand'
        Join-Path $out 'transcripts' | Test-Path | Should -BeFalse
    }
}
