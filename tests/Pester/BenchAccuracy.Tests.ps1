# bench/Measure-Accuracy.ps1 decides from evidence whether a -ShortClip mode may become the default,
# so its scoring must be right: word error rate against hand-counted cases, and one run through
# the module (a weightless model writes no words, so every reference word counts as deleted).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Bench = Resolve-Path (Join-Path $PSScriptRoot '../../bench')
    . (Join-Path $Bench 'WordErrorRate.ps1')
}

Describe 'Word error rate scoring' {
    It 'normalises case and punctuation, and keeps apostrophes inside words' {
        ConvertTo-Words "Hello, World! It's  the 2nd -- test." | Should -Be @('hello', 'world', "it's", 'the', '2nd', 'test')
        @(ConvertTo-Words '') | Should -HaveCount 0
    }

    It 'counts <Because> as <Expected>' -ForEach @(
        @{ Reference = 'a b c d'; Hypothesis = 'a b c d'; Expected = 0; Because = 'a match' }
        @{ Reference = 'a b c d'; Hypothesis = 'a x c d'; Expected = 1; Because = 'one substitution' }
        @{ Reference = 'a b c d'; Hypothesis = 'a c d'; Expected = 1; Because = 'one deletion' }
        @{ Reference = 'a b c d'; Hypothesis = 'a b y c d'; Expected = 1; Because = 'one insertion' }
        @{ Reference = 'a b c d'; Hypothesis = ''; Expected = 4; Because = 'an empty hypothesis' }
        @{ Reference = ''; Hypothesis = 'a b'; Expected = 2; Because = 'words where none were said' }
        @{ Reference = 'the cat sat on the mat'; Hypothesis = 'cat sat on a mat today'; Expected = 3; Because = 'a deletion, a substitution and an insertion' }
    ) {
        Get-EditDistance @(ConvertTo-Words $Reference) @(ConvertTo-Words $Hypothesis) | Should -Be $Expected
    }
}

Describe 'bench/Measure-Accuracy.ps1' {
    It 'scores every file of the corpus, and names a file that failed instead of hiding it' {
        $corpus = New-Item -ItemType Directory (Join-Path $TestDrive 'corpus')
        New-TestTone (Join-Path $corpus 'one.wav') -Seconds 1 | Out-Null
        New-TestTone (Join-Path $corpus 'two.wav') -Seconds 1 | Out-Null
        Set-Content (Join-Path $corpus 'one.txt') 'Ask not what your country can do for you.'
        Set-Content (Join-Path $corpus 'two.txt') 'Hello there.'
        Set-Content (Join-Path $corpus 'broken.wav') 'not audio'
        Set-Content (Join-Path $corpus 'broken.txt') 'three more words'
        Set-Content (Join-Path $corpus 'unscored.wav') 'no reference beside it'
        $model = Get-WeightlessModel -Folder (Join-Path $TestDrive 'models')

        $rows = @(& (Join-Path $Bench 'Measure-Accuracy.ps1') -Corpus $corpus -ModelPath $model -Modes AudioContext -BeamSize 1 -ModulePath (Get-TestModulePath) -WarningVariable warnings -WarningAction SilentlyContinue)

        $rows.Count | Should -Be 1
        $rows[0].Mode | Should -Be 'AudioContext'
        $rows[0].Files | Should -Be 3
        $rows[0].Failed | Should -Be 1
        $rows[0].Words | Should -Be 14
        $rows[0].Errors | Should -Be 14
        $rows[0].'WER %' | Should -Be 100
        "$warnings" | Should -BeLike '*broken.wav was not transcribed*'
    }
}
