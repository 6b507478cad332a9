# -Shard and Get-YtTranscriptionReport end to end: shards over one folder do each file once, a
# rerun does exactly the missing ones, a killed shard's claim is taken over, and the report of
# the shards equals a one-machine run's.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ModelPath = Get-WeightlessModel -Folder (Join-Path $TestDrive 'models')
    $script:Common = @{ ModelPath = $ModelPath; BeamSize = 1; Workers = 1; Threads = 1; WarningAction = 'SilentlyContinue' }
    $script:Cmd = 'YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'
    $script:Keys = [YtPipe.PowerShell.TranscriptionReportEntry]::ComparisonProperties

    # Five one-second files of different sizes (three codecs, a sub-folder) and one that is not media.
    $script:Corpus = Join-Path $TestDrive 'corpus'
    New-TestTone (Join-Path $Corpus 'a.wav') -Seconds 1 | Out-Null
    New-TestSpeech (Join-Path $Corpus 'b.mp3') -Text 'Bee.' | Out-Null
    New-TestTone (Join-Path $Corpus 'sub/c.wav') -Seconds 2 | Out-Null
    New-TestSpeech (Join-Path $Corpus 'sub/d.ogg') -Text 'Dee.' -CodecArgs '-c:a', 'libvorbis' | Out-Null
    New-TestSpeech (Join-Path $Corpus 'e.wav') -Text 'E.' | Out-Null
    Set-Content (Join-Path $Corpus 'broken.wav') 'not audio at all'
    $script:AllFiles = @(Get-ChildItem $Corpus -Recurse -File | ForEach-Object FullName | Sort-Object)

    # The shared folder: three shards, one after another. Then the same corpus on "one machine".
    $script:Shared = Join-Path $TestDrive 'shared'
    $script:ShardRuns = foreach ($k in 0..2) {
        $r = @(Invoke-YtTranscription -Path $Corpus -OutputDirectory $Shared -Shard "$k/3" @Common -ErrorAction SilentlyContinue -ErrorVariable err)
        [pscustomobject]@{ Shard = "$k/3"; Results = $r; Errors = @($err) }
    }
    $script:Single = Join-Path $TestDrive 'single'
    $script:SingleResults = @(Invoke-YtTranscription -Path $Corpus -OutputDirectory $Single @Common -ErrorAction SilentlyContinue)

    function script:Get-Leftover([string] $Folder) {
        @(Get-ChildItem -LiteralPath $Folder -Recurse -Force -File | Where-Object { $_.Name -like '*.ytpipe-tmp' -or $_.Name -like '*.ytpipe-claim' })
    }
}

Describe 'Three shards over one output folder' {
    It 'give every input to exactly one shard, and each shard says which it is' {
        $taken = @($ShardRuns | ForEach-Object { $_.Results.Path })
        $taken | Sort-Object | Should -Be $AllFiles -Because 'the shards together take every file, none twice'
        foreach ($run in $ShardRuns) {
            $run.Results.Shard | Sort-Object -Unique | Should -Be $run.Shard
        }
        @($ShardRuns | Where-Object { $_.Results.Count -gt 0 }).Count | Should -BeGreaterThan 1 -Because 'the work is spread, not all on one shard'
    }

    It 'transcribe each media file once, fail the broken one in its shard only, and leave nothing half-done' {
        $all = @($ShardRuns.Results)
        @($all | Where-Object Status -eq 'Transcribed').Path | Sort-Object | Should -Be @($AllFiles | Where-Object { $_ -notlike '*broken.wav' })
        $failed = @($all | Where-Object Status -eq 'Failed')
        $failed.Path | Should -Be (Join-Path $Corpus 'broken.wav')
        $failed.ErrorId | Should -Be 'AudioDecodeFailed'
        @($ShardRuns.Errors).Count | Should -Be 1
        Get-Leftover $Shared | Should -BeNullOrEmpty
    }

    It 'report the same inputs with the same outcomes as a one-machine run' {
        $sharded = @(Get-YtTranscriptionReport -Path $Shared)
        $one = @(Get-YtTranscriptionReport -Path $Single)

        $sharded | Should -HaveCount 6
        $sharded.Name | Should -Be @('a', 'b', 'broken', 'e', 'sub/c', 'sub/d')
        Compare-Object $sharded $one -Property $Keys | Should -BeNullOrEmpty
        ($sharded | Where-Object Name -eq 'broken').Status | Should -Be 'Failed'
        $sharded.Shard | Sort-Object -Unique | Should -Be @('0/3', '1/3', '2/3')
        $one.Shard | Where-Object { $_ } | Should -BeNullOrEmpty
        foreach ($entry in $sharded) {
            $entry.Shard | Should -Be ($ShardRuns | Where-Object { $_.Results.Path -contains $entry.InputPath }).Shard -Because "the row says which shard did $($entry.Name)"
        }
    }

    It 'sums up the shards in -Summary and -AsJson' {
        $summary = Get-YtTranscriptionReport -Path $Shared -Summary
        $summary | Should -BeOfType ([YtPipe.PowerShell.TranscriptionReportSummary])
        $summary.Files | Should -Be 6
        $summary.Transcribed | Should -Be 5
        $summary.Failed | Should -Be 1
        $summary.Shards | Should -Be @('0/3', '1/3', '2/3')
        $summary.Failures | Should -Be 'AudioDecodeFailed=1'

        $json = Get-YtTranscriptionReport -Path $Shared -AsJson | ConvertFrom-Json
        $json.totals.files | Should -Be 6
        $json.files.name | Should -Be @('a', 'b', 'broken', 'e', 'sub/c', 'sub/d')
    }

    It 'shows the report as a table with the shard and the failure' {
        $table = Get-YtTranscriptionReport -Path $Shared | Format-Table | Out-String -Width 200
        $table | Should -Match 'Status\s+Lang\s+Duration\s+Elapsed\s+Shard\s+Device\s+Model\s+Name'
        $table | Should -Match 'broken \(AudioDecodeFailed\)'
        $table | Should -Match '[012]/3'
    }

    It 'split a pipeline of files the same way, each file once' {
        # The top folder's files are done (piped files land flat in the output folder, as without
        # -Shard): the shards only skip them, and retry the broken one, which costs no transcription.
        $top = @(Get-ChildItem $Corpus -File | ForEach-Object FullName | Sort-Object)
        $taken = foreach ($k in 0..2) {
            Get-ChildItem $Corpus -File | Invoke-YtTranscription -OutputDirectory $Shared -Shard "$k/3" @Common -ErrorAction SilentlyContinue
        }
        $taken.Path | Sort-Object | Should -Be $top
        $taken.Status | Sort-Object -Unique | Should -Be @('Skipped', 'Failed')
    }
}

