# Get-YtModel, Save-YtModel and downloads by Invoke-YtTranscription, against a loopback server and a test catalog.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Saved = @{}
    foreach ($v in 'YTPIPE_MODEL_DIR', 'YTPIPE_MODEL_CATALOG', 'YTPIPE_MODEL_BASE_URL', 'YTPIPE_MODEL_TOKEN', 'HF_TOKEN') {
        $Saved[$v] = [Environment]::GetEnvironmentVariable($v)
        [Environment]::SetEnvironmentVariable($v, $null)
    }

    # The served files: weightless models (real header, no weights), an f16 and a q8_0 variant of tiny.en.
    $script:Server = Start-TestServer -Root (Join-Path $TestDrive 'www')
    $models = New-Item -ItemType Directory (Join-Path $Server.Root 'models')
    $tiny = Get-WeightlessModel -Folder $models.FullName
    $bytes = [IO.File]::ReadAllBytes($tiny)
    [BitConverter]::GetBytes([int]7).CopyTo($bytes, 44)    # ftype (11th header field) = q8_0
    [IO.File]::WriteAllBytes((Join-Path $models 'ggml-tiny.en-q8_0.bin'), $bytes)
    Copy-Item $tiny (Join-Path $models 'ggml-broken.bin')
    Copy-Item $tiny (Join-Path $models 'ggml-nosum.bin')
    Set-Content (Join-Path $models 'ggml-notmodel.bin') '<!doctype html><html><body>Sign in to continue</body></html>'

    function script:Get-Sha1([string] $Path) { (Get-FileHash -Algorithm SHA1 $Path).Hash.ToLowerInvariant() }
    $script:TinySha1 = Get-Sha1 $tiny
    $catalog = @{
        baseUrl = "$($Server.Url)/models/"
        models  = @(
            @{ name = 'tiny.en'; sizeMiB = 1; sha1 = $TinySha1 }
            @{ name = 'tiny.en-q8_0'; sizeMiB = 1; sha1 = (Get-Sha1 (Join-Path $models 'ggml-tiny.en-q8_0.bin')) }
            @{ name = 'broken'; sizeMiB = 1; sha1 = '0000000000000000000000000000000000000000' }
            @{ name = 'nosum'; sizeMiB = 1 }
            @{ name = 'notmodel'; sizeMiB = 1 }
        )
    }
    $script:CatalogPath = Join-Path $TestDrive 'catalog.json'
    $catalog | ConvertTo-Json -Depth 4 | Set-Content $CatalogPath
    $env:YTPIPE_MODEL_CATALOG = $CatalogPath

    $script:Speech = New-TestSpeech (Join-Path $TestDrive 'speech/hello.wav') -Text 'Hello, models.'
    $script:Cmd = 'YtPipe.PowerShell.Commands'
    $script:Folders = 0
    function script:New-ModelFolder {
        <# A fresh, empty model folder per test, set as $env:YTPIPE_MODEL_DIR. #>
        $script:Folders++
        $env:YTPIPE_MODEL_DIR = (New-Item -ItemType Directory (Join-Path $TestDrive "modeldir$Folders")).FullName
        $env:YTPIPE_MODEL_DIR
    }
    function script:Get-ModelRequest([string] $File) {
        @(Get-TestServerRequest $Server | Where-Object { $_.path -eq "/models/$File" -and $_.method -eq 'GET' })
    }
    function script:Get-Leftover([string] $Folder) {
        @(Get-ChildItem $Folder -Force | Where-Object { $_.Name -like '*.partial' -or $_.Name -like '*.lock' })
    }
}

AfterAll {
    Stop-TestServer $Server
    foreach ($v in $Saved.Keys) { [Environment]::SetEnvironmentVariable($v, $Saved[$v]) }
}

