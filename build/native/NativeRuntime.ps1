# The NativeRuntime task of build.ps1 (dot-sourced there; uses its $root, $out and $moduleDir).
# Builds whisper.cpp v1.8.5 for this machine's CPU with Whisper.net's library names, and installs
# it with a manifest (ytpipe-runtime.json) that the module checks before it loads the libraries.

$script:WhisperCppVersion = '1.8.5'
# whisper.cpp's v1.8.5 tag, which Whisper.net 1.9.1 pins as its submodule: Whisper.net marshals
# whisper_full_params by layout, so a library of any other version corrupts memory.
$script:WhisperCppCommit = 'f24588a272ae8e23280d9c220536437164e6ed28'
$script:WhisperCppArchiveUrl = "https://github.com/ggml-org/whisper.cpp/archive/refs/tags/v$WhisperCppVersion.tar.gz"

function Get-TarCommitId([string] $tarball) {
    <# What `git get-tar-commit-id` reads: git archive puts the commit in a pax global header
       ("52 comment=<sha>") as the first block. Read here so that git is not needed. #>
    $file = [IO.File]::OpenRead($tarball)
    try {
        $gzip = [IO.Compression.GZipStream]::new($file, [IO.Compression.CompressionMode]::Decompress)
        $block = [byte[]]::new(1024)
        $read = 0
        while ($read -lt $block.Length) {
            $n = $gzip.Read($block, $read, $block.Length - $read)
            if ($n -le 0) { break }
            $read += $n
        }
    }
    catch [IO.InvalidDataException] { return $null }
    finally { $file.Dispose() }
    if ($read -lt 1024 -or [char]$block[156] -ne 'g') { return $null }
    $text = [Text.Encoding]::ASCII.GetString($block, 512, 512)
    if ($text -match '(?m)^\d+ comment=([0-9a-f]{40})$') { return $Matches[1] }
    $null
}

function Assert-NativeToolchain {
    $missing = @('cmake', 'c++' | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction Ignore) })
    if ($missing) {
        throw "The NativeRuntime task needs cmake and a C++ compiler; not found: $($missing -join ', '). On Debian or Ubuntu: apt-get install cmake g++."
    }
}

