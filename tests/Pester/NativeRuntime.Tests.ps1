# A whisper.cpp runtime built for this CPU (build.ps1 -Task NativeRuntime): used when it fits,
# reported on every result, and never a crash when it cannot load.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Model = Get-WeightlessModel (Join-Path $TestDrive 'models')
    $script:Clip = New-TestSpeech (Join-Path $TestDrive 'media/hello.wav') -Text 'Hello there.'

    function Invoke-Transcription([string] $Runtime, [string] $Out) {
        <# Transcribes the clip in a fresh pwsh with YTPIPE_RUNTIME set (Whisper.net loads one runtime per process). #>
        Invoke-ChildPwsh @"
`$all = Invoke-YtTranscription -Path '$($Clip.FullName)' -ModelPath '$Model' -OutputDirectory '$Out' -BeamSize 1 -ShortClip AudioContext -WarningVariable w -WarningAction SilentlyContinue -Verbose 4>&1
`$r = `$all | Where-Object { `$_ -isnot [Management.Automation.VerboseRecord] }
foreach (`$v in `$all | Where-Object { `$_ -is [Management.Automation.VerboseRecord] }) { 'Verbose: ' + `$v.Message }
'Status: ' + `$r.Status
'Runtime: ' + `$r.Runtime
'RuntimeInfo: ' + `$r.RuntimeInfo
'Json: ' + (Get-Content -Raw (Join-Path '$Out' 'hello.json') | ConvertFrom-Json).runtime
foreach (`$m in `$w) { 'Warning: ' + `$m }
"@ -Environment @{ YTPIPE_RUNTIME = $Runtime }
    }

    function Invoke-NativeBuild([string] $Source, [string] $Destination, [switch] $Portable) {
        <# build.ps1 -Task NativeRuntime in a child pwsh; a failure's message comes back as one "Error: " line (pwsh's error view would wrap and colour it). #>
        $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command',
            "try { & '$(Join-Path $RepoRoot 'build.ps1')' -Task NativeRuntime -WhisperCppSource '$Source' -NativeRuntimePath '$Destination' -Portable:`$$Portable } catch { 'Error: ' + `$_.Exception.Message; exit 1 }"
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $p = [Diagnostics.Process]::Start($psi)
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        # A first build on 2 busy cores took 6 minutes here (a portable one, 14 CPU variants, 30);
        # later ones reuse out/native/build or out/native/build-portable.
        if (-not $p.WaitForExit(2700000)) { $p.Kill($true); throw 'the native build did not finish in 45 minutes' }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
    }

    function New-BrokenRuntime([string] $Folder, [string] $Variant, [string[]] $Libraries) {
        <# A runtime of the right version and platform, asking nothing of the CPU, whose libraries are not libraries. #>
        $libs = Join-Path $Folder 'runtimes/linux-x64'
        New-Item -ItemType Directory -Force $libs | Out-Null
        foreach ($name in $Libraries) { Set-Content (Join-Path $libs "lib$name.so") 'not a library' }
        @{ whisper_cpp_version = '1.8.5'; whisper_cpp_commit = 'f24588a272ae8e23280d9c220536437164e6ed28'; rid = 'linux-x64'; variant = $Variant; cpu_flags = @() } |
            ConvertTo-Json | Set-Content (Join-Path $Folder 'ytpipe-runtime.json')
    }

    function Get-Line([object] $Child, [string] $Prefix) {
        @($Child.Output | Where-Object { $_.StartsWith("${Prefix}: ") } | ForEach-Object { $_.Substring($Prefix.Length + 2) })
    }
}

Describe 'A <Variant> runtime whose libraries cannot load' -ForEach @(
    # dlopen fails, and Whisper.net must fall through to its own runtime.
    @{ Variant = 'native'; Libraries = @('whisper', 'ggml-whisper', 'ggml-base-whisper', 'ggml-cpu-whisper'); Warning = 'native runtime in {0} did not load' }
    # The module opens ggml itself to load a CPU variant before Whisper.net runs: a failure there
    # must fall back to the stock runtime like any other.
    @{ Variant = 'portable'; Libraries = @('whisper', 'ggml-whisper', 'ggml-base-whisper', 'ggml-cpu-x64'); Warning = 'portable runtime in {0} cannot be used here' }
) {
    BeforeAll {
        $script:Broken = Join-Path $TestDrive "broken-$Variant"
        New-BrokenRuntime $Broken $Variant $Libraries
        $script:Child = Invoke-Transcription -Runtime $Broken -Out (Join-Path $TestDrive "out-broken-$Variant")
    }

    It 'transcribes with the stock runtime and says so' {
        $Child.ExitCode | Should -Be 0 -Because $Child.Error
        Get-Line $Child 'Status' | Should -Be 'Transcribed' -Because $Child.Error
        Get-Line $Child 'Runtime' | Should -Be 'stock'
        Get-Line $Child 'Json' | Should -Be 'stock'
        Get-Line $Child 'RuntimeInfo' | Should -BeLike '*CPU :*'
    }

    It 'warns that the runtime could not be used' {
        Get-Line $Child 'Warning' | Should -BeLike ('*' + ($Warning -f $Broken) + '*')
    }
}

