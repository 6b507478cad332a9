# Word error rate scoring for bench/Measure-Accuracy.ps1 (dot-sourced there and by
# tests/Pester/BenchAccuracy.Tests.ps1): normalisation and the word-level edit distance.

function ConvertTo-Words([string] $Text) {
    <# Lower case, letters, digits and apostrophes only: what WER scoring conventionally compares. #>
    $t = $Text.ToLowerInvariant() -replace "[^\p{L}\p{N}' ]+", ' '
    @($t -split '\s+' | Where-Object { $_ -and $_ -ne "'" })
}

function Get-EditDistance([string[]] $Reference, [string[]] $Hypothesis) {
    <# Substitutions + deletions + insertions, word by word. An empty word list arrives as $null. #>
    $Reference = @($Reference | Where-Object { $null -ne $_ })
    $Hypothesis = @($Hypothesis | Where-Object { $null -ne $_ })
    $n = $Hypothesis.Count
    $previous = [int[]](0..$n)
    for ($i = 1; $i -le $Reference.Count; $i++) {
        $current = [int[]]::new($n + 1)
        $current[0] = $i
        for ($j = 1; $j -le $n; $j++) {
            $cost = if ($Reference[$i - 1] -ceq $Hypothesis[$j - 1]) { 0 } else { 1 }
            $current[$j] = [math]::Min([math]::Min($previous[$j] + 1, $current[$j - 1] + 1), $previous[$j - 1] + $cost)
        }
        $previous = $current
    }
    $previous[$n]
}