Describe 'Get-YtModel' {
    It 'lists the catalog with installed state and path' {
        $dir = New-ModelFolder
        Copy-Item (Join-Path $Server.Root 'models/ggml-tiny.en.bin') $dir
        $all = @(Get-YtModel)
        $all.Name | Should -Be 'tiny.en', 'tiny.en-q8_0', 'broken', 'nosum', 'notmodel'
        $tiny = $all | Where-Object Name -eq 'tiny.en'
        $tiny | Should -BeOfType ([YtPipe.PowerShell.ModelInfo])
        $tiny.Installed | Should -BeTrue
        $tiny.Path | Should -Be (Join-Path $dir 'ggml-tiny.en.bin')
        $tiny.Languages | Should -Be 'en'
        ($all | Where-Object Name -eq 'tiny.en-q8_0').Precision | Should -Be 'q8_0'
        ($all | Where-Object Name -eq 'tiny.en-q8_0').Installed | Should -BeFalse
    }

    It 'lists with -Installed what is on disk, files the catalog does not know included' {
        $dir = New-ModelFolder
        Copy-Item (Join-Path $Server.Root 'models/ggml-tiny.en.bin') $dir
        Copy-Item (Join-Path $Server.Root 'models/ggml-tiny.en.bin') (Join-Path $dir 'ggml-my-finetune.bin')
        $installed = @(Get-YtModel -Installed)
        $installed.Name | Should -Be 'tiny.en', 'my-finetune'
        ($installed | Where-Object Name -eq 'my-finetune').InCatalog | Should -BeFalse
    }

    It 'filters by wildcard, and suggests the closest names for an unknown one' {
        $null = New-ModelFolder
        (Get-YtModel 'tiny*').Name | Should -Be 'tiny.en', 'tiny.en-q8_0'
        Get-YtModel 'tiny.em' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "ModelUnknown,$Cmd.GetYtModelCommand"
        $err[0].ErrorDetails.Message | Should -Match 'Did you mean tiny\.en'
    }

    It 'reads the built-in catalog with the whisper.cpp models and their SHA-1' {
        $env:YTPIPE_MODEL_CATALOG = $null
        try {
            $builtIn = @(Get-YtModel)
            foreach ($n in 'tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en', 'medium', 'medium.en', 'large-v1', 'large-v2', 'large-v3', 'large-v3-turbo', 'large-v3-turbo-q5_0', 'base-q8_0') {
                $builtIn.Name | Should -Contain $n
            }
            ($builtIn | Where-Object Name -eq 'base.en').Sha1 | Should -Be '137c40403d78fd54d454da0f9bd998f78703390c'
            ($builtIn | Where-Object Name -eq 'base.en').Url | Should -Be 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin'
            ($builtIn | Where-Object Kind -eq 'vad').Name | Should -Match 'silero'
        }
        finally { $env:YTPIPE_MODEL_CATALOG = $CatalogPath }
    }
}

