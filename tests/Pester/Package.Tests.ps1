# The package as an administrator meets it: packed from the built module (no rebuild), served by a
# folder registered as a repository, installed into a clean home by PSResourceGet and by
# PowerShellGet's Install-Module, imported by name in a fresh pwsh, and used for the main job.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'PwshJob.psm1') -Force
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Version = (Test-ModuleManifest (Join-Path (Get-TestModulePath) 'YtPipe.psd1')).Version

    $script:PackageDir = Join-Path $TestDrive 'package'
    $script:Nupkg = & (Join-Path $RepoRoot 'build/New-ModulePackage.ps1') -ModulePath (Get-TestModulePath) -DestinationPath $PackageDir -LicensePath (Join-Path $RepoRoot 'LICENSE')
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($Nupkg.FullName)
    try { $script:Entries = @($zip.Entries.FullName) } finally { $zip.Dispose() }

    # A folder is the whole repository; Install-PSResource reads .nupkg files from it.
    $script:Repository = New-Item -ItemType Directory (Join-Path $TestDrive 'repository')
    Copy-Item $Nupkg.FullName $Repository
}

Describe 'The package' {
    It 'is named YtPipe.<version>.nupkg after the manifest version' {
        $Nupkg.Name | Should -Be "YtPipe.$Version.nupkg"
    }

    It 'carries the native runtimes of every platform Whisper.net ships for' {
        foreach ($rid in 'linux-x64', 'linux-arm64', 'win-x64', 'win-arm64', 'macos-x64', 'macos-arm64') {
            $Entries | Where-Object { $_ -like "Dependencies/runtimes/$rid/*whisper*" } | Should -Not -BeNullOrEmpty -Because "$rid needs its native libraries"
        }
        $Entries | Should -Contain 'Dependencies/runtimes/linux-x64/libwhisper.so'
        $Entries | Should -Contain 'Dependencies/runtimes/win-x64/whisper.dll'
        $Entries | Should -Contain 'Dependencies/runtimes/macos-arm64/libwhisper.dylib'
    }

    It 'carries the module, its help, views and LICENSE, and nothing only for building' {
        foreach ($f in 'YtPipe.psd1', 'YtPipe.PowerShell.dll', 'YtPipe.format.ps1xml', 'en-US/YtPipe.PowerShell.dll-Help.xml', 'en-US/about_YtPipe.help.txt', 'LICENSE', 'Dependencies/YtPipe.Core.dll') {
            $Entries | Should -Contain $f
        }
        $Entries | Where-Object { $_ -match '\.(pdb|deps\.json|csproj|cs)$' -or $_ -like 'Dependencies/*.xml' -or $_ -like '*/runtimes/browser/*' -or $_ -like '*System.Management.Automation.dll' } |
            Should -BeNullOrEmpty
    }

    It 'installs with Install-PSResource from a folder repository and transcribes a clip in a fresh pwsh' {
        $userHome = New-Item -ItemType Directory (Join-Path $TestDrive 'home-psresourceget')
        $install = Invoke-PwshJob -UserHome $userHome -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name YtPipeLocal -Uri '$Repository' -Trusted
Install-PSResource -Name YtPipe -Repository YtPipeLocal -Scope CurrentUser -TrustRepository
(Get-InstalledPSResource -Name YtPipe).Version.ToString()
"@
        $install.Error | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0
        $install.Output | Should -Be $Version.ToString()

        $models = Join-Path $TestDrive 'models'
        Get-WeightlessModel -Folder $models | Out-Null
        $clip = New-TestSpeech (Join-Path $TestDrive 'media/clip.wav') -Text 'Hello there.'
        $run = Invoke-PwshJob -UserHome $userHome -Environment @{ YTPIPE_MODEL_DIR = $models } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module YtPipe
(Get-Module YtPipe).ModuleBase
`$r = Invoke-YtTranscription -LiteralPath '$($clip.FullName)' -Model tiny.en -BeamSize 1 -OutputDirectory '$(Join-Path $TestDrive 'transcripts')'
`$r.Status.ToString()
`$r.OutputFiles | Split-Path -Leaf
"@
        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output[0] | Should -BeLike "$userHome*YtPipe*$Version"
        $run.Output[1] | Should -Be 'Transcribed'
        $run.Output[2..3] | Should -Be 'clip.json', 'clip.txt'
        Join-Path $TestDrive 'transcripts/clip.json' | Test-File | Should -BeTrue
    }

    It 'installs with Install-Module from a folder repository' {
        $userHome = New-Item -ItemType Directory (Join-Path $TestDrive 'home-powershellget')
        $install = Invoke-PwshJob -UserHome $userHome -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSRepository -Name YtPipeLocal -SourceLocation '$Repository' -InstallationPolicy Trusted
# PowerShellGet 2 warns about its own null arrays on Linux; the install itself is what counts.
Install-Module -Name YtPipe -Repository YtPipeLocal -Scope CurrentUser -WarningAction SilentlyContinue
Import-Module YtPipe
(Get-Module YtPipe).ModuleBase
(Get-Command -Module YtPipe).Count
"@
        $install.Error | Should -BeNullOrEmpty
        $install.ExitCode | Should -Be 0
        $install.Output[0] | Should -BeLike "$userHome*YtPipe*$Version"
        $install.Output[1] | Should -Be @((Test-ModuleManifest (Join-Path (Get-TestModulePath) 'YtPipe.psd1')).ExportedCmdlets.Keys).Count
    }
}

Describe 'A whisper.cpp runtime in the built module' {
    BeforeAll {
        function New-ModuleWithRuntime([string] $Variant) {
            <# A copy of the module under test with Dependencies/native as build.ps1 -Task NativeRuntime installs it (manifest and library names; the libraries are empty files). #>
            $module = Join-Path $TestDrive "module-$Variant/YtPipe"
            Copy-Item -LiteralPath (Get-TestModulePath) -Destination $module -Recurse
            $libraries = New-Item -ItemType Directory -Force (Join-Path $module 'Dependencies/native/runtimes/linux-x64')
            foreach ($name in 'libwhisper.so', 'libggml-whisper.so', 'libggml-base-whisper.so', 'libggml-cpu-zen4.so') { Set-Content (Join-Path $libraries $name) '' }
            @{ whisper_cpp_version = '1.8.5'; rid = 'linux-x64'; variant = $Variant; cpu_flags = @() } | ConvertTo-Json |
                Set-Content (Join-Path $module 'Dependencies/native/ytpipe-runtime.json')
            $module
        }
        function Get-PackageEntries([string] $Module, [string] $Name) {
            $nupkg = & (Join-Path $RepoRoot 'build/New-ModulePackage.ps1') -ModulePath $Module -DestinationPath (Join-Path $TestDrive "package-$Name") -LicensePath (Join-Path $RepoRoot 'LICENSE') -WarningVariable warnings -WarningAction SilentlyContinue
            $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
            try { [pscustomobject]@{ Entries = @($zip.Entries.FullName); Warnings = @($warnings) } } finally { $zip.Dispose() }
        }
    }

    It 'ships when it is the portable one (every CPU variant)' {
        $package = Get-PackageEntries (New-ModuleWithRuntime 'portable') 'portable'
        $package.Entries | Should -Contain 'Dependencies/native/ytpipe-runtime.json'
        $package.Entries | Should -Contain 'Dependencies/native/runtimes/linux-x64/libggml-cpu-zen4.so'
        $package.Warnings | Should -BeNullOrEmpty
    }

    It 'stays out, with a warning naming -Portable, when it was built for this CPU only' {
        $module = New-ModuleWithRuntime 'native'
        $package = Get-PackageEntries $module 'native'
        $package.Entries | Where-Object { $_ -like 'Dependencies/native/*' } | Should -BeNullOrEmpty
        "$($package.Warnings)" | Should -BeLike '*built for this CPU only*-Portable*'
        Join-Path $module 'Dependencies/native/ytpipe-runtime.json' | Should -Exist -Because 'the built module itself is left as it was'
    }
}
