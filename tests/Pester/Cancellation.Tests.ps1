# Stopping: Ctrl+C, a killed process, and a downstream command that wants no more.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ModelDir = Join-Path $TestDrive 'models'
    Get-WeightlessModel -Folder $ModelDir | Out-Null

    function script:New-Batch([string] $Name, [int] $Count = 4) {
        $dir = Join-Path $TestDrive $Name
        # 25 s each: one 30 s window per file, so a file takes a few seconds.
        1..$Count | ForEach-Object { New-TestTone (Join-Path $dir "tone$_.wav") -Seconds 25 | Out-Null }
        $dir
    }

    function script:Start-Batch([string] $Dir, [int] $Workers = 1) {
        <# Starts a child pwsh that prints DONE <path> per finished file; returns the process. #>
        $script = "Import-Module '$(Get-TestModulePath)'; Invoke-YtTranscription -Path '$Dir' -Model tiny.en -BeamSize 1 -Workers $Workers -Threads 1 -WarningAction SilentlyContinue | ForEach-Object { 'DONE ' + `$_.Path }"
        $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', $script
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['YTPIPE_MODEL_DIR'] = $ModelDir
        [Diagnostics.Process]::Start($psi)
    }

    function script:Wait-FirstDone([Diagnostics.Process] $Process) {
        <# Blocks on the child's output (an event, not a timer) until one file is reported done. #>
        while ($true) {
            $read = $Process.StandardOutput.ReadLineAsync()
            if (-not $read.Wait(120000)) { throw 'no file finished within 2 minutes' }
            if ($null -eq $read.Result) { throw "the batch ended before a file finished: $($Process.StandardError.ReadToEnd())" }
            if ($read.Result -like 'DONE *') { return $read.Result.Substring(5) }
        }
    }

    function script:Get-DoneFile([string] $Dir) {
        <# Inputs whose every default transcript (json, txt) is in place. #>
        @(Get-ChildItem $Dir -Filter *.wav | Where-Object {
                (Test-Path ([IO.Path]::ChangeExtension($_.FullName, '.json'))) -and (Test-Path ([IO.Path]::ChangeExtension($_.FullName, '.txt')))
            } | ForEach-Object FullName)
    }

    function script:Assert-NoHalfWrittenOutput([string] $Dir) {
        Get-PartialFiles $Dir | Should -BeNullOrEmpty
        foreach ($json in Get-ChildItem $Dir -Filter *.json) {
            { Get-Content -Raw $json.FullName | ConvertFrom-Json } | Should -Not -Throw
        }
    }

    function script:Assert-SecondRunFinishesTheRest([string] $Dir, [string[]] $Done) {
        $total = @(Get-ChildItem $Dir -Filter *.wav).Count
        $results = @(Invoke-YtTranscription -Path $Dir -Model tiny.en -BeamSize 1 -Workers 2 -Threads 1)
        $results | Should -HaveCount $total
        foreach ($r in $results) {
            $expected = if ($r.Path -in $Done) { 'Skipped' } else { 'Transcribed' }
            $r.Status | Should -Be $expected -Because $r.Path
        }
        (Get-ChildItem $Dir -Filter *.json).Count | Should -Be $total
    }

    $script:SavedModelDir = $env:YTPIPE_MODEL_DIR
    $env:YTPIPE_MODEL_DIR = $ModelDir
}

AfterAll {
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'Stopping a batch' -Skip:(-not $IsLinux) {
    It 'stops <Workers> worker(s) within seconds on Ctrl+C (SIGINT), leaves no partial output, and a second run does the rest' -ForEach @(
        @{ Workers = 1 }
        @{ Workers = 2 }
    ) {
        $dir = New-Batch "ctrlc$Workers" -Count $(if ($Workers -eq 1) { 4 } else { 6 })
        $p = Start-Batch $dir $Workers
        try {
            $first = Wait-FirstDone $p
            & kill -INT $p.Id
            $p.WaitForExit(20000) | Should -BeTrue -Because 'Ctrl+C must stop the batch promptly'
        }
        finally { if (-not $p.HasExited) { $p.Kill($true) } }
        $done = Get-DoneFile $dir
        $done | Should -Contain $first
        $total = @(Get-ChildItem $dir -Filter *.wav).Count
        $done.Count | Should -BeLessThan $total
        Assert-NoHalfWrittenOutput $dir
        Assert-SecondRunFinishesTheRest $dir $done
    }

    It 'ends on SIGTERM as on Ctrl+C: the work stops, the exit code is 143, nothing is partial, and a second run does the rest' {
        $dir = New-Batch 'sigterm'
        $p = Start-Batch $dir
        try {
            $first = Wait-FirstDone $p
            & kill -TERM $p.Id
            $p.WaitForExit(30000) | Should -BeTrue -Because 'a service manager stopping the job must not wait long'
        }
        finally { if (-not $p.HasExited) { $p.Kill($true) } }
        $p.ExitCode | Should -Be 143
        $done = Get-DoneFile $dir
        $done | Should -Contain $first
        Assert-NoHalfWrittenOutput $dir
        Assert-SecondRunFinishesTheRest $dir $done
    }

    It 'leaves no half-written output when the process is killed mid-batch' {
        $dir = New-Batch 'killed'
        $p = Start-Batch $dir
        try {
            $null = Wait-FirstDone $p
            $p.Kill($true)
            $p.WaitForExit(20000) | Should -BeTrue
        }
        finally { if (-not $p.HasExited) { $p.Kill($true) } }
        $done = Get-DoneFile $dir
        Assert-NoHalfWrittenOutput $dir
        Assert-SecondRunFinishesTheRest $dir $done
    }

    It 'stops the workers when a downstream command wants no more (Select-Object -First 1)' {
        $dir = New-Batch 'first'
        $r = @(Invoke-YtTranscription -Path $dir -Model tiny.en -BeamSize 1 -Workers 1 | Select-Object -First 1)
        $r | Should -HaveCount 1
        (Get-ChildItem $dir -Filter *.json).Count | Should -BeLessThan 4
        Assert-NoHalfWrittenOutput $dir
    }
}