Describe 'Save-YtModel' {
    BeforeEach { Set-TestServerControl $Server @{} }

    It 'downloads, verifies the SHA-1 and installs the model, leaving nothing else behind' {
        $dir = New-ModelFolder
        $out = @(Save-YtModel -Name tiny.en -Verbose 4>&1)
        $info = $out | Where-Object { $_ -is [YtPipe.PowerShell.ModelInfo] }
        $info.Installed | Should -BeTrue
        Get-Sha1 (Join-Path $dir 'ggml-tiny.en.bin') | Should -Be $TinySha1
        ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'SHA-1 of tiny\.en verified'
        Get-Leftover $dir | Should -BeNullOrEmpty
    }

    It 'resumes after a dropped connection, and never leaves a partial file under the final name' {
        $dir = New-ModelFolder
        Set-TestServerControl $Server @{ drop = @{ '/models/ggml-tiny.en.bin' = 200000 } }
        Save-YtModel -Name tiny.en -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "ModelDownloadFailed,$Cmd.SaveYtModelCommand"
        Join-Path $dir 'ggml-tiny.en.bin' | Test-File | Should -BeFalse
        $partial = Get-Item (Join-Path $dir 'ggml-tiny.en.bin.partial')
        $partial.Length | Should -Be 200000
        (Save-YtModel -Name tiny.en).Installed | Should -BeTrue
        Get-Sha1 (Join-Path $dir 'ggml-tiny.en.bin') | Should -Be $TinySha1
        (Get-ModelRequest 'ggml-tiny.en.bin')[-1].headers.Range | Should -Be 'bytes=200000-'
        Get-Leftover $dir | Should -BeNullOrEmpty
    }

    It 'deletes a download whose SHA-1 does not match, with ModelChecksumMismatch' {
        $dir = New-ModelFolder
        Save-YtModel -Name broken -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "ModelChecksumMismatch,$Cmd.SaveYtModelCommand"
        @(Get-ChildItem $dir -Force) | Should -BeNullOrEmpty
    }

    It 'checks the header of a model without a published checksum, and refuses one that is not a model' {
        $dir = New-ModelFolder
        (Save-YtModel -Name nosum).Installed | Should -BeTrue
        Save-YtModel -Name notmodel -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "ModelInvalid,$Cmd.SaveYtModelCommand"
        Join-Path $dir 'ggml-notmodel.bin' | Test-File | Should -BeFalse
        Get-Leftover $dir | Should -BeNullOrEmpty
    }

    It 'does not download an installed model again unless -Force, and -WhatIf downloads nothing' {
        $dir = New-ModelFolder
        Save-YtModel -Name tiny.en -WhatIf
        Join-Path $dir 'ggml-tiny.en.bin' | Test-File | Should -BeFalse
        $before = (Get-ModelRequest 'ggml-tiny.en.bin').Count
        Save-YtModel -Name tiny.en | Out-Null
        Save-YtModel -Name tiny.en | Out-Null
        (Get-ModelRequest 'ggml-tiny.en.bin').Count | Should -Be ($before + 1)
        Save-YtModel -Name tiny.en -Force | Out-Null
        (Get-ModelRequest 'ggml-tiny.en.bin').Count | Should -Be ($before + 2)
    }

    It 'takes models from the pipeline, as Get-YtModel emits them' {
        $dir = New-ModelFolder
        $saved = @(Get-YtModel 'tiny.en*' | Where-Object { -not $_.Installed } | Save-YtModel)
        $saved.Name | Should -Be 'tiny.en', 'tiny.en-q8_0'
        $saved.Installed | Sort-Object -Unique | Should -BeTrue
        Join-Path $dir 'ggml-tiny.en-q8_0.bin' | Test-File | Should -BeTrue
    }

    It 'reports an unknown name as ModelUnknown with the closest names' {
        $null = New-ModelFolder
        Save-YtModel -Name 'tiny-en' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "ModelUnknown,$Cmd.SaveYtModelCommand"
        $err[0].ErrorDetails.Message | Should -Match 'tiny\.en'
    }

    It 'reports a model folder that cannot be written as ModelFolderNotWritable' {
        $file = New-Item -ItemType File (Join-Path $TestDrive 'a-file')
        $env:YTPIPE_MODEL_DIR = Join-Path $file.FullName 'models'
        Save-YtModel -Name tiny.en -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "ModelFolderNotWritable,$Cmd.SaveYtModelCommand"
    }

    It 'reports a full disk as DiskFull and keeps no file under the final name' -Skip:(-not (Test-Path /dev/full)) {
        $dir = New-ModelFolder
        # The partial file is /dev/full, where every write fails with ENOSPC.
        New-Item -ItemType SymbolicLink -Path (Join-Path $dir 'ggml-tiny.en.bin.partial') -Target /dev/full | Out-Null
        Save-YtModel -Name tiny.en -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "DiskFull,$Cmd.SaveYtModelCommand"
        Join-Path $dir 'ggml-tiny.en.bin' | Test-File | Should -BeFalse
    }

    It 'reports a server that cannot be reached as ModelDownloadFailed' {
        $null = New-ModelFolder
        $env:YTPIPE_MODEL_BASE_URL = 'http://127.0.0.1:9/models/'
        try {
            Save-YtModel -Name tiny.en -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be "ModelDownloadFailed,$Cmd.SaveYtModelCommand"
        }
        finally { $env:YTPIPE_MODEL_BASE_URL = $null }
    }

    It 'sends the token to the server and never to the verbose stream' {
        $null = New-ModelFolder
        Set-TestServerControl $Server @{ token = 's3cret-t0ken' }
        Save-YtModel -Name tiny.en -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].ErrorDetails.Message | Should -Match 'token'
        $env:YTPIPE_MODEL_TOKEN = 's3cret-t0ken'
        try { $out = @(Save-YtModel -Name tiny.en -Verbose *>&1) }
        finally { $env:YTPIPE_MODEL_TOKEN = $null }
        ($out | Where-Object { $_ -is [YtPipe.PowerShell.ModelInfo] }).Installed | Should -BeTrue
        ($out | Out-String) | Should -Not -Match 's3cret'
        (Get-ModelRequest 'ggml-tiny.en.bin')[-1].headers.Authorization | Should -Be 'Bearer s3cret-t0ken'
    }

    It 'goes through the proxy that HTTP_PROXY names' -Skip:$IsWindows {
        $dir = New-ModelFolder
        # A host that does not exist: only the proxy can answer for it.
        $child = Invoke-ChildPwsh 'Save-YtModel -Name tiny.en | Out-Null; "ok"' -Environment @{
            HTTP_PROXY = $Server.Url; YTPIPE_MODEL_BASE_URL = 'http://models.example.invalid/models/'; YTPIPE_MODEL_DIR = $dir; YTPIPE_MODEL_CATALOG = $CatalogPath
        }
        $child.Output | Should -Be 'ok' -Because $child.Error
        (Get-ModelRequest 'ggml-tiny.en.bin')[-1].proxied | Should -BeTrue
        Get-Sha1 (Join-Path $dir 'ggml-tiny.en.bin') | Should -Be $TinySha1
    }

    It 'downloads once when two processes ask for the same missing model at once' {
        $dir = New-ModelFolder
        Set-TestServerControl $Server @{ slow = @{ '/models/ggml-tiny.en.bin' = 400000 } }
        $before = (Get-ModelRequest 'ggml-tiny.en.bin').Count
        $env = @{ YTPIPE_MODEL_DIR = $dir; YTPIPE_MODEL_CATALOG = $CatalogPath }
        $script = '(Save-YtModel -Name tiny.en).Installed'
        $jobs = 1..2 | ForEach-Object { $psi = New-PwshStartInfo '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$(Get-TestModulePath)'; $script"
            $psi.RedirectStandardOutput = $true; foreach ($k in $env.Keys) { $psi.Environment[$k] = $env[$k] }; [Diagnostics.Process]::Start($psi) }
        $outputs = $jobs | ForEach-Object { $o = $_.StandardOutput.ReadToEnd(); $_.WaitForExit(); $o.Trim() }
        $outputs | Should -Be 'True', 'True'
        (Get-ModelRequest 'ggml-tiny.en.bin').Count | Should -Be ($before + 1)
        Get-Sha1 (Join-Path $dir 'ggml-tiny.en.bin') | Should -Be $TinySha1
    }
}

