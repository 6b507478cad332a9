# Scale-out on the engines users run, started here for real (ClusterHarness.psm1): a Slurm array
# over three slurmd nodes with one task killed and requeued, and Invoke-YtTranscription -Session over
# three SSH sessions. Both must transcribe every file exactly once into one shared folder and report
# what a one-machine run reports. Writes are counted by watching the output folder (a transcript
# lands by one rename or link, so a second write is a second event), not inferred from the end state.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ClusterHarness.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:SavedModelDir = Use-TestModelFolder (Join-Path $TestDrive 'models')
    $script:Corpus = Join-Path $TestDrive 'corpus'
    # Six one-second files: enough for three shards of two, cheap for whisper.cpp.
    1..6 | ForEach-Object { New-TestTone (Join-Path $Corpus "tone$_.wav") -Seconds 1 | Out-Null }
    $script:Names = 1..6 | ForEach-Object { "tone$_.json" }
    # The options every run here uses: a short audio context and JSON only keep each file ~1 s.
    $script:RunOptions = @{ Model = 'tiny.en'; ShortClip = 'AudioContext'; OutputFormat = 'Json' }

    # The one-machine run that the sharded runs must equal.
    $script:Reference = Join-Path $TestDrive 'reference'
    Invoke-YtTranscription -Path $Corpus -OutputDirectory $Reference @RunOptions | Out-Null

    function script:Watch-Writes {
        <# Starts counting the transcripts that land in $Folder (created if missing); Get-Writes reads the count. #>
        param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [string] $Id)
        New-Item -ItemType Directory -Force $Folder | Out-Null
        $watcher = [IO.FileSystemWatcher]::new($Folder)
        $watcher.IncludeSubdirectories = $true
        $watcher.InternalBufferSize = 65536
        # A new file is linked into place (Created), one that replaces another is renamed over it (Renamed).
        Register-ObjectEvent $watcher Created -SourceIdentifier "$Id-created" | Out-Null
        Register-ObjectEvent $watcher Renamed -SourceIdentifier "$Id-renamed" | Out-Null
        Register-ObjectEvent $watcher Error -SourceIdentifier "$Id-error" | Out-Null
        $watcher.EnableRaisingEvents = $true
        $watcher
    }

    function script:Get-Writes {
        <# How many times each transcript name landed; a watcher overflow fails the test rather than undercount. #>
        param([Parameter(Mandatory)] $Watcher, [Parameter(Mandatory)] [string] $Id)
        # The watcher's last events are raised on its own thread: let them reach the queue first.
        $Watcher.EnableRaisingEvents = $false
        if (Get-Event -SourceIdentifier "$Id-error" -ErrorAction SilentlyContinue) { throw 'the file watcher overflowed: writes cannot be counted' }
        $landed = foreach ($kind in 'created', 'renamed') {
            Get-Event -SourceIdentifier "$Id-$kind" -ErrorAction SilentlyContinue | ForEach-Object { $_.SourceEventArgs.Name }
        }
        foreach ($kind in 'created', 'renamed', 'error') {
            Unregister-Event -SourceIdentifier "$Id-$kind" -ErrorAction SilentlyContinue
            Remove-Event -SourceIdentifier "$Id-$kind" -ErrorAction SilentlyContinue
        }
        $Watcher.Dispose()
        $counts = @{}
        # Transcripts only: the claims, failure records and temporaries have names of their own.
        foreach ($name in $landed | Where-Object { $_ -like '*.json' -and $_ -notlike '*.ytpipe*' }) { $counts[$name] = 1 + [int]$counts[$name] }
        $counts
    }

    function script:Assert-SameReport {
        <#
          The report of $Folder equals the one-machine run's in what must not depend on how the run
          was split (the report's own ComparisonProperties), over six transcribed inputs.
        #>
        param([Parameter(Mandatory)] [string] $Folder)
        $keys = [YtPipe.PowerShell.TranscriptionReportEntry]::ComparisonProperties
        $sharded = @(Get-YtTranscriptionReport -Path $Folder)
        $single = @(Get-YtTranscriptionReport -Path $Reference)
        $single.Count | Should -Be 6
        @($single | Where-Object { "$($_.Status)" -ne 'Transcribed' }) | Should -BeNullOrEmpty
        # InputPath is the same corpus for both; Name is relative to each folder.
        Compare-Object $sharded $single -Property $keys | Should -BeNullOrEmpty
        $sharded
    }
}

