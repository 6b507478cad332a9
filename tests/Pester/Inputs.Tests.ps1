# Inputs reach ffmpeg intact, whatever their names, and a folder with link loops ends with each file once.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ModelDir = Join-Path $TestDrive 'models'
    $script:SavedModelDir = Use-TestModelFolder $ModelDir
    $script:Common = @{ Model = 'tiny.en'; BeamSize = 1 }
}

AfterAll {
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'A folder with link loops' -Skip:(-not $IsLinux) {
    BeforeAll {
        $script:Tree = Join-Path $TestDrive 'looped'
        New-TestTone (Join-Path $Tree 'one.wav') -Seconds 1 | Out-Null
        New-TestTone (Join-Path $Tree 'sub/two.wav') -Seconds 1 | Out-Null
        # sub/loop -> .. made 82 inputs; self -> . on top of it made the walk endless.
        New-Item -ItemType SymbolicLink -Path (Join-Path $Tree 'sub/loop') -Target '..' | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $Tree 'self') -Target '.' | Out-Null
        $script:Out = Join-Path $TestDrive 'looped-out'
    }

    AfterAll {
        # Pester's TestDrive cleanup recurses with the provider, which follows these links forever:
        # unlink them first (Directory.Delete on a link removes the link, not its target).
        foreach ($link in 'sub/loop', 'self') { [IO.Directory]::Delete((Join-Path $Tree $link), $false) }
    }

    It 'gives exactly its two real files under -WhatIf, and returns' {
        $lines = @(Invoke-ChildPwsh -Script "Invoke-YtTranscription -Path '$Tree' -ModelPath '$(Join-Path $ModelDir 'ggml-tiny.en.bin')' -WhatIf").Output
        $targets = @($lines | Where-Object { $_ -like 'What if:*' })

        $targets | Should -HaveCount 2
        $targets[0] | Should -BeLike "*$(Join-Path $Tree 'one.wav')*"
        $targets[1] | Should -BeLike "*$(Join-Path $Tree 'sub/two.wav')*"
    }

    It 'transcribes each real file once, with no transcripts down the loops' {
        $results = @(Invoke-YtTranscription -Path $Tree -OutputDirectory $Out -Workers 1 @Common)

        $results | Should -HaveCount 2
        $results.Status | Sort-Object -Unique | Should -Be 'Transcribed'
        $written = @(Get-ChildItem -LiteralPath $Out -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($Out, $_.FullName) } | Sort-Object)
        $written | Should -Be @('one.json', 'one.txt', 'sub/two.json', 'sub/two.txt')
    }
}

Describe 'File names that a command line could mangle' {
    BeforeAll {
        $script:Awkward = Join-Path $TestDrive 'awkward'
        New-Item -ItemType Directory -Force $Awkward | Out-Null
        $names = @('quote"d.wav', 'back\slash.wav', '-dash.wav', 'dollar $HOME ''single''.wav', 'ünïcödé ✓.wav')
        if ($IsLinux) { $names += "new`nline.wav" }
        $script:Names = $names
        $clip = New-TestSpeech (Join-Path $TestDrive 'clip.wav')
        foreach ($name in $names) {
            # .NET rather than the provider: on Unix PowerShell would read the backslash as a separator.
            [IO.File]::Copy($clip.FullName, [IO.Path]::Combine($Awkward, $name))
        }
        $script:Out = Join-Path $TestDrive 'awkward-out'
        $script:Results = @(Invoke-YtTranscription -Path $Awkward -OutputDirectory $Out -Workers 1 @Common -ErrorVariable errs -ErrorAction SilentlyContinue)
        $script:Errors = @($errs)
    }

    It 'decodes and transcribes every one of them' {
        $Errors | Should -BeNullOrEmpty
        $Results | Should -HaveCount $Names.Count
        $Results.Status | Sort-Object -Unique | Should -Be 'Transcribed'
        ($Results.Path | ForEach-Object { [IO.Path]::GetFileName($_) } | Sort-Object) | Should -Be ($Names | Sort-Object)
    }

    It 'writes each transcript under the file''s own name' {
        foreach ($name in $Names) {
            [IO.File]::Exists([IO.Path]::Combine($Out, [IO.Path]::ChangeExtension($name, '.json'))) | Should -BeTrue -Because $name
        }
    }

    It 'takes quote"d.wav named alone with -LiteralPath' {
        $r = Invoke-YtTranscription -LiteralPath (Join-Path $Awkward 'quote"d.wav') -OutputDirectory (Join-Path $TestDrive 'alone') @Common
        $r.Status | Should -Be 'Transcribed'
        $r.Duration.TotalSeconds | Should -BeGreaterThan 1
    }
}
