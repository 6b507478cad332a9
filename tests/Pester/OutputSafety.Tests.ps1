# Transcripts land safely whatever happens around them: long names, leftovers of killed runs,
# a second process over the same folder, outputs that cannot be written.

BeforeDiscovery {
    # A full disk is a small tmpfs; mounting one needs root (or CAP_SYS_ADMIN).
    $script:CanMount = $false
    if ($IsLinux -and (& id -u) -eq '0') {
        $probe = Join-Path ([IO.Path]::GetTempPath()) "ytpipe-mount-probe-$PID"
        New-Item -ItemType Directory -Force $probe | Out-Null
        & mount -t tmpfs -o size=16k tmpfs $probe 2>$null
        if ($LASTEXITCODE -eq 0) { $script:CanMount = $true; & umount $probe }
        Remove-Item $probe -Force
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # -ModelPath, not $env:YTPIPE_MODEL_DIR: nothing of this session's environment to restore.
    $script:ModelPath = Get-WeightlessModel -Folder (Join-Path $TestDrive 'models')
    $script:Common = @{ ModelPath = $ModelPath; BeamSize = 1; Workers = 1 }
    $script:Cmd = 'YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'

    function script:Get-Leftover([string] $Folder) {
        <# Temporary and claim files: a finished run leaves neither. #>
        @(Get-ChildItem -LiteralPath $Folder -Recurse -Force -File | Where-Object { $_.Name -like '*.ytpipe-tmp' -or $_.Name -like '*.ytpipe-claim' })
    }
}

Describe 'Transcript names at the file-name limit' {
    It 'transcribes a file whose stem has 250 bytes, and leaves no temporary file' {
        $dir = Join-Path $TestDrive 'long'
        $stem = 'a' * 250
        New-TestSpeech (Join-Path $dir "$stem.wav") | Out-Null

        $r = Invoke-YtTranscription -LiteralPath (Join-Path $dir "$stem.wav") @Common

        $r.Status | Should -Be 'Transcribed'
        Join-Path $dir "$stem.json" | Test-File | Should -BeTrue
        Join-Path $dir "$stem.txt" | Test-File | Should -BeTrue
        Get-Leftover $dir | Should -BeNullOrEmpty
    }
}

Describe 'Leftovers of a killed run' {
    It 'removes a stale temporary file beside a transcript target' {
        $dir = Join-Path $TestDrive 'stale'
        New-TestSpeech (Join-Path $dir 'talk.wav') | Out-Null
        # What kill -9 mid-write leaves: a temp file named after its (now gone) writer.
        $leftover = Join-Path $dir '.talk.json.2147483646-00000000-1234abcd.ytpipe-tmp'
        Set-Content -LiteralPath $leftover 'half a transcr'
        (Get-Item -LiteralPath $leftover -Force).LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1)

        $r = Invoke-YtTranscription -Path (Join-Path $dir 'talk.wav') @Common

        $r.Status | Should -Be 'Transcribed'
        $leftover | Test-File | Should -BeFalse
        Get-Leftover $dir | Should -BeNullOrEmpty
    }
}

Describe 'Two processes over one folder' -Skip:(-not $IsLinux) {
    It 'writes every transcript exactly once, with no failure in either process' {
        $dir = Join-Path $TestDrive 'shared'
        1..4 | ForEach-Object { New-TestSpeech (Join-Path $dir "clip$_.wav") -Text "Clip number $_." | Out-Null }
        $script = "Import-Module '$(Get-TestModulePath)'; " +
            "`$r = @(Invoke-YtTranscription -Path '$dir' -ModelPath '$ModelPath' -BeamSize 1 -Workers 1 -Threads 1 -WarningAction SilentlyContinue); `$ok = `$?; " +
            "`$r | ForEach-Object { `$_.Status.ToString() + '|' + `$_.Path }; 'OK=' + `$ok"
        $processes = 1..2 | ForEach-Object {
            $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', $script
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.Environment['NO_COLOR'] = '1'
            $p = [Diagnostics.Process]::Start($psi)
            [pscustomobject]@{ Process = $p; Out = $p.StandardOutput.ReadToEndAsync(); Err = $p.StandardError.ReadToEndAsync() }
        }
        try {
            foreach ($c in $processes) { $c.Process.WaitForExit(240000) | Should -BeTrue }
        }
        finally { foreach ($c in $processes) { if (-not $c.Process.HasExited) { $c.Process.Kill($true) } } }

        $lines = foreach ($c in $processes) {
            $c.Process.ExitCode | Should -Be 0
            $c.Err.Result | Should -BeNullOrEmpty
            $out = @($c.Out.Result -split "`r?`n" | Where-Object { $_ })
            $out[-1] | Should -Be 'OK=True' -Because '$? is true in both processes'
            $out | Select-Object -SkipLast 1
        }
        $lines | ForEach-Object { ($_ -split '\|')[0] } | Sort-Object -Unique | Where-Object { $_ -notin 'Transcribed', 'Skipped' } |
            Should -BeNullOrEmpty
        $transcribed = @($lines | Where-Object { $_ -like 'Transcribed|*' } | ForEach-Object { Split-Path ($_ -split '\|')[1] -Leaf } | Sort-Object)
        $transcribed | Should -Be @('clip1.wav', 'clip2.wav', 'clip3.wav', 'clip4.wav') -Because 'each file is transcribed by exactly one process'
        1..4 | ForEach-Object { Join-Path $dir "clip$_.json" | Test-File | Should -BeTrue }
        Get-Leftover $dir | Should -BeNullOrEmpty
    }
}

