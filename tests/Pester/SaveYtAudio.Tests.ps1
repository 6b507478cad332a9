# Save-YtAudio end to end, offline: Debian's yt-dlp (its generic extractor) against a loopback
# server that serves ffmpeg-made media, a podcast-style RSS feed, and an HTML page with an <audio>.

BeforeDiscovery {
    $script:HasYtDlp = [bool](Get-Command yt-dlp -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Cmd = 'YtPipe.PowerShell.Commands.SaveYtAudioCommand'
    $script:Www = Join-Path $TestDrive 'www'

    function script:New-Media([string] $Name, [int] $Seconds = 2, [int] $Frequency = 440, [string[]] $CodecArgs = @()) {
        $path = Join-Path $Www $Name
        New-Item -ItemType Directory -Force (Split-Path $path) | Out-Null
        & ffmpeg -nostdin -v error -y -f lavfi -i "sine=frequency=${Frequency}:sample_rate=16000:duration=$Seconds" @CodecArgs $path
        if ($LASTEXITCODE -ne 0) { throw "ffmpeg could not make $path" }
        $path
    }

    function script:New-Feed([string] $Name, [object[]] $Items) {
        <# An RSS feed whose items are @{ Title; Guid; Path } (Path relative to the server). #>
        $entries = foreach ($i in $Items) {
            "<item><title>$($i.Title)</title><guid>$($i.Guid)</guid><enclosure url=`"$($Server.Url)/$($i.Path)`" type=`"audio/ogg`" length=`"1`"/></item>"
        }
        Set-Content -LiteralPath (Join-Path $Www $Name) -Encoding utf8 -Value @"
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Cast</title><link>$($Server.Url)/</link><description>A test feed</description>
$($entries -join "`n")
</channel></rss>
"@
        "$($Server.Url)/$Name"
    }

    function script:New-Out { Join-Path $TestDrive ([guid]::NewGuid().ToString('N')) }

    function script:Get-Rows([string] $Out) {
        $manifest = Join-Path $Out 'manifest.jsonl'
        if (-not (Test-Path $manifest)) { return @() }
        @(Get-Content -LiteralPath $manifest | ForEach-Object { $_ | ConvertFrom-Json })
    }

    function script:Get-Archive([string] $Out) {
        $archive = Join-Path $Out 'downloaded.txt'
        if (-not (Test-Path $archive)) { return @() }
        @(Get-Content -LiteralPath $archive)
    }

    function script:Get-Codec([string] $Path) {
        (& ffprobe -v error -select_streams a:0 -show_entries stream=codec_name -of csv=p=0 $Path).Trim()
    }

    function script:Get-Requests([string] $Path) {
        @(Get-TestServerRequest $Server | Where-Object path -eq $Path)
    }

    New-Media 'ep1.opus' -Frequency 500 | Out-Null
    New-Media 'ep2.opus' -Frequency 600 | Out-Null
    New-Media 'ep3.opus' -Frequency 700 | Out-Null
    New-Media 'clip.m4a' -CodecArgs '-c:a', 'aac' | Out-Null
    New-Media 'a/talk.m4a' -Frequency 300 -CodecArgs '-c:a', 'aac' | Out-Null
    New-Media 'b/talk.m4a' -Frequency 900 -CodecArgs '-c:a', 'aac' | Out-Null
    # 20 s at 32 kb/s, about 100 KB: big enough to cut or throttle mid-file. The server cuts a path only
    # once in its life, so each test that cuts or throttles has a file (and a page) of its own.
    $script:LongFile = New-Media 'long.opus' -Seconds 20 -CodecArgs '-c:a', 'libopus', '-b:a', '32k'
    foreach ($name in 'talk', 'cut', 'slow', 'stop') {
        if ($name -ne 'talk') { Copy-Item $LongFile (Join-Path $Www "$name.opus") }
        $media = if ($name -eq 'talk') { 'long.opus' } else { "$name.opus" }
        # A page with an <audio>: the generic extractor reads the page, and the media is requested once, by the download.
        Set-Content -LiteralPath (Join-Path $Www "$name.html") -Encoding utf8 -Value "<!DOCTYPE html><html><head><title>Long $name</title></head><body><audio src=`"$media`" controls></audio></body></html>"
    }
    Set-Content -LiteralPath (Join-Path $Www 'notmedia.m4a') -Value 'served as HTML by the control file'

    $script:Server = Start-TestServer -Root $Www
    $script:Url = $Server.Url
    $script:Feed = New-Feed 'feed.xml' @(
        @{ Title = 'Episode One'; Guid = 'ep-1'; Path = 'ep1.opus' }
        @{ Title = 'Episode Two'; Guid = 'ep-2'; Path = 'ep2.opus' }
        @{ Title = 'Episode Three'; Guid = 'ep-3'; Path = 'ep3.opus' }
    )
    # The old Debian yt-dlp of the build machines draws an "update it" warning on every run; tests that
    # are about something else leave it out of their output.
    $script:Quiet = @{ WarningAction = 'SilentlyContinue' }
}

AfterAll {
    if ($script:Server) { Stop-TestServer $Server }
}

Describe 'Save-YtAudio' -Skip:(-not $HasYtDlp) {
    BeforeEach { Set-TestServerControl $Server @{} }

    It 'downloads a plain media URL, keeps its codec, writes its .info.json, and emits what landed' {
        $out = New-Out
        $r = @(Save-YtAudio "$Url/clip.m4a" -OutputDirectory $out @Quiet)

        $r | Should -HaveCount 1
        $r[0] | Should -BeOfType ([YtPipe.PowerShell.DownloadedAudio])
        $r[0].Id | Should -Be 'clip'
        $r[0].Title | Should -Be 'clip'
        $r[0].WebpageUrl | Should -Be "$Url/clip.m4a"
        $r[0].Source | Should -Be "$Url/clip.m4a"
        $r[0].Duration | Should -BeNullOrEmpty -Because "yt-dlp's generic extractor does not know it"
        Split-Path $r[0].AudioPath | Should -Be (Join-Path $out 'audio')
        $r[0].AudioPath | Should -Match 'clip-[0-9a-f]{8}\.m4a$'
        $r[0].InfoJson | Should -Be ([IO.Path]::ChangeExtension($r[0].AudioPath, '.info.json'))
        (Get-Content -Raw $r[0].InfoJson | ConvertFrom-Json).id | Should -Be 'clip'
        (Get-FileHash $r[0].AudioPath).Hash | Should -Be (Get-FileHash (Join-Path $Www 'clip.m4a')).Hash -Because 'the audio is kept as served, not re-encoded'
        Get-Codec $r[0].AudioPath | Should -Be 'aac'
        Join-Path $out '.ytpipe-staging' | Should -Not -Exist
    }

    It 'flattens a podcast feed into its items, in order, with the titles and ids of the feed' {
        $out = New-Out
        $r = @(Save-YtAudio $Feed -OutputDirectory $out @Quiet)

        $r.Title | Should -Be 'Episode One', 'Episode Two', 'Episode Three'
        $r.Id | Should -Be 'ep-1', 'ep-2', 'ep-3'
        $r.Source | Sort-Object -Unique | Should -Be $Feed
        $r.WebpageUrl | Should -Be "$Url/ep1.opus", "$Url/ep2.opus", "$Url/ep3.opus"
        foreach ($item in $r) {
            $item.AudioPath | Test-File | Should -BeTrue
            $item.InfoJson | Test-File | Should -BeTrue
            Get-Codec $item.AudioPath | Should -Be 'opus'
        }
    }

    It 'writes one manifest row per item in the seed schema, each before the item is emitted' {
        $out = New-Out
        $seen = Save-YtAudio $Feed -OutputDirectory $out @Quiet | ForEach-Object { [pscustomobject]@{ Audio = $_; Rows = (Get-Rows $out).Count } }

        $seen.Rows | Should -Be 1, 2, 3
        $rows = Get-Rows $out
        $rows[0].PSObject.Properties.Name | Should -Be 'id', 'title', 'uploader', 'webpage_url', 'duration', 'upload_date', 'audio_path', 'info_json', 'source'
        $rows.id | Should -Be 'ep-1', 'ep-2', 'ep-3'
        $rows.audio_path | Should -Be $seen.Audio.AudioPath
        $rows.info_json | Should -Be $seen.Audio.InfoJson
        $rows.source | Sort-Object -Unique | Should -Be $Feed
        $rows[0].duration | Should -BeNullOrEmpty
        Get-Archive $out | Should -HaveCount 3
    }

    It 'stops after -MaxItems items, counted across sources, and asks for nothing more' {
        $out = New-Out
        $before = @(Get-TestServerRequest $Server).Count
        $r = @(Save-YtAudio $Feed, "$Url/clip.m4a" -OutputDirectory $out -MaxItems 2 @Quiet)

        $r.Id | Should -Be 'ep-1', 'ep-2'
        $after = @(Get-TestServerRequest $Server | Select-Object -Skip $before)
        $after.path | Should -Not -Contain '/ep3.opus'
        $after.path | Should -Not -Contain '/clip.m4a'
        Get-Rows $out | Should -HaveCount 2
    }

    It 'skips what the archive has on a second run, without downloading it or adding manifest rows' {
        $out = New-Out
        Save-YtAudio $Feed -OutputDirectory $out @Quiet | Out-Null
        $archive = Get-Archive $out
        $before = @(Get-TestServerRequest $Server).Count

        $again = @(Save-YtAudio $Feed -OutputDirectory $out -Verbose @Quiet 4>&1)

        @($again | Where-Object { $_ -is [YtPipe.PowerShell.DownloadedAudio] }) | Should -HaveCount 0
        @($again | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Skipped*already downloaded*' }) | Should -HaveCount 3
        (Get-TestServerRequest $Server | Select-Object -Skip $before).path | Should -Be '/feed.xml'
        Get-Rows $out | Should -HaveCount 3
        Get-Archive $out | Should -Be $archive
    }

    It '-NoArchive downloads again, writes no archive, and still never duplicates a manifest row' {
        $out = New-Out
        Save-YtAudio $Feed -OutputDirectory $out -NoArchive @Quiet | Out-Null
        $again = @(Save-YtAudio $Feed -OutputDirectory $out -NoArchive @Quiet)

        $again | Should -HaveCount 3
        Get-Rows $out | Should -HaveCount 3
        Join-Path $out 'downloaded.txt' | Should -Not -Exist
    }

    It 'keeps two sources with the same file name as two files' {
        $out = New-Out
        $r = @(Save-YtAudio "$Url/a/talk.m4a", "$Url/b/talk.m4a" -OutputDirectory $out @Quiet)

        $r | Should -HaveCount 2
        $r.Id | Should -Be 'talk', 'talk'
        $r[0].AudioPath | Should -Not -Be $r[1].AudioPath
        (Get-FileHash $r[0].AudioPath).Hash | Should -Be (Get-FileHash (Join-Path $Www 'a/talk.m4a')).Hash
        (Get-FileHash $r[1].AudioPath).Hash | Should -Be (Get-FileHash (Join-Path $Www 'b/talk.m4a')).Hash
        Get-Archive $out | Should -HaveCount 2
    }

    It 'never lets a name from the network leave the output folder' {
        $out = New-Out
        $feed = New-Feed 'hostile.xml' @(@{ Title = 'Evil'; Guid = '../../../../escaped'; Path = 'ep1.opus' })
        $r = @(Save-YtAudio $feed -OutputDirectory $out @Quiet)

        $r.Id | Should -Be '../../../../escaped'
        Split-Path $r.AudioPath | Should -Be (Join-Path $out 'audio')
        @(Get-ChildItem $TestDrive -Recurse -Filter '*escaped*') | Should -HaveCount 0
    }

    It 'reports a 404 as a non-terminating error with the URL, goes on, and ends with a summary of what failed' {
        $out = New-Out
        $feed = New-Feed 'gaps.xml' @(
            @{ Title = 'There'; Guid = 'g1'; Path = 'ep1.opus' }
            @{ Title = 'Gone'; Guid = 'g2'; Path = 'gone.opus' }
            @{ Title = 'There too'; Guid = 'g3'; Path = 'ep2.opus' }
        )
        $r = @(Save-YtAudio "$Url/missing.m4a", $feed -OutputDirectory $out -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue)
        $succeeded = $?

        $succeeded | Should -BeFalse
        $r.Id | Should -Be 'g1', 'g3'
        $errs | Should -HaveCount 2
        $errs[0].FullyQualifiedErrorId | Should -Be "SourceFailed,$Cmd"
        $errs[0].TargetObject | Should -Be "$Url/missing.m4a"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -BeLike '*HTTP Error 404*'
        $errs[1].FullyQualifiedErrorId | Should -Be "DownloadFailed,$Cmd"
        $errs[1].TargetObject | Should -Be "$Url/gone.opus"
        $errs[1].Exception.Message | Should -Not -BeLike '*please report this issue*'
        $summary = @($warns | Where-Object { $_.Message -like '2 download(s) failed*' })
        $summary | Should -HaveCount 1
        $summary[0].Message | Should -BeLike "*$Url/missing.m4a*"
        $summary[0].Message | Should -BeLike "*$Url/gone.opus*"
        (Get-Rows $out).id | Should -Be 'g1', 'g3'
        Get-Archive $out | Should -HaveCount 2
    }

    It 'reports a page that is not media, as a source and as a feed item, and leaves nothing of it' {
        Set-TestServerControl $Server @{ html = @('/notmedia.m4a') }
        $out = New-Out
        $feed = New-Feed 'withpage.xml' @(@{ Title = 'A page'; Guid = 'p1'; Path = 'notmedia.m4a' }, @{ Title = 'Audio'; Guid = 'p2'; Path = 'ep3.opus' })
        $r = @(Save-YtAudio "$Url/notmedia.m4a", $feed -OutputDirectory $out -ErrorVariable errs -ErrorAction SilentlyContinue @Quiet)

        $r.Id | Should -Be 'p2'
        $errs.FullyQualifiedErrorId | Should -Be "SourceFailed,$Cmd", "DownloadFailed,$Cmd"
        $errs.TargetObject | Should -Be "$Url/notmedia.m4a", "$Url/notmedia.m4a"
        $errs[0].Exception.Message | Should -BeLike '*Unsupported URL*'
        $errs[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-ChildItem (Join-Path $out 'audio') -Filter 'notmedia*') | Should -HaveCount 0
        (Get-Rows $out).id | Should -Be 'p2'
    }

    It 'resumes a connection dropped mid-download and lands the whole file' {
        Set-TestServerControl $Server @{ drop = @{ '/long.opus' = 30000 } }
        $out = New-Out
        $r = @(Save-YtAudio "$Url/talk.html" -OutputDirectory $out @Quiet)

        $r | Should -HaveCount 1
        (Get-FileHash $r[0].AudioPath).Hash | Should -Be (Get-FileHash $LongFile).Hash
        $requests = Get-Requests '/long.opus'
        $requests.status | Should -Contain 206 -Because 'yt-dlp asked for the rest with a Range request'
        ($requests | Where-Object status -eq 206).headers.Range | Should -Be 'bytes=30000-'
    }

    It 'fails an item whose connection is cut for good, leaves no partial file, and lands it on a rerun' {
        Set-TestServerControl $Server @{ drop = @{ '/cut.opus' = 30000 } }
        $out = New-Out
        $r = @(Save-YtAudio "$Url/cut.html", "$Url/clip.m4a" -OutputDirectory $out -YtDlpArgument '--retries', '0' -ErrorVariable errs -ErrorAction SilentlyContinue @Quiet)

        $r.Id | Should -Be 'clip'
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "DownloadFailed,$Cmd"
        $errs[0].TargetObject | Should -Be "$Url/cut.html"
        $errs[0].Exception.Message | Should -BeLike '*Downloaded 30000 bytes*'
        @(Get-ChildItem (Join-Path $out 'audio') -Force | Where-Object Name -like 'cut*') | Should -HaveCount 0
        Join-Path $out '.ytpipe-staging' | Should -Not -Exist
        (Get-Rows $out).id | Should -Be 'clip'
        Get-Archive $out | Should -HaveCount 1

        # The server cuts a path only once: the rerun gets the whole file, and skips the clip.
        $again = @(Save-YtAudio "$Url/cut.html", "$Url/clip.m4a" -OutputDirectory $out -YtDlpArgument '--retries', '0' @Quiet)
        $again.Title | Should -Be 'Long cut (1)'
        (Get-FileHash $again[0].AudioPath).Hash | Should -Be (Get-FileHash $LongFile).Hash
        Get-Rows $out | Should -HaveCount 2
    }

    It 'converts only when -AudioFormat asks, with the ffmpeg of -FfmpegLocation' {
        $out = New-Out
        $ffmpeg = Split-Path (Get-Command ffmpeg -CommandType Application | Select-Object -First 1).Source
        $r = @(Save-YtAudio "$Url/ep1.opus" -OutputDirectory $out -AudioFormat mp3 -FfmpegLocation $ffmpeg @Quiet)

        $r[0].AudioPath | Should -BeLike '*.mp3'
        Get-Codec $r[0].AudioPath | Should -Be 'mp3'
        @(Get-ChildItem (Join-Path $out 'audio') -Filter '*.opus') | Should -HaveCount 0
    }

    It 'pipes straight into Invoke-YtTranscription' {
        $models = Join-Path $TestDrive 'models'
        Get-WeightlessModel -Folder $models | Out-Null
        $saved = $env:YTPIPE_MODEL_DIR
        $env:YTPIPE_MODEL_DIR = $models
        try {
            $out = New-Out
            $t = @(Save-YtAudio "$Url/clip.m4a" -OutputDirectory $out @Quiet | Invoke-YtTranscription -Model tiny.en -BeamSize 1)
        }
        finally { $env:YTPIPE_MODEL_DIR = $saved }

        $t | Should -HaveCount 1
        $t[0].Status | Should -Be 'Transcribed'
        $t[0].Path | Should -Be (Get-Rows $out)[0].audio_path
    }

    It 'stops the download when a downstream command wants no more' {
        $out = New-Out
        $r = @(Save-YtAudio $Feed -OutputDirectory $out @Quiet | Select-Object -First 1)

        $r | Should -HaveCount 1
        (Get-Rows $out).Count | Should -BeLessThan 3
        Join-Path $out '.ytpipe-staging' | Should -Not -Exist
    }

    It 'shows progress for the batch and for the item in work, from yt-dlp''s progress lines' {
        Set-TestServerControl $Server @{ slow = @{ '/slow.opus' = 40000 } }
        $out = New-Out
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-TestModulePath)'; Save-YtAudio '$Url/slow.html' -OutputDirectory '$out' -WarningAction SilentlyContinue")
            $r = @($ps.Invoke())
            $progress = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }

        $r | Should -HaveCount 1
        $batch = @($progress | Where-Object { $_.ActivityId -eq 1 -and $_.RecordType -eq 'Processing' })
        $batch | Should -Not -BeNullOrEmpty
        $batch[0].Activity | Should -Be 'Save-YtAudio'
        $item = @($progress | Where-Object { $_.ActivityId -eq 2 -and $_.StatusDescription -like '*KiB of*' })
        $item | Should -Not -BeNullOrEmpty
        $item[0].ParentActivityId | Should -Be 1
        $item[0].Activity | Should -BeLike 'Item 1: *'
        ($item.PercentComplete | Measure-Object -Maximum).Maximum | Should -BeGreaterThan 0
    }

    It '-WhatIf runs no download and writes nothing' {
        $out = New-Out
        $before = @(Get-TestServerRequest $Server).Count
        Save-YtAudio $Feed -OutputDirectory $out -WhatIf @Quiet

        $out | Should -Not -Exist
        @(Get-TestServerRequest $Server).Count | Should -Be $before
    }

    It 'reports a blank source and goes on with the others' {
        Save-YtAudio '  ', "$Url/clip.m4a" -OutputDirectory (New-Out) -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue @Quiet

        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -Be "SourceEmpty,$Cmd"
    }

    It 'refuses yt-dlp arguments that YtPipe owns, before any work' {
        $out = New-Out
        { Save-YtAudio $Feed -OutputDirectory $out -YtDlpArgument '-o', '%(title)s.%(ext)s' } | Should -Throw -ErrorId "InvalidOption,$Cmd"
        $out | Should -Not -Exist
    }

    It 'refuses -MaxSleepInterval without -SleepInterval, and passes the polite options to yt-dlp' {
        { Save-YtAudio $Feed -OutputDirectory (New-Out) -MaxSleepInterval 2 } | Should -Throw -ErrorId "MaxSleepIntervalWithoutSleepInterval,$Cmd"
        { Save-YtAudio $Feed -OutputDirectory (New-Out) -SleepInterval 3 -MaxSleepInterval 2 } | Should -Throw -ErrorId "MaxSleepIntervalBelowSleepInterval,$Cmd"
        { Save-YtAudio $Feed -OutputDirectory (New-Out) -CookieFile (Join-Path $TestDrive 'no-cookies.txt') } | Should -Throw -ErrorId "CookieFileNotFound,$Cmd"

        $cookies = Join-Path $TestDrive 'cookies.txt'
        Set-Content $cookies "# Netscape HTTP Cookie File`n127.0.0.1`tFALSE`t/`tFALSE`t0`tsession`tabc"
        $r = @(Save-YtAudio "$Url/clip.m4a" -OutputDirectory (New-Out) -SleepInterval 0 -SleepRequests 0 -LimitRate 10M -CookieFile $cookies @Quiet)
        $r | Should -HaveCount 1
        (Get-Requests '/clip.m4a')[-1].headers.Cookie | Should -Be 'session=abc'
    }
}

Describe 'Save-YtAudio and its yt-dlp' -Skip:(-not $HasYtDlp) {
    BeforeAll {
        # A yt-dlp that says it was used, then runs the real one.
        $script:Wrapper = Join-Path $TestDrive 'wrapped/yt-dlp'
        New-Item -ItemType Directory -Force (Split-Path $Wrapper) | Out-Null
        $script:WrapperLog = Join-Path $TestDrive 'wrapped/used.txt'
        $real = (Get-Command yt-dlp -CommandType Application | Select-Object -First 1).Source
        Set-Content $Wrapper "#!/bin/sh`necho used >> '$WrapperLog'`nexec '$real' `"`$@`""
        & chmod +x $Wrapper
        $script:RealYtDlp = $real
    }

    BeforeEach {
        $script:SavedYtDlpPath = $env:YTPIPE_YTDLP_PATH
        $script:SavedPath = $env:PATH
        $env:YTPIPE_YTDLP_PATH = $null
        Remove-Item $WrapperLog -ErrorAction SilentlyContinue
    }

    AfterEach {
        $env:YTPIPE_YTDLP_PATH = $script:SavedYtDlpPath
        $env:PATH = $script:SavedPath
    }

    It 'is one terminating error that names the fix when yt-dlp is missing: <Case>' -ForEach @(
        @{ Case = '-YtDlpPath'; Setup = { @{ YtDlpPath = '/nowhere/yt-dlp' } }; Says = '-YtDlpPath' }
        @{ Case = '$env:YTPIPE_YTDLP_PATH'; Setup = { $env:YTPIPE_YTDLP_PATH = '/nowhere/yt-dlp'; @{} }; Says = 'YTPIPE_YTDLP_PATH' }
        @{ Case = 'PATH'; Setup = { $env:PATH = (New-Item -ItemType Directory -Force (Join-Path $TestDrive 'emptybin')).FullName; @{} }; Says = 'PATH' }
    ) {
        $params = & $Setup
        $out = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $err = { Save-YtAudio 'http://127.0.0.1:9/x.m4a' -OutputDirectory $out @params } | Should -Throw -ErrorId "YtDlpNotFound,$Cmd" -PassThru

        $err.Exception.Message | Should -BeLike "*$Says*"
        $err.CategoryInfo.Category | Should -Be 'NotInstalled'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Install yt-dlp*'
        $out | Should -Not -Exist
    }

    It 'uses the yt-dlp of <Case>' -ForEach @(
        @{ Case = '-YtDlpPath'; Setup = { @{ YtDlpPath = $Wrapper } } }
        @{ Case = '$env:YTPIPE_YTDLP_PATH'; Setup = { $env:YTPIPE_YTDLP_PATH = $Wrapper; @{} } }
    ) {
        $params = & $Setup
        Save-YtAudio "$Url/clip.m4a" -OutputDirectory (Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))) -WhatIf @params -Verbose -WarningAction SilentlyContinue 4>&1 |
            Where-Object { $_.Message -like 'yt-dlp * at *' } | ForEach-Object Message | Should -BeLike "*'$Wrapper'*"
        Get-Content $WrapperLog | Should -Be 'used' -Because 'its version was asked'
    }

    It 'warns that an old yt-dlp is old, and says how to update it' {
        $version = (& $RealYtDlp --version).Trim()
        $age = [datetime]::Today - [datetime]::ParseExact($version.Substring(0, 10), 'yyyy.MM.dd', $null)
        if ($age.TotalDays -le 90) { Set-ItResult -Skipped -Because "this yt-dlp ($version) is recent"; return }

        Save-YtAudio "$Url/clip.m4a" -OutputDirectory (Join-Path $TestDrive 'old') -WhatIf -WarningVariable warns -WarningAction SilentlyContinue

        $warns | Should -HaveCount 1
        $warns[0].Message | Should -BeLike "yt-dlp $version * old*"
        $warns[0].Message | Should -BeLike '*pip install -U yt-dlp*'
    }

    It 'warns, naming deno, when a YouTube source finds no JavaScript runtime' {
        $env:PATH = (New-Item -ItemType Directory -Force (Join-Path $TestDrive 'nojs')).FullName
        Save-YtAudio 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' -YtDlpPath $RealYtDlp -OutputDirectory (Join-Path $TestDrive 'nojsout') -WhatIf -WarningVariable warns -WarningAction SilentlyContinue

        $js = @($warns | Where-Object Message -like '*JavaScript runtime*')
        $js | Should -HaveCount 1
        $js[0].Message | Should -BeLike '*deno*'
        Join-Path $TestDrive 'nojsout' | Should -Not -Exist
    }

    It 'does not warn about JavaScript for sources that are not YouTube' {
        $env:PATH = (New-Item -ItemType Directory -Force (Join-Path $TestDrive 'nojs')).FullName
        Save-YtAudio "$Url/clip.m4a" -YtDlpPath $RealYtDlp -OutputDirectory (Join-Path $TestDrive 'nojs2') -WhatIf -WarningVariable warns -WarningAction SilentlyContinue

        @($warns | Where-Object Message -like '*JavaScript*') | Should -HaveCount 0
    }
}