AfterAll {
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'A Slurm array job over three nodes' {
    BeforeAll {
        $script:SlurmSkip = Get-ClusterSkipReason Slurm
        if (-not $SlurmSkip) { $script:Cluster = Start-SlurmCluster -Root (Join-Path $TestDrive 'slurm') }
    }

    AfterAll {
        Stop-SlurmCluster $script:Cluster
    }

    It 'transcribes every file exactly once when a killed task is requeued, and reports what one machine reports' {
        if ($SlurmSkip) { Set-ItResult -Skipped -Because $SlurmSkip; return }
        $output = Join-Path $TestDrive 'slurm-out'
        $state = New-Item -ItemType Directory (Join-Path $TestDrive 'slurm-state')
        $launcher = New-PwshLauncher -Path (Join-Path $state 'pwsh')
        # The task script a user would write, plus bookkeeping: its pid (to kill it), each result as it
        # comes, per attempt (SLURM_RESTART_COUNT). The first attempt of task 1 stops reading results
        # after its first file: it is alive, mid-shard, when the test kills it.
        Set-Content (Join-Path $state 'task.ps1') @'
param($Corpus, $Output, $State)
$task = $env:SLURM_ARRAY_TASK_ID
$attempt = if ($env:SLURM_RESTART_COUNT) { $env:SLURM_RESTART_COUNT } else { '0' }
Set-Content "$State/pid-$task-$attempt" $PID
Import-Module YtPipe
Invoke-YtTranscription -Path $Corpus -OutputDirectory $Output -Model tiny.en -ShortClip AudioContext -OutputFormat Json -Workers 1 -Shard auto/3 |
    ForEach-Object {
        Add-Content "$State/results-$task-$attempt.log" "$($_.Status)`t$(Split-Path -Leaf $_.Path)`t$($_.Shard)"
        if ($task -eq '1' -and $attempt -eq '0') { [Threading.Thread]::Sleep([Threading.Timeout]::Infinite) }
    }
Set-Content "$State/done-$task-$attempt" 'done'
'@
        Set-Content (Join-Path $state 'task.sh') "#!/bin/sh`nexec '$launcher' -NoProfile -NonInteractive -File '$state/task.ps1' '$Corpus' '$output' '$state'"
        $watcher = Watch-Writes -Folder $output -Id 'slurm'

        $submitted = & sbatch --parsable --array=0-2 --requeue --output "$state/slurm-%A_%a.out" (Join-Path $state 'task.sh')
        $LASTEXITCODE | Should -Be 0
        $job = ($submitted -split ';')[0]
        function Get-TaskState([int] $Task) { ((& scontrol -o show job "${job}_$Task") -split ' ' | Where-Object { $_ -like 'JobState=*' }) -replace '^JobState=' }
        $why = { (Get-ChildItem $state | Out-String) + (& squeue 2>&1 | Out-String) + (Get-LogTail ((Get-ChildItem $state -Filter 'slurm-*.out').FullName + $Cluster.Logs)) }

        # Kill task 1 once it has finished one file and stopped: by its own process id, as the OOM killer or a node failure would.
        Wait-Until { Test-Path "$state/results-1-0.log" } -Because 'task 1 finishing its first file' -TimeoutSeconds 90 -Diagnostics $why
        $victim = [Diagnostics.Process]::GetProcessById([int](Get-Content "$state/pid-1-0"))
        $victim.Kill()
        $victim.WaitForExit()
        Wait-Until { (Get-TaskState 1) -in 'FAILED', 'CANCELLED', 'NODE_FAIL' } -Because 'Slurm seeing task 1 fail' -Diagnostics $why
        # What the killed attempt left: these must not be written again.
        $leftByKilled = @(Get-ChildItem $output -Filter '*.json' | ForEach-Object Name)

        & scontrol requeue "${job}_1"
        $LASTEXITCODE | Should -Be 0
        Wait-Until { @(0, 1, 2 | Where-Object { (Get-TaskState $_) -eq 'COMPLETED' }).Count -eq 3 } -Because 'the three tasks completing' -TimeoutSeconds 120 -Diagnostics $why
        $writes = Get-Writes $watcher 'slurm'

        Test-Path "$state/done-1-1" | Should -BeTrue -Because 'the requeued task ran as attempt 1 (SLURM_RESTART_COUNT)'
        ($writes.Keys | Sort-Object) | Should -Be $Names
        foreach ($name in $Names) { $writes[$name] | Should -Be 1 -Because "$name must be written exactly once" }
        Get-PartialFiles $output | Should -BeNullOrEmpty
        # The rerun took the same shard and transcribed exactly what the killed attempt had not.
        $rerun = @(Get-Content "$state/results-1-1.log" | ForEach-Object { $s, $f, $k = $_ -split "`t"; [pscustomobject]@{ Status = $s; Json = [IO.Path]::ChangeExtension($f, '.json'); Shard = $k } })
        $rerun.Count | Should -BeGreaterThan 0
        $rerun.Shard | Sort-Object -Unique | Should -Be '1/3'
        @($rerun | Where-Object Status -eq 'Transcribed' | ForEach-Object Json | Sort-Object) |
            Should -Be @($rerun.Json | Where-Object { $_ -notin $leftByKilled } | Sort-Object)
        @($rerun | Where-Object Status -eq 'Skipped' | ForEach-Object Json | Sort-Object) |
            Should -Be @($rerun.Json | Where-Object { $_ -in $leftByKilled } | Sort-Object)
        $report = Assert-SameReport $output
        # Each shard wrote its own files, the requeued one included.
        ($report | Group-Object Shard | ForEach-Object { "$($_.Name)=$($_.Count)" } | Sort-Object) | Should -Be '0/3=2', '1/3=2', '2/3=2'
    }
}

Describe 'Invoke-YtTranscription -Session over three SSH hosts' {
    BeforeAll {
        $script:SshSkip = Get-ClusterSkipReason Ssh
        if (-not $SshSkip) {
            $script:Ssh = Start-SshServer -Root (Join-Path $TestDrive 'ssh')
            # Each host has its own model cache (the subsystem points YTPIPE_MODEL_DIR at it).
            foreach ($a in $Ssh.Addresses) { Get-WeightlessModel -Folder (Join-Path $Ssh.Root "hosts/$a/models") | Out-Null }
            $script:Sessions = @(New-TestSession $Ssh)
        }

        function script:Invoke-FanOut {
            <#
              Runs Invoke-YtTranscription -Session in a PowerShell of its own, so what reaches the
              caller (results, errors, progress: which no redirection captures) can be read back.
            #>
            param([Parameter(Mandatory)] [hashtable] $Parameters)
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript('param($Module, $Parameters) Import-Module $Module; Invoke-YtTranscription @Parameters').
                    AddArgument((Get-TestModulePath)).AddArgument($Parameters)
                $output = $ps.Invoke()
                [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error); Progress = @($ps.Streams.Progress); Warnings = @($ps.Streams.Warning) }
            }
            finally { $ps.Dispose() }
        }
    }

    AfterAll {
        Stop-SshServer $script:Ssh $script:Sessions
    }

    It 'runs shard i/3 on session i, writes every file exactly once, relays progress, and reports what one machine reports' {
        if ($SshSkip) { Set-ItResult -Skipped -Because $SshSkip; return }
        $output = Join-Path $TestDrive 'ssh-out'
        $watcher = Watch-Writes -Folder $output -Id 'ssh'
        $run = Invoke-FanOut (@{ Session = $Sessions; Path = $Corpus; OutputDirectory = $output } + $RunOptions)
        $writes = Get-Writes $watcher 'ssh'

        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 6
        $run.Output | ForEach-Object { $_.pstypenames[0] | Should -Be 'Deserialized.YtPipe.PowerShell.TranscriptionResult' }
        ($run.Output | Group-Object PSComputerName | ForEach-Object { "$($_.Name)=$($_.Count)" } | Sort-Object) |
            Should -Be '127.0.0.1=2', '127.0.0.2=2', '127.0.0.3=2'
        foreach ($r in $run.Output) {
            $r.Shard | Should -Be ('{0}/3' -f [array]::IndexOf($Ssh.Addresses, $r.PSComputerName))
        }
        ($writes.Keys | Sort-Object) | Should -Be $Names
        foreach ($name in $Names) { $writes[$name] | Should -Be 1 -Because "$name must be written exactly once" }
        Get-PartialFiles $output | Should -BeNullOrEmpty
        # Every host's bars come back, each under its own ids and named after its host.
        ($run.Progress | ForEach-Object { ($_.Activity -split ' ')[0] } | Sort-Object -Unique) | Should -Be '[127.0.0.1]', '[127.0.0.2]', '[127.0.0.3]'
        $report = Assert-SameReport $output
        ($report | Group-Object Shard | ForEach-Object { "$($_.Name)=$($_.Count)" } | Sort-Object) | Should -Be '0/3=2', '1/3=2', '2/3=2'
        # The default view shows remote results as it shows local ones.
        ($run.Output | Format-Table | Out-String) | Should -Match 'Transcribed.+tone1\.wav'
    }

    It 'brings a remote failure back as an error record with its ErrorId and the remote path' {
        if ($SshSkip) { Set-ItResult -Skipped -Because $SshSkip; return }
        $bad = Join-Path $TestDrive 'corrupt/bad.wav'
        New-Item -ItemType Directory -Force (Split-Path $bad) | Out-Null
        Set-Content $bad 'not audio: ffmpeg cannot decode this'
        $run = Invoke-FanOut (@{ Session = $Sessions; Path = (Split-Path $bad); OutputDirectory = (Join-Path $TestDrive 'corrupt-out') } + $RunOptions)

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'AudioDecodeFailed,*'
        $run.Errors[0].TargetObject | Should -Be $bad
        "$($run.Errors[0])" | Should -Match '^\[127\.0\.0\.\d\] '
        $run.Output.Status | ForEach-Object { "$_" } | Should -Be 'Failed'
    }

    It 'names the host without YtPipe with RemoteModuleNotFound, and the other hosts go on' {
        if ($SshSkip) { Set-ItResult -Skipped -Because $SshSkip; return }
        $bare = New-PSSession -HostName $Ssh.Addresses[0] -Port $Ssh.Port -UserName root -KeyFilePath $Ssh.KeyFile -Options $Ssh.Options -ErrorAction Stop
        try {
            # A host where the module is not installed: nothing on its PSModulePath has it.
            Invoke-Command -Session $bare { $env:PSModulePath = $PSHOME + '/Modules' }
            $one = Join-Path $TestDrive 'one'
            foreach ($n in 'a', 'b', 'c') { New-TestTone (Join-Path $one "$n.wav") -Seconds 1 | Out-Null }
            $run = Invoke-FanOut (@{ Session = @($bare) + $Sessions[1..2]; Path = $one; OutputDirectory = (Join-Path $TestDrive 'one-out') } + $RunOptions)
        }
        finally { Remove-PSSession $bare }

        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RemoteModuleNotFound,*'
        $run.Errors[0].TargetObject | Should -Be $Ssh.Addresses[0]
        # Shards 1/3 and 2/3 ran on the other two hosts.
        ($run.Output | ForEach-Object { "$($_.PSComputerName) $($_.Shard) $($_.Status)" } | Sort-Object) |
            Should -Be "$($Ssh.Addresses[1]) 1/3 Transcribed", "$($Ssh.Addresses[2]) 2/3 Transcribed"
    }

    It 'stops every host on Ctrl+C, and the same command then does exactly the missing files' {
        if ($SshSkip) { Set-ItResult -Skipped -Because $SshSkip; return }
        $output = Join-Path $TestDrive 'stopped-out'
        $parameters = @{ Session = $Sessions; Path = $Corpus; OutputDirectory = $output; Workers = 1 } + $RunOptions
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Parameters) Import-Module $Module; Invoke-YtTranscription @Parameters').
                AddArgument((Get-TestModulePath)).AddArgument($parameters)
            $results = [Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([Management.Automation.PSDataCollection[psobject]]::new(), $results)
            Wait-Until { $results.Count -ge 1 -or $async.IsCompleted } -Because 'a first remote result' -TimeoutSeconds 60
            # What Ctrl+C does to a running command.
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }
        # Every host's shard has ended: its session is free for the next command.
        Wait-Until { @($Sessions | Where-Object Availability -eq 'Available').Count -eq 3 } -Because 'the three sessions coming free' -TimeoutSeconds 30
        Get-PartialFiles $output | Should -BeNullOrEmpty
        $before = @(Get-ChildItem $output -Filter '*.json' -Recurse | Where-Object Name -notlike '*.ytpipe*' | ForEach-Object Name)

        $rerun = Invoke-FanOut $parameters
        $rerun.Errors | Should -BeNullOrEmpty
        @($rerun.Output | Where-Object { "$($_.Status)" -eq 'Transcribed' } | ForEach-Object { [IO.Path]::ChangeExtension((Split-Path -Leaf $_.Path), '.json') } | Sort-Object) |
            Should -Be @($Names | Where-Object { $_ -notin $before })
        Assert-SameReport $output | Out-Null
    }

    It 'refuses pipeline input and -Shard with -Session, before any host runs' {
        if ($SshSkip) { Set-ItResult -Skipped -Because $SshSkip; return }
        $never = Join-Path $TestDrive 'never'
        { $Corpus | Invoke-YtTranscription -Session $Sessions -OutputDirectory $never @RunOptions -ErrorAction Stop } | Should -Throw -ErrorId 'SessionWithPipelineInput,*'
        { Invoke-YtTranscription -Session $Sessions -Path $Corpus -OutputDirectory $never -Shard 0/3 @RunOptions -ErrorAction Stop } | Should -Throw -ErrorId 'SessionWithShard,*'
        { Invoke-YtTranscription -Session $Sessions[0], $Sessions[0] -Path $Corpus -OutputDirectory $never @RunOptions -ErrorAction Stop } | Should -Throw -ErrorId 'SessionRepeated,*'
        Test-Path $never | Should -BeFalse
        # The sessions are still usable: a refusal started nothing on them.
        $Sessions.Availability | Sort-Object -Unique | Should -Be 'Available'
    }
}