Describe 'Rerunning a shard' {
    It 'transcribes exactly the file whose transcripts were deleted, and skips the rest of its share' {
        $run = $ShardRuns | Where-Object { @($_.Results | Where-Object Status -eq 'Transcribed').Count -ge 2 } | Select-Object -First 1
        $run | Should -Not -BeNullOrEmpty -Because 'some shard has two files'
        $victim = ($run.Results | Where-Object Status -eq 'Transcribed')[0].Path
        $stem = [IO.Path]::GetRelativePath($Corpus, $victim) -replace '\.[^.]+$', ''
        Remove-Item (Join-Path $Shared "$stem.json"), (Join-Path $Shared "$stem.txt")

        $again = @(Invoke-YtTranscription -Path $Corpus -OutputDirectory $Shared -Shard $run.Shard @Common -ErrorAction SilentlyContinue)

        $again.Path | Sort-Object | Should -Be @($run.Results.Path | Sort-Object) -Because 'a rerun gets exactly the same share'
        @($again | Where-Object Status -eq 'Transcribed').Path | Should -Be $victim
        Join-Path $Shared "$stem.json" | Test-File | Should -BeTrue
    }
}

Describe '-Shard auto/N' {
    It 'takes the index from <Variable>' -ForEach @(
        @{ Variable = 'SLURM_ARRAY_TASK_ID'; Other = 'JOB_COMPLETION_INDEX' }
        @{ Variable = 'JOB_COMPLETION_INDEX'; Other = 'SLURM_ARRAY_TASK_ID' }
    ) {
        $expected = @(($ShardRuns | Where-Object Shard -eq '2/3').Results.Path | Sort-Object)
        $child = Invoke-ChildPwsh -Environment @{ $Variable = '2'; $Other = '' } -Script (
            "Invoke-YtTranscription -Path '$Corpus' -OutputDirectory '$Shared' -Shard auto/3 -ModelPath '$ModelPath' -BeamSize 1 -ErrorAction SilentlyContinue | " +
            "ForEach-Object { `$_.Shard + '|' + `$_.Path }")

        # The exit code is 1 when the broken file is in this share: the lines say what was done.
        $child.Error | Should -BeNullOrEmpty
        $child.Output | ForEach-Object { ($_ -split '\|')[0] } | Sort-Object -Unique | Should -Be '2/3'
        $child.Output | ForEach-Object { ($_ -split '\|')[1] } | Sort-Object | Should -Be $expected
    }

    It 'says ShardIndexMissing, naming both variables, outside an array or indexed job' {
        $child = Invoke-ChildPwsh -Environment @{ SLURM_ARRAY_TASK_ID = ''; JOB_COMPLETION_INDEX = '' } -Script (
            "try { Invoke-YtTranscription -Path '$Corpus' -OutputDirectory '$TestDrive/never' -Shard auto/3 -ModelPath '$ModelPath' } " +
            "catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }")

        $child.Output[0] | Should -Be "ShardIndexMissing,$Cmd"
        $child.Output[1] | Should -Match 'SLURM_ARRAY_TASK_ID'
        $child.Output[1] | Should -Match 'JOB_COMPLETION_INDEX'
        Join-Path $TestDrive 'never' | Should -Not -Exist
    }
}

