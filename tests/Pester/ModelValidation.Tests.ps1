# A model whisper.cpp would abort on is refused before it gets there: the shell that asked lives on.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Cmd = 'YtPipe.PowerShell.Commands.InvokeYtTranscriptionCommand'
}

Describe 'Invoke-YtTranscription with a model whose vocabulary lacks the " " token' {
    BeforeAll {
        # whisper.cpp 1.8.5 looks " " up with map::at on the first decoding step; without it,
        # std::out_of_range ends the whole process ("terminate called ...").
        $script:Model = (Get-GgmlModelWriter)::TinyEn.WithoutToken(' ').WriteTo((Join-Path $TestDrive 'ggml-nospace.bin'))
        $script:ModelHash = (Get-FileHash $Model).Hash
        $script:Clip = New-TestSpeech (Join-Path $TestDrive 'media/hello.wav') -Text 'Hello.'
        $script:Child = Invoke-ChildPwsh @"
try { Invoke-YtTranscription -Path '$($Clip.FullName)' -ModelPath '$Model' -BeamSize 1 -ErrorAction Stop | Out-Null; 'no error' }
catch { 'ErrorId: ' + `$_.FullyQualifiedErrorId; 'Message: ' + `$_.Exception.Message }
'still running'
"@
    }

    It 'stops with ModelInvalid naming the file' {
        $Child.Output | Should -Contain "ErrorId: ModelInvalid,$Cmd" -Because $Child.Error
        $message = $Child.Output | Where-Object { $_ -like 'Message: *' }
        $message | Should -BeLike "*'$Model'*"
        $message | Should -BeLike '*" "*'
    }

    It 'leaves the child shell running to a normal exit, not killed by an abort' {
        $Child.Output[-1] | Should -Be 'still running' -Because $Child.Error
        $Child.ExitCode | Should -Be 0
        $Child.Error | Should -Not -Match 'terminate called'
    }

    It 'writes no transcript and leaves the model file as it was' {
        @(Get-ChildItem (Split-Path $Clip.FullName) -Force).Name | Should -Be 'hello.wav'
        (Get-FileHash $Model).Hash | Should -Be $ModelHash
    }
}
