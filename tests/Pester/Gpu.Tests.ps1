# Get-YtGpu and the GPU strategies, against fake nvidia-smi executables that print what real ones print.

BeforeDiscovery {
    $script:CanRunScripts = -not $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Cmd = 'YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'

    function script:New-FakeNvidiaSmi([string] $Name, [string] $Body) {
        <# A shell script standing in for nvidia-smi; it also records the arguments it was given. #>
        $dir = New-Item -ItemType Directory -Force (Join-Path $TestDrive "smi-$Name")
        $path = Join-Path $dir 'nvidia-smi'
        Set-Content -Path $path -Value "#!/bin/sh`nprintf '%s\n' `"`$@`" > '$dir/args'`n$Body"
        & chmod +x $path
        $path
    }

    # What nvidia-smi 550 prints for --query-gpu=index,name,memory.total,memory.free,uuid,pci.bus_id,driver_version --format=csv,noheader,nounits
    $script:TwoGpus = New-FakeNvidiaSmi 'two' @'
cat <<'CSV'
0, NVIDIA GeForce RTX 3090, 24576, 23939, GPU-5ae9b4c4-7c1c-2c6f-58b8-6a0f3c3a9e11, 00000000:01:00.0, 550.54.15
1, NVIDIA RTX A4000, 16376, 16102, GPU-0b1d2c3e-4f50-6172-8394-a5b6c7d8e9f0, 00000000:41:00.0, 550.54.15
CSV
'@
    $script:NotAvailable = New-FakeNvidiaSmi 'na' @'
echo '0, NVIDIA GH200 480GB, 97871, [N/A], GPU-11111111-2222-3333-4444-555555555555, 00000009:01:00.0, 550.54.15'
'@
    $script:Failing = New-FakeNvidiaSmi 'fail' @'
echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."
exit 9
'@
    $script:Hanging = New-FakeNvidiaSmi 'hang' 'exec sleep 60'
    $script:SavedSmi = $env:YTPIPE_NVIDIA_SMI
}

AfterAll {
    $env:YTPIPE_NVIDIA_SMI = $script:SavedSmi
}

Describe 'Get-YtGpu' -Skip:(-not $CanRunScripts) {
    AfterEach { $env:YTPIPE_NVIDIA_SMI = $script:SavedSmi }

    It 'emits one object per GPU with every field' {
        $env:YTPIPE_NVIDIA_SMI = $TwoGpus
        $gpus = @(Get-YtGpu)
        $gpus | Should -HaveCount 2
        $gpus[0] | Should -BeOfType ([YtPipe.PowerShell.GpuDevice])
        $gpus[0].Index | Should -Be 0
        $gpus[0].Name | Should -Be 'NVIDIA GeForce RTX 3090'
        $gpus[0].MemoryTotalMiB | Should -Be 24576
        $gpus[0].MemoryFreeMiB | Should -Be 23939
        $gpus[0].Uuid | Should -Be 'GPU-5ae9b4c4-7c1c-2c6f-58b8-6a0f3c3a9e11'
        $gpus[1].PciBusId | Should -Be '00000000:41:00.0'
        $gpus[1].DriverVersion | Should -Be '550.54.15'
    }

    It 'asks nvidia-smi for the documented fields in CSV without header or units' {
        $env:YTPIPE_NVIDIA_SMI = $TwoGpus
        $null = Get-YtGpu
        Get-Content (Join-Path (Split-Path $TwoGpus) 'args') |
            Should -Be '--query-gpu=index,name,memory.total,memory.free,uuid,pci.bus_id,driver_version', '--format=csv,noheader,nounits'
    }

    It 'leaves [N/A] fields empty' {
        $env:YTPIPE_NVIDIA_SMI = $NotAvailable
        $gpu = Get-YtGpu
        $gpu.Name | Should -Be 'NVIDIA GH200 480GB'
        $gpu.MemoryTotalMiB | Should -Be 97871
        $gpu.MemoryFreeMiB | Should -BeNullOrEmpty
    }

    It 'finds nvidia-smi on PATH when no setting names one' {
        $env:YTPIPE_NVIDIA_SMI = $null
        $savedPath = $env:PATH
        $env:PATH = (Split-Path $TwoGpus) + [IO.Path]::PathSeparator + $env:PATH
        try { @(Get-YtGpu) | Should -HaveCount 2 }
        finally { $env:PATH = $savedPath }
    }

    It 'emits nothing, and says why in the verbose stream, when nvidia-smi <Case>' -ForEach @(
        @{ Case = 'fails'; Smi = 'Failing'; Why = 'exit code 9.*NVIDIA driver' }
        @{ Case = 'hangs'; Smi = 'Hanging'; Why = 'did not answer within 5 s' }
        @{ Case = 'is missing'; Smi = 'Missing'; Why = 'could not be started|not found' }
    ) {
        $env:YTPIPE_NVIDIA_SMI = if ($Smi -eq 'Missing') { Join-Path $TestDrive 'no/such/nvidia-smi' } else { Get-Variable $Smi -ValueOnly }
        $out = @(Get-YtGpu -Verbose 4>&1)
        $out | Where-Object { $_ -is [YtPipe.PowerShell.GpuDevice] } | Should -BeNullOrEmpty
        ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match $Why
    }
}