Describe 'A native runtime built for a CPU with more instruction sets' {
    BeforeAll {
        $script:Foreign = Join-Path $TestDrive 'foreign'
        New-Item -ItemType Directory -Force (Join-Path $Foreign 'runtimes/linux-x64') | Out-Null
        Set-Content (Join-Path $Foreign 'runtimes/linux-x64/libwhisper.so') 'never loaded'
        @{ whisper_cpp_version = '1.8.5'; rid = 'linux-x64'; variant = 'native'; cpu_flags = @('avx2', 'avx_nonexistent_isa') } |
            ConvertTo-Json | Set-Content (Join-Path $Foreign 'ytpipe-runtime.json')
        $script:Child = Invoke-Transcription -Runtime $Foreign -Out (Join-Path $TestDrive 'out-foreign')
    }

    It 'is never loaded: the stock runtime runs, with a warning naming the missing instruction set' {
        Get-Line $Child 'Status' | Should -Be 'Transcribed' -Because $Child.Error
        Get-Line $Child 'Runtime' | Should -Be 'stock'
        Get-Line $Child 'Warning' | Should -BeLike '*avx_nonexistent_isa*'
    }
}

Describe 'build.ps1 -Task NativeRuntime' {
    BeforeAll {
        # whisper.cpp's source is not in the repository; the project's machines keep its v1.8.5
        # tarball beside it. Without it (or without cmake and a compiler) there is nothing to build.
        $script:Source = if ($env:YTPIPE_WHISPER_CPP_SOURCE) { $env:YTPIPE_WHISPER_CPP_SOURCE } else { Join-Path $RepoRoot '../shared/vendor/whisper.cpp-1.8.5.tar.gz' }
        $script:SkipReason = if (-not (Test-Path $Source)) { "no whisper.cpp v1.8.5 source at $Source (set YTPIPE_WHISPER_CPP_SOURCE)" }
        elseif (-not (Get-Command cmake -ErrorAction Ignore) -or -not (Get-Command c++ -ErrorAction Ignore)) { 'cmake or a C++ compiler is missing' }
        elseif (-not $IsLinux) { 'the NativeRuntime task builds on Linux only' }
        if ($SkipReason) { return }
        # The build folder (out/native/build) is reused, so after the first build this takes seconds.
        $script:Installed = Join-Path $TestDrive 'native'
        $script:Build = Invoke-NativeBuild $Source $Installed
        if ($Build.ExitCode -eq 0) { $script:Child = Invoke-Transcription -Runtime $Installed -Out (Join-Path $TestDrive 'out-native') }
    }

    It 'installs whisper.cpp v1.8.5 for this CPU with a manifest' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $Build.ExitCode | Should -Be 0 -Because ($Build.Output + $Build.Error)
        $manifest = Get-Content -Raw (Join-Path $Installed 'ytpipe-runtime.json') | ConvertFrom-Json
        $manifest.whisper_cpp_version | Should -Be '1.8.5'
        $manifest.whisper_cpp_commit | Should -Be 'f24588a272ae8e23280d9c220536437164e6ed28'
        @(Get-ChildItem (Join-Path $Installed 'runtimes/linux-x64')).Name | Sort-Object |
            Should -Be @('libggml-base-whisper.so', 'libggml-cpu-whisper.so', 'libggml-whisper.so', 'libwhisper.so')
    }

    It 'transcribes with it, and the result and the JSON say native' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        Get-Line $Child 'Status' | Should -Be 'Transcribed' -Because $Child.Error
        Get-Line $Child 'Runtime' | Should -Be 'native'
        Get-Line $Child 'Json' | Should -Be 'native'
        Get-Line $Child 'RuntimeInfo' | Should -BeLike '*CPU :*'
        Get-Line $Child 'Warning' | Should -BeNullOrEmpty
    }

    It 'refuses a tarball of another commit, naming it, and installs nothing' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        # A git-archive-like tarball whose pax header names another commit.
        $fake = Join-Path $TestDrive 'other'
        New-Item -ItemType Directory -Force (Join-Path $fake 'whisper.cpp-9.9.9') | Out-Null
        Set-Content (Join-Path $fake 'whisper.cpp-9.9.9/CMakeLists.txt') 'project("whisper.cpp" VERSION 9.9.9)'
        $tarball = Join-Path $TestDrive 'whisper.cpp-9.9.9.tar.gz'
        # Python's tarfile writes the pax global header first, as git archive does (GNU tar does not).
        & python3 -c "import tarfile,sys; t=tarfile.open(sys.argv[1],'w:gz',format=tarfile.PAX_FORMAT,pax_headers={'comment':'0123456789012345678901234567890123456789'}); t.add(sys.argv[2],arcname='whisper.cpp-9.9.9'); t.close()" $tarball (Join-Path $fake 'whisper.cpp-9.9.9')
        $target = Join-Path $TestDrive 'not-installed'

        $failed = Invoke-NativeBuild $tarball $target
        $failed.ExitCode | Should -Not -Be 0
        $failed.Output | Should -BeLike '*Error: *not whisper.cpp v1.8.5 (its archive names commit 0123456789012345678901234567890123456789*' -Because $failed.Error
        $target | Should -Not -Exist
    }
}

