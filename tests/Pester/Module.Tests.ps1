BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleDir = Get-TestModulePath
}

Describe 'The built module' {
    It 'imports in a fresh pwsh and exports its commands' {
        $child = Invoke-ChildPwsh '(Get-Command -Module YtPipe).Name | Sort-Object'
        $child.ExitCode | Should -Be 0
        $child.Error | Should -BeNullOrEmpty
        $child.Output | Should -Be 'ConvertTo-YtSubtitle', 'Get-YtGpu', 'Get-YtModel', 'Get-YtTranscriptionReport', 'Invoke-YtTranscription', 'Save-YtAudio', 'Save-YtModel', 'Start-YtPipeline'
    }

    It 'has a valid manifest that requires PowerShell 7.4 on Core' {
        $m = Test-ModuleManifest (Join-Path $ModuleDir 'YtPipe.psd1')
        $m.PowerShellVersion | Should -Be ([version]'7.4')
        $m.CompatiblePSEditions | Should -Be 'Core'
    }

    It 'has the manifest fields a gallery shows, and lists its exports explicitly' {
        $m = Test-ModuleManifest (Join-Path $ModuleDir 'YtPipe.psd1')
        $data = Import-PowerShellDataFile (Join-Path $ModuleDir 'YtPipe.psd1')
        $m.Guid | Should -Not -Be ([guid]::Empty)
        foreach ($field in 'Author', 'CompanyName', 'Copyright', 'Description') { $m.$field | Should -Not -BeNullOrEmpty -Because "$field is shown by Find-PSResource" }
        $m.Copyright | Should -Match 'MIT'
        # Wildcards in the export lists make PowerShell load the module to learn its commands.
        $data.CmdletsToExport | Should -Be @('Invoke-YtTranscription', 'Get-YtGpu', 'Save-YtAudio', 'Start-YtPipeline', 'Get-YtModel', 'Save-YtModel', 'ConvertTo-YtSubtitle', 'Get-YtTranscriptionReport')
        $data.Keys | Should -Contain 'FunctionsToExport'
        @($data.FunctionsToExport) -join '' | Should -Not -Match '\*'
        $data.FormatsToProcess | Should -HaveCount 3
        foreach ($f in $data.FormatsToProcess) { Join-Path $ModuleDir $f | Test-File | Should -BeTrue }
        $m.Tags | Should -Contain 'PSEdition_Core'
        $m.LicenseUri | Should -Not -BeNullOrEmpty
        $m.ProjectUri | Should -Not -BeNullOrEmpty
        $m.ReleaseNotes | Should -Not -BeNullOrEmpty
        Join-Path $PSScriptRoot '../../LICENSE' | Test-File | Should -BeTrue
        Get-Content -Raw (Join-Path $PSScriptRoot '../../LICENSE') | Should -Match 'MIT License[\s\S]*YtPipe contributors'
    }

    It 'asks for no PowerShell newer than its manifest says: the cmdlets compile against PowerShellStandard 5.1 and .NET 8 (PowerShell 7.4''s runtime)' {
        # PowerShell 7.4 cannot be installed here (NuGet serves only the 7.6.9 tool), so the claim
        # PowerShellVersion = 7.4 rests on what the assemblies reference, checked here.
        foreach ($dll in (Join-Path $ModuleDir 'YtPipe.PowerShell.dll'), (Join-Path $ModuleDir 'Dependencies/YtPipe.Core.dll')) {
            # Read as metadata, not loaded: the module's own copies are already loaded in this process.
            $stream = [IO.File]::OpenRead($dll)
            try {
                $reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([Reflection.PortableExecutable.PEReader]::new($stream))
                $references = foreach ($h in $reader.AssemblyReferences) { $r = $reader.GetAssemblyReference($h); [pscustomobject]@{ Name = $reader.GetString($r.Name); Version = $r.Version } }
            }
            finally { $stream.Dispose() }
            [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($dll)) | Should -Match ([regex]::Escape('.NETCoreApp,Version=v8.0')) -Because "$dll targets net8.0"
            $sma = $references | Where-Object Name -eq 'System.Management.Automation'
            if ($sma) { $sma.Version | Should -Be ([version]'3.0.0.0') -Because 'PowerShellStandard.Library 5.1 is the surface every PowerShell 7 has' }
        }
        (Test-ModuleManifest (Join-Path $ModuleDir 'YtPipe.psd1')).PowerShellVersion | Should -Be ([version]'7.4')
    }

    It 'carries the one version of Directory.Build.props in its manifest and its assemblies' {
        $props = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Build.props'))
        $version = [version]($props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ } | Select-Object -First 1)
        (Test-ModuleManifest (Join-Path $ModuleDir 'YtPipe.psd1')).Version | Should -Be $version
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModuleDir 'YtPipe.PowerShell.dll'))
        $assembly.Version.ToString(3) | Should -Be $version.ToString(3)
    }

    It 'keeps the engine and its native runtimes under Dependencies, and ships no System.Management.Automation' {
        Join-Path $ModuleDir 'YtPipe.PowerShell.dll' | Test-File | Should -BeTrue
        foreach ($dll in 'YtPipe.Core.dll', 'Whisper.net.dll', 'FFMpegCore.dll') {
            Join-Path $ModuleDir "Dependencies/$dll" | Test-File | Should -BeTrue
            Join-Path $ModuleDir $dll | Test-File | Should -BeFalse
        }
        Join-Path $ModuleDir 'Dependencies/runtimes/linux-x64/libwhisper.so' | Test-File | Should -BeTrue
        Join-Path $ModuleDir 'Dependencies/runtimes/win-x64/whisper.dll' | Test-File | Should -BeTrue
        Get-ChildItem $ModuleDir -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'loads the engine into its own load context, not the default one' {
        $child = Invoke-ChildPwsh @'
# Completing -Model reads the model folder through the engine, which loads it.
$line = 'Invoke-YtTranscription -Model '
$null = TabExpansion2 -inputScript $line -cursorColumn $line.Length
$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YtPipe.Core' }
[Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Name
'@
        $child.Output | Should -Be 'YtPipe.Dependencies'
    }
}

Describe 'Help and tab completion' {
    BeforeAll {
        Import-Module $ModuleDir -Force
    }

    It 'has a synopsis, a description and examples for <_>' -ForEach @('Invoke-YtTranscription', 'Get-YtGpu', 'Get-YtModel', 'Save-YtModel', 'Save-YtAudio', 'Start-YtPipeline', 'ConvertTo-YtSubtitle', 'Get-YtTranscriptionReport') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$_\s"
        $help.description | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
    }

    It 'exports exactly the documented commands' {
        (Get-Command -Module YtPipe).Name | Sort-Object | Should -Be @('ConvertTo-YtSubtitle', 'Get-YtGpu', 'Get-YtModel', 'Get-YtTranscriptionReport', 'Invoke-YtTranscription', 'Save-YtAudio', 'Save-YtModel', 'Start-YtPipeline')
    }

    It 'documents every parameter of <_>' -ForEach @('Invoke-YtTranscription', 'Get-YtModel', 'Save-YtModel', 'Save-YtAudio', 'Start-YtPipeline', 'ConvertTo-YtSubtitle', 'Get-YtTranscriptionReport') {
        $help = Get-Help $_ -Full
        $common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters
        $parameters = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }
        foreach ($name in $parameters) {
            $p = $help.parameters.parameter | Where-Object name -eq $name
            $p | Should -Not -BeNullOrEmpty -Because "-$name needs help"
            ($p.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }

    It 'has the about_YtPipe topic, covering <_>' -ForEach @('YTPIPE_MODEL_DIR', 'Strategies', 'ParallelCpu', 'MultiGpu', 'Models', 'Output layout', 'manifest.jsonl', 'Exit codes', 'exit \[int\]', 'Memory', 'Install-PSResource') {
        (Get-Help about_YtPipe | Out-String) | Should -Match $_
    }

    It 'gives every parameter of <_> its type, default, pipeline input and wildcard support in Get-Help -Full' -ForEach @('Invoke-YtTranscription', 'Get-YtModel', 'Save-YtModel', 'Save-YtAudio', 'Start-YtPipeline', 'ConvertTo-YtSubtitle', 'Get-YtTranscriptionReport') {
        $text = Get-Help $_ -Full | Out-String -Width 300
        $help = Get-Help $_ -Full
        $common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $p = $help.parameters.parameter | Where-Object name -eq $name
            $p.type.name | Should -Not -BeNullOrEmpty -Because "-$name needs a type"
            $p.defaultValue | Should -Not -BeNullOrEmpty -Because "-$name needs a default"
            $p.pipelineInput | Should -Match '^(True|False)' -Because "-$name needs its pipeline input"
            $p.globbing | Should -Match '^(true|false)$' -Because "-$name needs its wildcard support"
            $text | Should -Match "-$name <?" -Because "-$name is shown"
        }
        $text | Should -Match 'Accept wildcard characters\?'
        $text | Should -Match 'Default value'
    }

    It 'says -Path of Invoke-YtTranscription takes wildcards and the pipeline, and -LiteralPath takes no wildcards' {
        $params = (Get-Help Invoke-YtTranscription -Full).parameters.parameter
        $path = $params | Where-Object name -eq 'Path'
        $path.globbing | Should -Be 'true'
        $path.pipelineInput | Should -Match 'ByValue'
        ($params | Where-Object name -eq 'LiteralPath').globbing | Should -Be 'false'
        ($params | Where-Object name -eq 'OutputFormat').defaultValue | Should -Be 'Json, Txt'
    }

    It 'documents the dynamic download parameters of <_> with their types' -ForEach @('Save-YtAudio', 'Start-YtPipeline') {
        $params = (Get-Help $_ -Full).parameters.parameter
        ($params | Where-Object name -eq 'MaxItems').type.name | Should -Match 'Int32'
        ($params | Where-Object name -eq 'CookiesFromBrowser').type.name | Should -Be 'String'
    }

    It 'completes -<Parameter> <Typed> with <Expected>' -ForEach @(
        @{ Parameter = 'Model'; Typed = 'ba'; Expected = 'base.en' }
        @{ Parameter = 'Language'; Typed = 'e'; Expected = 'en' }
        @{ Parameter = 'OutputFormat'; Typed = 'S'; Expected = 'Srt' }
    ) {
        $line = "Invoke-YtTranscription -$Parameter $Typed"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
    }

    It 'completes <Line> with <Expected>' -ForEach @(
        @{ Line = 'Get-YtModel ba'; Expected = 'base.en' }
        @{ Line = 'Save-YtModel -Name large-v3-t'; Expected = 'large-v3-turbo' }
        @{ Line = 'Start-YtPipeline x -Model sm'; Expected = 'small.en' }
        @{ Line = 'Start-YtPipeline x -Language d'; Expected = 'de' }
        @{ Line = 'Start-YtPipeline x -OutputFormat V'; Expected = 'Vtt' }
        # Download parameters are dynamic (DownloadParameters); completion must reach them too.
        @{ Line = 'Save-YtAudio x -CookiesFromBrowser fi'; Expected = 'firefox' }
        @{ Line = 'Start-YtPipeline x -CookiesFromBrowser chr'; Expected = 'chromium' }
    ) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
    }

    It 'completes -GpuIndex of <_> with the indexes Get-YtGpu lists, named in the list' -ForEach @('Invoke-YtTranscription', 'Start-YtPipeline x') -Skip:$IsWindows {
        $smi = Join-Path $TestDrive 'nvidia-smi'
        Set-Content -Path $smi -Value "#!/bin/sh`necho '0, NVIDIA GeForce RTX 3090, 24576, 23939, GPU-5ae9, 00000000:01:00.0, 550.54.15'`necho '1, NVIDIA RTX A4000, 16376, 16102, GPU-0b1d, 00000000:41:00.0, 550.54.15'"
        & chmod +x $smi
        $saved = $env:YTPIPE_NVIDIA_SMI
        $env:YTPIPE_NVIDIA_SMI = $smi
        try {
            $line = "$_ -GpuIndex "
            $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $found.CompletionText | Should -Be '0', '1'
            $found[1].ListItemText | Should -Be '1: NVIDIA RTX A4000'
            $env:YTPIPE_NVIDIA_SMI = Join-Path $TestDrive 'no-such-nvidia-smi'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Should -BeNullOrEmpty
        }
        finally { $env:YTPIPE_NVIDIA_SMI = $saved }
    }

    It 'completes -Model with installed models the catalog does not know' {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'models') -Force
        Set-Content (Join-Path $dir 'ggml-my-finetune.bin') 'x'
        $saved = $env:YTPIPE_MODEL_DIR
        $env:YTPIPE_MODEL_DIR = $dir.FullName
        try {
            $line = 'Invoke-YtTranscription -Model my'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'my-finetune'
        }
        finally { $env:YTPIPE_MODEL_DIR = $saved }
    }
}
