# The gate: build.ps1's Test task (and so .ci/run) exits by Get-TestVerdict. A gate that let a
# failure through once ("-and" and "-or" bind left to right in PowerShell) is tested here.

BeforeAll {
    . (Join-Path $PSScriptRoot '../../build/TestVerdict.ps1')
    function Counts($p, $f, $s = 0) { [pscustomobject]@{ Passed = $p; Failed = $f; Skipped = $s } }
}

Describe 'Get-TestVerdict' {
    It 'passes a run where every suite ran and nothing failed' {
        $v = Get-TestVerdict -Unit (Counts 5 0 1) -UnitExitCode 0 -Pester (Counts 7 0 2) -PesterExitCode 0
        $v.ExitCode | Should -Be 0
        $v.Passed | Should -Be 12
        $v.Failed | Should -Be 0
        $v.Skipped | Should -Be 3
    }

    It 'fails a run with one failed Pester test although xunit passed' {
        $v = Get-TestVerdict -Unit (Counts 5 0) -UnitExitCode 0 -Pester (Counts 7 1) -PesterExitCode 1
        $v.ExitCode | Should -Be 1
        $v.Failed | Should -Be 1
    }

    It 'fails a run with one failed xunit test' {
        $v = Get-TestVerdict -Unit (Counts 5 1) -UnitExitCode 1 -Pester (Counts 7 0) -PesterExitCode 0
        $v.ExitCode | Should -Be 1
        $v.Failed | Should -Be 1
    }

    It 'fails a broken build: dotnet test exits non-zero and leaves no trx' {
        $v = Get-TestVerdict -Unit $null -UnitExitCode 1 -Pester (Counts 7 0) -PesterExitCode 0
        $v.ExitCode | Should -Be 1
        $v.Failed | Should -Be 1
        $v.Problems | Should -Match 'xunit left no results'
    }

    It 'fails when Pester left no summary (it crashed before writing one)' {
        $v = Get-TestVerdict -Unit (Counts 5 0) -UnitExitCode 0 -Pester $null -PesterExitCode 1
        $v.ExitCode | Should -Be 1
        $v.Problems | Should -Match 'Pester left no results'
    }

    It 'fails a suite whose runner exited non-zero with no failed test counted' {
        $v = Get-TestVerdict -Unit (Counts 5 0) -UnitExitCode 0 -Pester (Counts 7 0) -PesterExitCode 3
        $v.ExitCode | Should -Be 1
        $v.Problems | Should -Match 'Pester exited with code 3'
    }

    It 'fails a run in which no test ran at all' {
        $v = Get-TestVerdict -Unit (Counts 0 0) -UnitExitCode 0 -Pester (Counts 0 0) -PesterExitCode 0
        $v.ExitCode | Should -Be 1
        $v.Problems | Should -Be 'no test passed'
    }
}

Describe 'The Test task' {
    It 'exits with the verdict, and the Pester runner exits non-zero on a failure' {
        # The gate is only as good as its wiring: the task must end in the verdict's exit code,
        # and the Pester runner must report its own failures by exit code too.
        $build = Get-Content -Raw (Join-Path $PSScriptRoot '../../build.ps1')
        $build | Should -Match 'Get-TestVerdict -Unit \$unit -UnitExitCode \$unitExit -Pester \$pester -PesterExitCode \$pesterExit'
        $build | Should -Match 'exit \$verdict\.ExitCode'
        Get-Content -Raw (Join-Path $PSScriptRoot 'Invoke-Tests.ps1') | Should -Match 'exit \(\[int\]\(\$summary\.Failed -gt 0\)\)'
    }
}
