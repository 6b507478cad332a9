# -ShortClip Pack through the cmdlet: short files of one call share a window, and each still gets its own result and transcripts.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ModelDir = Join-Path $TestDrive 'models'
    $script:SavedModelDir = Use-TestModelFolder $ModelDir
}

AfterAll {
    $env:YTPIPE_MODEL_DIR = $script:SavedModelDir
}

Describe 'Invoke-YtTranscription -ShortClip Pack' {
    It 'transcribes three one-second files as three results, each with its own transcripts' {
        $in = Join-Path $TestDrive 'clips'
        $clips = 1..3 | ForEach-Object { New-TestTone (Join-Path $in "clip$_.wav") -Seconds 1 }
        $out = Join-Path $TestDrive 'out'

        $results = @(Invoke-YtTranscription -LiteralPath $clips.FullName -Model tiny.en -BeamSize 1 -ShortClip Pack -OutputDirectory $out -OutputFormat Json, Txt)

        $results.Count | Should -Be 3
        $results.Status | Should -Be @('Transcribed', 'Transcribed', 'Transcribed')
        ($results.Path | Sort-Object) | Should -Be ($clips.FullName | Sort-Object)
        $results | ForEach-Object { $_.Duration | Should -Be ([TimeSpan]::FromSeconds(1)); $_.OutputFiles.Count | Should -Be 2 }
        foreach ($clip in $clips) {
            $json = Join-Path $out "$($clip.BaseName).json"
            $json | Should -Exist
            Join-Path $out "$($clip.BaseName).txt" | Should -Exist
            (Get-Content -Raw $json | ConvertFrom-Json).duration | Should -Be 1
        }
    }
}