function Resolve-WhisperCppSource([string] $Source) {
    <# A checked whisper.cpp v1.8.5 source folder: the given folder, or a tarball (given or
       downloaded) extracted under out/native/src. #>
    $srcRoot = Join-Path $out 'native/src'
    if (-not $Source) {
        $Source = Join-Path $out "native/download/whisper.cpp-$WhisperCppVersion.tar.gz"
        if (-not (Test-Path $Source)) {
            New-Item -ItemType Directory -Force (Split-Path $Source) | Out-Null
            Write-Host "Downloading $WhisperCppArchiveUrl"
            $partial = "$Source.partial"
            try { Invoke-WebRequest -Uri $WhisperCppArchiveUrl -OutFile $partial }
            catch { throw "Could not download whisper.cpp v$WhisperCppVersion ($($_.Exception.Message)). Without internet, give its source: -WhisperCppSource <folder or .tar.gz>." }
            Move-Item $partial $Source -Force
        }
    }
    if (-not (Test-Path $Source)) { throw "-WhisperCppSource: $Source does not exist." }
    $Source = (Resolve-Path $Source).Path
    if (Test-Path $Source -PathType Leaf) {
        $commit = Get-TarCommitId $Source
        if ($commit -ne $WhisperCppCommit) {
            throw "-WhisperCppSource: $Source is not whisper.cpp v$WhisperCppVersion (its archive names commit $(if ($commit) { $commit } else { 'none: not a git archive' }); v$WhisperCppVersion is $WhisperCppCommit). Whisper.net 1.9.1 binds v$WhisperCppVersion only."
        }
        $folder = Join-Path $srcRoot $commit
        if (-not (Test-Path (Join-Path $folder 'CMakeLists.txt'))) {
            # Extract beside, then move into place: an interrupted extraction never looks complete.
            $staging = Join-Path $srcRoot "$commit.partial"
            if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
            New-Item -ItemType Directory -Force $staging | Out-Null
            Invoke-Native 'Extracting the whisper.cpp source' { tar -xzf $Source -C $staging }
            $top = @(Get-ChildItem $staging -Directory)
            if ($top.Count -ne 1) { throw "$Source does not hold one top folder." }
            if (Test-Path $folder) { Remove-Item $folder -Recurse -Force }
            Move-Item $top[0].FullName $folder
            Remove-Item $staging -Recurse -Force
        }
        return [pscustomobject]@{ Folder = $folder; Commit = $commit }
    }
    # A folder: a git checkout says its commit; otherwise the version in CMakeLists.txt must match.
    $cmakeLists = Join-Path $Source 'CMakeLists.txt'
    if (-not (Test-Path $cmakeLists)) { throw "-WhisperCppSource: $Source holds no CMakeLists.txt; give whisper.cpp's source folder or tarball." }
    $commit = $null
    if ((Test-Path (Join-Path $Source '.git')) -and (Get-Command git -ErrorAction Ignore)) {
        $commit = (git -C $Source rev-parse HEAD 2>$null)
        if ($commit -and $commit -ne $WhisperCppCommit) {
            throw "-WhisperCppSource: $Source is at commit $commit, not v$WhisperCppVersion ($WhisperCppCommit). Whisper.net 1.9.1 binds v$WhisperCppVersion only."
        }
    }
    if ((Get-Content -Raw $cmakeLists) -notmatch "project\(\s*`"?whisper\.cpp`"?\s+VERSION\s+$([regex]::Escape($WhisperCppVersion))\b") {
        throw "-WhisperCppSource: $Source is not whisper.cpp v$WhisperCppVersion (CMakeLists.txt declares another version). Whisper.net 1.9.1 binds v$WhisperCppVersion only."
    }
    [pscustomobject]@{ Folder = $Source; Commit = $commit }
}

function Get-CpuDescription {
    $lines = @(if (Test-Path /proc/cpuinfo) { Get-Content /proc/cpuinfo -TotalCount 64 })
    $model = ($lines | Where-Object { $_ -match '^model name\s*:' } | Select-Object -First 1) -replace '^[^:]*:\s*', ''
    $flags = ($lines | Where-Object { $_ -match '^flags\s*:' } | Select-Object -First 1) -replace '^[^:]*:\s*', ''
    [pscustomobject]@{ Model = $model; Flags = @($flags -split '\s+' | Where-Object { $_ }) }
}

function Build-Avx512Fp16Module([string] $SourceFolder) {
    <# One more CPU backend for the portable runtime: the zen4 variant's instruction sets plus
       AVX512-FP16, which none of ggml's variants uses and which a -march=native build uses on CPUs
       that have it (1.5x on base.en here, bench/RESULTS.md). Returns the module's path, or null with
       a warning when this compiler cannot build it (the runtime is complete without it). #>
    $dir = Join-Path $out 'native/build-portable-avx512fp16'
    $log = Join-Path $dir 'ytpipe-build.log'
    New-Item -ItemType Directory -Force $dir | Out-Null
    $cmakeArgs = @(
        '-S', (Join-Path $root 'build/native'), '-B', $dir,
        "-DWHISPER_CPP_SOURCE=$SourceFolder", '-DCMAKE_BUILD_TYPE=Release', '-DWHISPER_BUILD_EXAMPLES=OFF',
        '-DGGML_NATIVE=OFF', '-DGGML_BACKEND_DL=ON', '-DGGML_CPU_ALL_VARIANTS=OFF',
        # ggml's zen4 list: these also go into the module's own check (ggml_backend_score).
        '-DGGML_SSE42=ON', '-DGGML_AVX=ON', '-DGGML_F16C=ON', '-DGGML_FMA=ON', '-DGGML_AVX2=ON', '-DGGML_BMI2=ON',
        '-DGGML_AVX512=ON', '-DGGML_AVX512_VBMI=ON', '-DGGML_AVX512_VNNI=ON', '-DGGML_AVX512_BF16=ON',
        '-DYTPIPE_CPU_EXTRA_FLAGS=-mavx512fp16'
    )
    Write-Host "Building the AVX512-FP16 CPU module in $dir (log: $log)"
    & { cmake @cmakeArgs; if ($LASTEXITCODE -eq 0) { cmake --build $dir --config Release -j ([Environment]::ProcessorCount) --target ggml-cpu } } *> $log
    $built = Get-ChildItem $dir -Recurse -Filter 'libggml-cpu-whisper.so' -File -ErrorAction Ignore | Select-Object -First 1
    if ($LASTEXITCODE -ne 0 -or -not $built) {
        Write-Warning "The AVX512-FP16 CPU module did not build (a compiler without -mavx512fp16 needs GCC 12 or Clang 14); the portable runtime goes without it. Log: $log"
        return $null
    }
    $built.FullName
}

function Invoke-NativeRuntime {
    <# -Portable: every x64 CPU variant as a ggml backend module (GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS),
       the best loaded at start, so the runtime suits any x64 CPU; otherwise for this CPU only. #>
    param([string] $Source, [string] $Destination, [switch] $WithCli, [switch] $Portable)
    if ($Portable -and $WithCli) { throw '-WhisperCli builds with the native runtime, not with -Portable.' }
    if (-not $IsLinux) { throw 'The NativeRuntime task builds for Linux only for now; elsewhere the module uses Whisper.net''s own runtime.' }
    Assert-NativeToolchain
    $started = Get-Date
    $src = Resolve-WhisperCppSource $Source
    $rid = 'linux-' + [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()

    # One build folder per kind, reused: cmake rebuilds only what changed, so a second run takes seconds.
    $buildDir = Join-Path $out $(if ($Portable) { 'native/build-portable' } else { 'native/build' })
    $cmakeArgs = @(
        '-S', (Join-Path $root 'build/native'), '-B', $buildDir,
        "-DWHISPER_CPP_SOURCE=$($src.Folder)", '-DCMAKE_BUILD_TYPE=Release',
        "-DWHISPER_BUILD_EXAMPLES=$(if ($WithCli) { 'ON' } else { 'OFF' })"
    ) + $(if ($Portable) {
        # The core libraries for any x64 CPU; the CPU code in 14 modules, one per instruction-set level.
        '-DGGML_NATIVE=OFF', '-DGGML_BACKEND_DL=ON', '-DGGML_CPU_ALL_VARIANTS=ON'
    }
    else {
        # whisper.cpp's default: GGML_NATIVE (-march=native), what the CLI built from source uses.
        '-DGGML_NATIVE=ON', '-DGGML_BACKEND_DL=OFF', '-DGGML_CPU_ALL_VARIANTS=OFF'
    })
    # The compiler's output (thousands of lines of ggml warnings) goes to a log, shown on failure.
    New-Item -ItemType Directory -Force $buildDir | Out-Null
    $log = Join-Path $buildDir 'ytpipe-build.log'
    $targets = @('whisper') + @(if ($WithCli) { 'whisper-cli' })
    $jobs = [Environment]::ProcessorCount
    Write-Host "Building whisper.cpp v$WhisperCppVersion $(if ($Portable) { 'for every x64 CPU variant' } else { 'for this CPU' }) in $buildDir (log: $log)"
    & { cmake @cmakeArgs; if ($LASTEXITCODE -eq 0) { cmake --build $buildDir --config Release -j $jobs --target @targets } } *> $log
    if ($LASTEXITCODE -ne 0) {
        Get-Content $log -Tail 30 | Out-Host
        throw "Building whisper.cpp failed (exit code $LASTEXITCODE); the full log is $log."
    }

    if (-not $Destination) { $Destination = Join-Path $moduleDir 'Dependencies/native' }
    $Destination = [IO.Path]::GetFullPath($Destination)
    # Stage beside the destination and swap: a failed copy never leaves half a runtime in use.
    $staging = "$Destination.partial"
    if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
    $libDir = Join-Path $staging "runtimes/$rid"
    New-Item -ItemType Directory -Force $libDir | Out-Null
    # A portable build has no ggml-cpu-whisper: Whisper.net loads it only when present, and ggml
    # would take it for one more variant (its name starts with libggml-cpu-).
    $names = @('whisper', 'ggml-whisper', 'ggml-base-whisper') + @(if (-not $Portable) { 'ggml-cpu-whisper' })
    foreach ($name in $names) {
        $built = Get-ChildItem $buildDir -Recurse -Filter "lib$name.so" | Select-Object -First 1
        if (-not $built) { throw "The build made no lib$name.so." }
        # The file itself, not the symlink chain: Whisper.net opens lib<name>.so by that name.
        Copy-Item ($built.ResolveLinkTarget($true) ?? $built).FullName (Join-Path $libDir "lib$name.so")
    }
    if ($Portable) {
        # ggml scans the folder for libggml-cpu-<variant>.so; they are modules, without version links.
        $variants = @(Get-ChildItem $buildDir -Recurse -Filter 'libggml-cpu-*.so' -File)
        if ($variants.Count -eq 0) { throw 'The portable build made no libggml-cpu-<variant>.so.' }
        $variants | Copy-Item -Destination $libDir
        if ($rid -eq 'linux-x64') {
            $fp16 = Build-Avx512Fp16Module -SourceFolder $src.Folder
            # Not named libggml-cpu-*: ggml's scan would weigh it like zen4 (its check cannot see
            # AVX512-FP16) and might load it on a CPU without it; the module loads it by name, after
            # checking /proc/cpuinfo itself.
            if ($fp16) { Copy-Item $fp16 (Join-Path $libDir 'libytpipe-ggml-cpu-avx512fp16.so') }
        }
    }
    $cpu = Get-CpuDescription
    [ordered]@{
        whisper_cpp_version = $WhisperCppVersion
        whisper_cpp_commit  = $src.Commit
        rid                 = $rid
        variant             = $(if ($Portable) { 'portable' } else { 'native' })
        cpu_model           = $cpu.Model
        # A portable build assumes nothing beyond x86-64 (ggml checks each variant's needs itself).
        cpu_flags           = @(if (-not $Portable) { $cpu.Flags })
        built               = (Get-Date).ToUniversalTime().ToString('o')
    } | ConvertTo-Json | Set-Content -Path (Join-Path $staging 'ytpipe-runtime.json') -Encoding utf8
    $old = "$Destination.old"
    if (Test-Path $old) { Remove-Item $old -Recurse -Force }
    if (Test-Path $Destination) { Move-Item $Destination $old }
    Move-Item $staging $Destination
    if (Test-Path $old) { Remove-Item $old -Recurse -Force }

    $elapsed = (Get-Date) - $started
    Write-Host "Installed the $(if ($Portable) { 'portable' } else { 'native' }) whisper.cpp v$WhisperCppVersion runtime $(if ($Portable) { 'for any x64 CPU' } else { "for $($cpu.Model)" }) into $Destination ($([int]$elapsed.TotalSeconds) s)."
    if ($WithCli) { Write-Host "whisper-cli: $(Join-Path $buildDir 'bin/whisper-cli')" }
}