Describe 'build.ps1 -Task NativeRuntime -Portable' {
    BeforeAll {
        $script:Source = if ($env:YTPIPE_WHISPER_CPP_SOURCE) { $env:YTPIPE_WHISPER_CPP_SOURCE } else { Join-Path $RepoRoot '../shared/vendor/whisper.cpp-1.8.5.tar.gz' }
        $script:SkipReason = if (-not (Test-Path $Source)) { "no whisper.cpp v1.8.5 source at $Source (set YTPIPE_WHISPER_CPP_SOURCE)" }
        elseif (-not (Get-Command cmake -ErrorAction Ignore) -or -not (Get-Command c++ -ErrorAction Ignore)) { 'cmake or a C++ compiler is missing' }
        elseif (-not $IsLinux -or [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -ne 'X64') { 'the portable runtime is built for Linux x64 only' }
        if ($SkipReason) { return }
        # 14 CPU variants: the first build is long (out/native/build-portable is reused afterwards).
        $script:Installed = Join-Path $TestDrive 'portable'
        $script:Build = Invoke-NativeBuild $Source $Installed -Portable
        if ($Build.ExitCode -eq 0) { $script:Child = Invoke-Transcription -Runtime $Installed -Out (Join-Path $TestDrive 'out-portable') }
        $flags = -split ((Get-Content /proc/cpuinfo -TotalCount 64 | Where-Object { $_ -match '^flags' } | Select-Object -First 1) -replace '^[^:]*:', '')
        $script:HasAvx512 = $flags -contains 'avx512f'
        # What the extra module is compiled for (NativeRuntimeCpuVariants.Avx512Fp16Needs).
        $script:HasAvx512Fp16 = @('sse4_2', 'avx', 'f16c', 'fma', 'avx2', 'bmi2', 'avx512f', 'avx512cd', 'avx512vl', 'avx512dq', 'avx512bw', 'avx512vbmi', 'avx512_vnni', 'avx512_bf16', 'avx512_fp16' |
            Where-Object { $flags -notcontains $_ }).Count -eq 0
    }

    It 'installs the core libraries without a CPU backend, and every CPU variant beside them' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $Build.ExitCode | Should -Be 0 -Because ($Build.Output + $Build.Error)
        $manifest = Get-Content -Raw (Join-Path $Installed 'ytpipe-runtime.json') | ConvertFrom-Json
        $manifest.variant | Should -Be 'portable'
        @($manifest.cpu_flags).Count | Should -Be 0 -Because 'a portable runtime asks nothing of the CPU beyond x86-64'
        $names = @(Get-ChildItem (Join-Path $Installed 'runtimes/linux-x64')).Name
        $names | Should -Contain 'libwhisper.so'
        $names | Should -Not -Contain 'libggml-cpu-whisper.so'
        $names | Should -Contain 'libggml-cpu-x64.so'
        $names | Should -Contain 'libggml-cpu-skylakex.so'
        $names | Should -Contain 'libytpipe-ggml-cpu-avx512fp16.so' -Because 'GCC 12 builds the AVX512-FP16 module, which no ggml variant covers'
    }

    It 'transcribes with it, loading the best CPU variant for this CPU and naming it' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        Get-Line $Child 'Status' | Should -Be 'Transcribed' -Because $Child.Error
        Get-Line $Child 'Runtime' | Should -Be 'native'
        Get-Line $Child 'Warning' | Should -BeNullOrEmpty
        $variant = Get-Line $Child 'Verbose' | Where-Object { $_ -like 'CPU backend: *' }
        if ($HasAvx512Fp16) {
            # ggml's scan would take zen4 here; the module loads its own AVX512-FP16 build instead.
            $variant | Should -Match '^CPU backend: libytpipe-ggml-cpu-avx512fp16\.so, AVX512-FP16, which this CPU has and none of ggml''s 1[0-9] variants uses'
            Get-Line $Child 'RuntimeInfo' | Should -Match 'AVX512 = 1'
            return
        }
        $variant | Should -Match '^CPU backend: libggml-cpu-[a-z0-9]+\.so, the best for this CPU of 1[0-9] variants'
        if ($HasAvx512) {
            # x64, sse42 and haswell lack AVX-512: an AVX-512 variant won, and whisper.cpp says so.
            $variant | Should -Not -Match 'libggml-cpu-(x64|sse42|sandybridge|ivybridge|piledriver|haswell|alderlake)\.so'
            Get-Line $Child 'RuntimeInfo' | Should -Match 'AVX512 = 1'
        }
        else {
            Get-Line $Child 'RuntimeInfo' | Should -BeLike '*CPU :*'
        }
    }
}
