# What a command says before and around its work: the first error is the right one, options it
# cannot honour are named, a dead batch ends the command at once, and Ctrl+C during set-up is a stop.

BeforeDiscovery {
    $script:CanRunScripts = -not $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Cmd = 'YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'
    $script:ModelDir = Join-Path $TestDrive 'models'
    $script:SavedModelDir = Use-TestModelFolder $ModelDir

    # Seven files, two of them not audio: today's order of errors used to blame the files first.
    $script:Mixed = Join-Path $TestDrive 'mixed'
    1..5 | ForEach-Object { New-TestTone (Join-Path $Mixed "tone$_.wav") -Seconds 1 | Out-Null }
    Set-Content (Join-Path $Mixed 'notes.mp3') 'not audio at all'
    Set-Content (Join-Path $Mixed 'broken.wav') 'RIFF but nothing else'
}

AfterAll {
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'The first error is the one that matters' {
    It 'reports a missing -ModelPath as the first and only error, before any file is probed' {
        $errors = $null
        { Invoke-YtTranscription -Path $Mixed -ModelPath (Join-Path $TestDrive 'nope.bin') -ErrorVariable errors -ErrorAction Continue } |
            Should -Throw -ErrorId "ModelNotFound,$Cmd"
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'AudioDecodeFailed*' }) | Should -BeNullOrEmpty
        @(Get-ChildItem $Mixed -Filter *.json) | Should -BeNullOrEmpty
    }

    It 'reports a -ModelPath that is not a model the same way, before any file is probed' {
        $bad = Join-Path $TestDrive 'bad.bin'
        Set-Content $bad 'this is not a ggml file'
        $errors = $null
        { Invoke-YtTranscription -Path $Mixed -ModelPath $bad -ErrorVariable errors -ErrorAction Continue } |
            Should -Throw -ErrorId "ModelInvalid,$Cmd"
        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'AudioDecodeFailed*' }) | Should -BeNullOrEmpty
    }

    It 'refuses an empty -OutputFormat as a parameter error' {
        { Invoke-YtTranscription -Path $Mixed -OutputFormat @() -WhatIf } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$Cmd"
        @(Get-ChildItem $Mixed -Filter *.json) | Should -BeNullOrEmpty
    }
}