Describe 'Stopping Save-YtAudio' -Skip:(-not ($HasYtDlp -and $IsLinux)) {
    It 'stops a slow download within seconds on SIG<Signal>, kills yt-dlp, and leaves no partial file' -ForEach @(
        @{ Signal = 'INT' }    # Ctrl+C
        @{ Signal = 'TERM' }   # a service manager or Slurm stopping the job
    ) {
        Set-TestServerControl $Server @{ slow = @{ '/stop.opus' = 8000 } }
        $out = Join-Path $TestDrive "stop-$Signal"
        $script = "Import-Module '$(Get-TestModulePath)'; Save-YtAudio '$Url/stop.html' -OutputDirectory '$out' -Verbose -WarningAction SilentlyContinue 4>&1 | ForEach-Object { `"`$_`" }"
        $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', $script
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        try {
            # Wait for the line that says bytes are flowing: an event, not a timer.
            while ($true) {
                $read = $p.StandardOutput.ReadLineAsync()
                if (-not $read.Wait(60000)) { throw 'the download did not start within a minute' }
                if ($null -eq $read.Result) { throw "Save-YtAudio ended before the download started: $($p.StandardError.ReadToEnd())" }
                if ($read.Result -like 'Receiving item 1*') { break }
            }
            @(& pgrep -f (Join-Path $out '.ytpipe-staging')) | Should -Not -BeNullOrEmpty -Because 'yt-dlp is downloading'
            & kill "-$Signal" $p.Id
            $p.WaitForExit(20000) | Should -BeTrue -Because 'a stop must end the download promptly'
        }
        finally { if (-not $p.HasExited) { $p.Kill($true) } }

        @(& pgrep -f (Join-Path $out '.ytpipe-staging')) | Should -BeNullOrEmpty -Because "no yt-dlp may outlive the command"
        $finals = @(Get-ChildItem (Join-Path $out 'audio') -Recurse -Force -File | Where-Object Name -notlike '*.part')
        $finals | Should -HaveCount 0 -Because 'nothing partial sits under a final name'
        Get-Rows $out | Should -HaveCount 0
        Get-Archive $out | Should -HaveCount 0
        Join-Path $out '.ytpipe-staging' | Should -Not -Exist
    }
}