Describe 'Invoke-YtTranscription and models' {
    BeforeEach { Set-TestServerControl $Server @{} }

    It 'downloads a missing model first, then transcribes' {
        $dir = New-ModelFolder
        $r = Invoke-YtTranscription -Path $Speech.FullName -Model tiny.en -ComputeType Float16 -BeamSize 1 -OutputDirectory (Join-Path $TestDrive 'auto1')
        $r.Status | Should -Be 'Transcribed'
        $r.Model | Should -Be 'tiny.en'
        Join-Path $dir 'ggml-tiny.en.bin' | Test-File | Should -BeTrue
    }

    It 'prefers the q8_0 variant on CPU with -ComputeType Auto, and says why' {
        $null = New-ModelFolder
        $out = @(Invoke-YtTranscription -Path $Speech.FullName -Model tiny.en -BeamSize 1 -OutputDirectory (Join-Path $TestDrive 'auto2') -Verbose 4>&1)
        $r = $out | Where-Object { $_ -is [YtPipe.PowerShell.TranscriptionResult] }
        $r.Model | Should -Be 'tiny.en-q8_0'
        $r.ComputeType | Should -Be 'q8_0'
        ($out | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'Auto on CPU prefers q8_0'
    }

    It 'takes the seed''s Int8 spelling for Q8_0' {
        $dir = New-ModelFolder
        Copy-Item (Join-Path $Server.Root 'models/ggml-tiny.en-q8_0.bin') $dir
        Invoke-YtTranscription -Path $Speech.FullName -Model tiny.en -ComputeType Int8 -WhatIf -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Model *' } |
            ForEach-Object Message | Should -Match '^Model tiny\.en-q8_0: -ComputeType Q8_0'
    }

    It 'stops with ModelNotFound under -NoDownload, naming Save-YtModel, the file and $env:YTPIPE_MODEL_DIR' {
        $null = New-ModelFolder
        $before = (Get-ModelRequest 'ggml-tiny.en.bin').Count
        $err = { Invoke-YtTranscription -Path $Speech.FullName -Model tiny.en -ComputeType Float16 -NoDownload } |
            Should -Throw -ErrorId "ModelNotFound,$Cmd.InvokeYtTranscriptionCommand" -PassThru
        $err.ErrorDetails.Message | Should -Match 'Save-YtModel -Name tiny\.en'
        $err.ErrorDetails.Message | Should -Match 'ggml-tiny\.en\.bin'
        $err.ErrorDetails.Message | Should -Match 'YTPIPE_MODEL_DIR'
        (Get-ModelRequest 'ggml-tiny.en.bin').Count | Should -Be $before
    }

    It 'stops with ModelUnknown for a name neither installed nor in the catalog' {
        $null = New-ModelFolder
        { Invoke-YtTranscription -Path $Speech.FullName -Model 'tiny.em' } | Should -Throw -ErrorId "ModelUnknown,$Cmd.InvokeYtTranscriptionCommand"
    }

    It 'stops with ModelUnknown for a precision the catalog does not publish' {
        $null = New-ModelFolder
        $err = { Invoke-YtTranscription -Path $Speech.FullName -Model tiny.en -ComputeType Q4_0 } |
            Should -Throw -ErrorId "ModelUnknown,$Cmd.InvokeYtTranscriptionCommand" -PassThru
        $err.Exception.Message | Should -Match 'tiny\.en, tiny\.en-q8_0'
    }
}