Describe 'A batch that dies ends the command at once' {
    It 'stops with one terminating ModelInvalid when the model breaks after the command started' {
        $dir = Join-Path $TestDrive 'dead'
        1..4 | ForEach-Object { New-TestTone (Join-Path $dir "tone$_.wav") -Seconds 1 | Out-Null }
        $model = Join-Path $TestDrive 'breaks.bin'
        Copy-Item (Join-Path $ModelDir 'ggml-tiny.en.bin') $model
        $Error.Clear()
        # Every command's BeginProcessing runs before the upstream script block: the model is
        # checked and good, then broken before the first file arrives, so loading it fails in the batch.
        { & { Set-Content -LiteralPath $model -Value 'broken'; Get-ChildItem $dir -Filter *.wav } |
                Invoke-YtTranscription -ModelPath $model -BeamSize 1 -Workers 1 } |
            Should -Throw -ErrorId "ModelInvalid,$Cmd"
        @($Error | Where-Object { $_ -is [Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like 'ModelInvalid*' }) | Should -HaveCount 1
        @(Get-ChildItem $dir -Filter *.json) | Should -BeNullOrEmpty
    }
}

Describe 'Options that cannot be honoured are named' -Skip:(-not $CanRunScripts) {
    BeforeAll {
        $script:Pair = Join-Path $TestDrive 'pair'
        New-TestTone (Join-Path $Pair 'a.wav') -Seconds 1 | Out-Null
        New-TestTone (Join-Path $Pair 'b.wav') -Seconds 1 | Out-Null
        $dir = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'smi')
        $script:OneGpu = Join-Path $dir 'nvidia-smi'
        Set-Content $OneGpu "#!/bin/sh`necho '0, NVIDIA RTX A4000, 16376, 16102, GPU-0b1d2c3e-4f50-6172-8394-a5b6c7d8e9f0, 00000000:41:00.0, 550.54.15'"
        & chmod +x $OneGpu
        $script:SavedSmi = $env:YTPIPE_NVIDIA_SMI
        $env:YTPIPE_NVIDIA_SMI = Join-Path $TestDrive 'no-such-nvidia-smi'
    }
    AfterAll { $env:YTPIPE_NVIDIA_SMI = $script:SavedSmi }

    It 'warns that <Arguments> runs <Instead>' -ForEach @(
        @{ Arguments = '-Strategy Sequential -Workers 4'; Instead = 'one worker runs'; Smi = $false }
        @{ Arguments = '-Strategy ParallelCpu -GpuIndex 0'; Instead = 'GPU index 0 is ignored'; Smi = $false }
        @{ Arguments = '-Device Cpu -GpuIndex 0'; Instead = 'GPU index 0 is ignored'; Smi = $false }
        @{ Arguments = '-Device Cuda -Workers 2'; Instead = 'with 1 GPU the rule runs one worker'; Smi = $true }
    ) {
        if ($Smi) { $env:YTPIPE_NVIDIA_SMI = $OneGpu }
        try {
            $splat = @{}
            $tokens = $Arguments -split ' '
            for ($i = 0; $i -lt $tokens.Count; $i += 2) { $splat[$tokens[$i].TrimStart('-')] = $tokens[$i + 1] }
            if ($splat.GpuIndex) { $splat.GpuIndex = [int[]]$splat.GpuIndex }
            $out = @(Invoke-YtTranscription -Path $Pair -Model tiny.en @splat -WhatIf 3>&1 2>&1)
        }
        finally { $env:YTPIPE_NVIDIA_SMI = Join-Path $TestDrive 'no-such-nvidia-smi' }
        @($out | Where-Object { $_ -is [Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        ($out | Where-Object { $_ -is [Management.Automation.WarningRecord] }).Message -join "`n" | Should -Match ([regex]::Escape($Instead))
    }

    It 'refuses -Device <Device> with -Strategy <Strategy> as a contradiction' -ForEach @(
        @{ Device = 'Cuda'; Strategy = 'ParallelCpu' }
        @{ Device = 'Cpu'; Strategy = 'MultiGpu' }
    ) {
        { Invoke-YtTranscription -Path $Pair -Model tiny.en -Device $Device -Strategy $Strategy -WhatIf } |
            Should -Throw -ErrorId "InvalidOption,$Cmd"
    }
}

Describe 'Ctrl+C during set-up' -Skip:(-not ($CanRunScripts -and $IsLinux)) {
    It 'stops while nvidia-smi hangs, as a stop and not as an error' {
        $dir = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'hang')
        $fifo = Join-Path $dir 'started'
        & mkfifo $fifo
        $smi = Join-Path $dir 'nvidia-smi'
        # The fake tells the test it has started through a FIFO (an event, not a timer), then hangs.
        Set-Content $smi "#!/bin/sh`necho started > '$fifo'`nexec sleep 60"
        & chmod +x $smi
        $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command',
            "Import-Module '$(Get-TestModulePath)'; Invoke-YtTranscription -Path '$(Join-Path $TestDrive 'mixed/tone1.wav')' -Model tiny.en -Device Auto; 'AFTER'"
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['YTPIPE_NVIDIA_SMI'] = $smi
        $psi.Environment['YTPIPE_MODEL_DIR'] = $ModelDir
        $psi.Environment['NO_COLOR'] = '1'
        $p = [Diagnostics.Process]::Start($psi)
        try {
            $stdout = $p.StandardOutput.ReadToEndAsync()
            $stderr = $p.StandardError.ReadToEndAsync()
            $reader = [IO.StreamReader]::new($fifo)   # blocks until nvidia-smi opens the FIFO
            $reader.ReadLine() | Should -Be 'started'
            $reader.Dispose()
            & kill -INT $p.Id
            $p.WaitForExit(20000) | Should -BeTrue -Because 'Ctrl+C must stop the query, not wait out its 5 s timeout'
        }
        finally { if (-not $p.HasExited) { $p.Kill($true) } }
        $stderr.Result | Should -Not -Match 'cancel'
        $stderr.Result | Should -Not -Match 'Exception'
        @(Get-ChildItem (Join-Path $TestDrive 'mixed') -Filter *.json) | Should -BeNullOrEmpty
    }
}

Describe 'Planning with the real input' -Skip:([Environment]::ProcessorCount -lt 2) {
    BeforeAll {
        $script:SavedSmi = $env:YTPIPE_NVIDIA_SMI
        $env:YTPIPE_NVIDIA_SMI = Join-Path $TestDrive 'no-such-nvidia-smi'
        function script:Get-PlanLine([scriptblock] $Command) {
            (& $Command 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Strategy *' }).Message
        }
    }
    AfterAll { $env:YTPIPE_NVIDIA_SMI = $script:SavedSmi }

    It 'gives one file the single-file plan whether it comes by -Path or through the pipeline' {
        $file = Join-Path $Mixed 'tone1.wav'
        $byPath = Get-PlanLine { Invoke-YtTranscription -Path $file -Model tiny.en -WhatIf -Verbose }
        $piped = Get-PlanLine { Get-Item $file | Invoke-YtTranscription -Model tiny.en -WhatIf -Verbose }
        $byPath | Should -Match '^Strategy Sequential'
        $piped | Should -Be $byPath
    }

    It 'plans a batch for two piped files' {
        $piped = Get-PlanLine { Get-Item (Join-Path $Mixed 'tone1.wav'), (Join-Path $Mixed 'tone2.wav') | Invoke-YtTranscription -Model tiny.en -WhatIf -Verbose }
        $piped | Should -Match '^Strategy ParallelCpu'
    }
}