Describe 'Invoke-YtTranscription device and strategy choice' -Skip:(-not $CanRunScripts) {
    BeforeAll {
        $script:ModelDir = Join-Path $TestDrive 'models'
        Get-WeightlessModel -Folder $ModelDir | Out-Null
        $script:SavedModelDir = $env:YTPIPE_MODEL_DIR
        $env:YTPIPE_MODEL_DIR = $ModelDir
        $script:Pair = Join-Path $TestDrive 'pair'
        New-TestSpeech (Join-Path $Pair 'first.wav') -Text 'The first file of two.' | Out-Null
        New-TestSpeech (Join-Path $Pair 'second.mp3') -Text 'And here is the second one.' | Out-Null
    }
    AfterAll { $env:YTPIPE_MODEL_DIR = $script:SavedModelDir }
    AfterEach { $env:YTPIPE_NVIDIA_SMI = $script:SavedSmi }

    It 'runs a Cuda request on two GPUs as MultiGpu, and says truthfully that the CPU did the work' {
        $env:YTPIPE_NVIDIA_SMI = $TwoGpus
        $out = @(Invoke-YtTranscription -Path $Pair -Model tiny.en -BeamSize 1 -Device Cuda -Workers 2 -OutputDirectory (Join-Path $TestDrive 'multi') -Verbose 4>&1 3>&1)
        $results = $out | Where-Object { $_ -is [YtPipe.PowerShell.TranscriptionResult] }
        $verbose = ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n"
        $warnings = ($out | Where-Object { $_ -is [Management.Automation.WarningRecord] }).Message -join "`n"
        $results | Should -HaveCount 2
        $results.Status | Sort-Object -Unique | Should -Be 'Transcribed'
        $results.Device | Sort-Object -Unique | Should -Be 'cpu'
        $verbose | Should -Match 'Strategy MultiGpu'
        $verbose | Should -Match 'cuda:0.*cuda:1'
        $warnings | Should -Match 'no CUDA runtime'
    }

    It 'runs two CPU workers over one model with -Workers 2' {
        $env:YTPIPE_NVIDIA_SMI = $Failing
        $out = @(Invoke-YtTranscription -Path $Pair -Model tiny.en -BeamSize 1 -Workers 2 -Threads 1 -OutputDirectory (Join-Path $TestDrive 'par') -Verbose 4>&1)
        $results = $out | Where-Object { $_ -is [YtPipe.PowerShell.TranscriptionResult] }
        $verbose = ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message
        $results | Should -HaveCount 2
        $results.Status | Sort-Object -Unique | Should -Be 'Transcribed'
        $results.Worker | ForEach-Object { $_ | Should -BeIn 0, 1 }
        ($verbose -match 'Strategy ParallelCpu') | Should -Not -BeNullOrEmpty
        @($verbose -match '^Loading model') | Should -HaveCount 1 -Because 'two workers on one device share one model'
    }

    It 'chooses <Expected> for <Arguments>' -ForEach @(
        @{ Arguments = '-Device Cpu -Workers 1'; Expected = 'Sequential' }
        @{ Arguments = '-Device Cpu -Workers 3'; Expected = 'ParallelCpu' }
        @{ Arguments = '-Device Cuda -Workers 2'; Expected = 'MultiGpu' }
        @{ Arguments = '-Device Cuda -Workers 1'; Expected = 'Sequential' }
        @{ Arguments = '-Device Cuda -Workers 2 -GpuIndex 1'; Expected = 'Sequential' }
        @{ Arguments = '-Device Auto -Workers 2'; Expected = 'ParallelCpu' }
        @{ Arguments = '-Strategy Sequential -Workers 4'; Expected = 'Sequential' }
    ) {
        $env:YTPIPE_NVIDIA_SMI = $TwoGpus
        $splat = @{}
        $tokens = $Arguments -split ' '
        for ($i = 0; $i -lt $tokens.Count; $i += 2) { $splat[$tokens[$i].TrimStart('-')] = $tokens[$i + 1] }
        if ($splat.GpuIndex) { $splat.GpuIndex = [int[]]$splat.GpuIndex }
        $verbose = (Invoke-YtTranscription -Path $Pair -Model tiny.en @splat -WhatIf -Verbose 4>&1 3>$null |
                Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match "Strategy $Expected \("
    }

    It 'warns when workers times threads is more than the logical cores' {
        $cores = [Environment]::ProcessorCount
        $warnings = @(Invoke-YtTranscription -Path $Pair -Model tiny.en -Device Cpu -Workers 2 -Threads $cores -WhatIf 3>&1 |
                Where-Object { $_ -is [Management.Automation.WarningRecord] })
        $warnings.Message -join "`n" | Should -Match "$(2 * $cores) threads on $cores logical cores"
    }

    It 'refuses a GPU index that nvidia-smi does not list' {
        $env:YTPIPE_NVIDIA_SMI = $TwoGpus
        { Invoke-YtTranscription -Path $Pair -Model tiny.en -Device Cuda -GpuIndex 5 -WhatIf } | Should -Throw -ErrorId "InvalidOption,$Cmd"
    }

    It 'refuses -Strategy MultiGpu where there is no GPU' {
        $env:YTPIPE_NVIDIA_SMI = $Failing
        { Invoke-YtTranscription -Path $Pair -Model tiny.en -Strategy MultiGpu -WhatIf } | Should -Throw -ErrorId "InvalidOption,$Cmd"
    }
}