Describe 'A bad -Shard' {
    It "is ShardInvalid for '<Spec>', before the model is looked at and before anything is written" -ForEach @(
        @{ Spec = '3/3' }, @{ Spec = '0/0' }, @{ Spec = 'x/3' }, @{ Spec = '-1/3' }, @{ Spec = '1' }, @{ Spec = 'auto' }
    ) {
        $out = Join-Path $TestDrive "bad-$([Math]::Abs($Spec.GetHashCode()))"
        $e = { Invoke-YtTranscription -Path $Corpus -OutputDirectory $out -Shard $Spec -ModelPath (Join-Path $TestDrive 'no-such-model.bin') } |
            Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be "ShardInvalid,$Cmd"
        $e.Exception.Message | Should -Match ([regex]::Escape("'$Spec'"))
        $e.ErrorDetails.RecommendedAction + $e.Exception.Message | Should -Match 'K/N'
        $out | Should -Not -Exist
    }
}

Describe 'A shard killed while it holds a claim' -Skip:(-not $IsLinux) {
    It 'leaves its claim file behind, and a rerun of the shard takes it over and does exactly the missing files' {
        $dir = Join-Path $TestDrive 'killed'
        # 25 s each: one 30 s window, a few seconds of work per file.
        1..4 | ForEach-Object { New-TestTone (Join-Path $dir "in/tone$_.wav") -Seconds 25 | Out-Null }
        $out = Join-Path $dir 'out'
        New-Item -ItemType Directory $out | Out-Null
        # Watch before the child starts, so the claim's creation cannot be missed.
        $watcher = [IO.FileSystemWatcher]::new($out, '*.ytpipe-claim')
        $watcher.IncludeSubdirectories = $true
        $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', (
            "Import-Module '$(Get-TestModulePath)'; Invoke-YtTranscription -Path '$dir/in' -OutputDirectory '$out' -Shard 0/2 " +
            "-ModelPath '$ModelPath' -BeamSize 1 -Workers 1 -Threads 1 | Out-Null")
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        try {
            $change = $watcher.WaitForChanged([IO.WatcherChangeTypes]::Created, 120000)
            $change.TimedOut | Should -BeFalse -Because 'the shard claims its first file'
            & kill -9 $p.Id
            $p.WaitForExit(20000) | Should -BeTrue
        }
        finally {
            if (-not $p.HasExited) { $p.Kill($true) }
            $watcher.Dispose()
        }
        $claim = Join-Path $out $change.Name
        $claim | Should -Exist -Because 'kill -9 gives the owner no chance to remove its claim; only the kernel lock goes'

        $rerun = @(Invoke-YtTranscription -Path "$dir/in" -OutputDirectory $out -Shard 0/2 @Common)

        $rerun | Should -HaveCount 2 -Because 'shard 0 of 2 has two of the four files'
        $rerun.Status | Where-Object { $_ -notin 'Transcribed', 'Skipped' } | Should -BeNullOrEmpty
        $claimed = $change.Name -replace '^\.', '' -replace '\.ytpipe-claim$', ''
        ($rerun | Where-Object { [IO.Path]::GetFileNameWithoutExtension($_.Path) -eq $claimed }).Status | Should -Be 'Transcribed'
        $claim | Should -Not -Exist
        Get-Leftover $out | Should -BeNullOrEmpty
        $done = @(Get-ChildItem $out -Filter *.json | ForEach-Object BaseName | Sort-Object)
        $done | Should -Be @($rerun.Path | ForEach-Object { [IO.Path]::GetFileNameWithoutExtension($_) } | Sort-Object) -Because "the other shard's files are untouched"
        foreach ($json in Get-ChildItem $out -Filter *.json) {
            (Get-Content -Raw $json.FullName | ConvertFrom-Json).shard | Should -Be '0/2'
        }
    }
}

Describe 'Get-YtTranscriptionReport, bad paths' {
    It 'refuses a file with ReportPathNotFolder and a missing folder with InputNotFound' {
        $file = Join-Path $Corpus 'a.wav'
        $r = @(Get-YtTranscriptionReport -Path $file, (Join-Path $TestDrive 'nowhere') -ErrorAction SilentlyContinue -ErrorVariable err)

        $r | Should -BeNullOrEmpty
        $err | Should -HaveCount 2
        $err[0].FullyQualifiedErrorId | Should -Be 'ReportPathNotFolder,YtPipe.PowerShell.Commands.GetYtTranscriptionReportCommand'
        $err[0].TargetObject | Should -Be $file
        $err[1].FullyQualifiedErrorId | Should -BeLike 'InputNotFound,*'
    }
}