Describe 'Outputs that cannot be written' {
    It 'refuses a file whose output folder is a regular file before any transcription, and transcribes the rest' {
        $media = Join-Path $TestDrive 'blocked-in'
        New-TestSpeech (Join-Path $media 'a.wav') | Out-Null
        New-TestSpeech (Join-Path $media 'sub/b.wav') | Out-Null
        $out = Join-Path $TestDrive 'blocked-out'
        New-Item -ItemType Directory $out | Out-Null
        Set-Content (Join-Path $out 'sub') 'a file where a folder should be'

        $r = @(Invoke-YtTranscription -Path $media -OutputDirectory $out @Common -ErrorVariable err -ErrorAction SilentlyContinue)
        $ok = $?

        $ok | Should -BeFalse
        $r | Should -HaveCount 1
        $r[0].Path | Should -Be (Join-Path $media 'a.wav')
        $r[0].Status | Should -Be 'Transcribed'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "OutputFolderNotWritable,$Cmd"
        $err[0].TargetObject | Should -Be (Join-Path $out 'sub')
        Get-Content -Raw (Join-Path $out 'sub') | Should -Match 'a file where a folder should be'
        Get-Leftover $out | Should -BeNullOrEmpty
    }

    It 'says so before loading the model when every file has an unwritable output folder' {
        $media = Join-Path $TestDrive 'blocked-only'
        New-TestSpeech (Join-Path $media 'c.wav') | Out-Null
        $blocker = Join-Path $TestDrive 'blocker-file'
        Set-Content $blocker 'not a folder'

        $all = @(Invoke-YtTranscription -Path $media -OutputDirectory $blocker @Common -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1)

        $err[0].FullyQualifiedErrorId | Should -Be "OutputFolderNotWritable,$Cmd"
        ($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Not -Match 'Loading model'
    }

    Context 'on a full disk' -Skip:(-not $CanMount) {
        BeforeAll {
            $script:Disk = Join-Path $TestDrive 'disk'
            New-Item -ItemType Directory $Disk | Out-Null
            # 16 pages; tmpfs counts whole pages, so a file of 15 pages leaves room for exactly one more.
            & mount -t tmpfs -o size=64k tmpfs $Disk
            if ($LASTEXITCODE -ne 0) { throw 'mount failed' }
            $script:Spoken = Join-Path $TestDrive 'full-in/d.wav'
            New-TestSpeech $Spoken | Out-Null
        }

        AfterAll {
            & umount $Disk
        }

        AfterEach {
            Get-ChildItem -LiteralPath $Disk -Force | Remove-Item -Recurse -Force
        }

        It 'reports DiskFull for the folder when the disk is full before the file is queued' {
            [IO.File]::WriteAllBytes((Join-Path $Disk '.fill'), [byte[]]::new(16 * 4096 - 1))

            $r = @(Invoke-YtTranscription -LiteralPath $Spoken -OutputDirectory $Disk @Common -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1)

            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "DiskFull,$Cmd"
            $err[0].TargetObject | Should -Be $Disk
            ($r | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message | Should -Not -Match 'Loading model'
            Get-Leftover $Disk | Should -BeNullOrEmpty
        }

        It 'reports DiskFull for the transcript when the disk fills while writing, and leaves no temporary file' {
            [IO.File]::WriteAllBytes((Join-Path $Disk '.fill'), [byte[]]::new(15 * 4096))

            # The one free page passes the folder check; the claim's owner line then takes it.
            $r = @(Invoke-YtTranscription -LiteralPath $Spoken -OutputDirectory $Disk @Common -ErrorVariable err -ErrorAction SilentlyContinue)

            $r.Status | Should -Be 'Failed'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "DiskFull,$Cmd"
            $err[0].TargetObject | Should -Be (Join-Path $Disk 'd.json')
            Join-Path $Disk 'd.json' | Test-File | Should -BeFalse
            Get-Leftover $Disk | Should -BeNullOrEmpty
        }
    }
}
