<#
.SYNOPSIS
    The one rule that decides whether a test run passed: build.ps1's Test task dot-sources it, and
    tests/Pester/TestVerdict.Tests.ps1 checks it, so the gate itself is under test.
#>

function Get-TestVerdict {
    <#
    .SYNOPSIS
        Adds up the xunit and Pester results and says whether the run passed.
    .DESCRIPTION
        A run passes only when every suite ran, reported, and had no failure. Anything else fails:
        a failed, errored, timed-out or aborted test; a suite whose runner exited non-zero (a build
        break, a crash, a Pester discovery error); a suite that left no result; a run with no test
        at all. Each such problem counts as one failure, so the summary line and the exit code
        never disagree.
    .PARAMETER Unit
        xunit's counters (Passed, Failed, Skipped) read from its trx file, or $null when there was none.
    .PARAMETER UnitExitCode
        The exit code of dotnet test.
    .PARAMETER Pester
        Pester's counters (Passed, Failed, Skipped) from its summary file, or $null when there was none.
    .PARAMETER PesterExitCode
        The exit code of the pwsh that ran Pester.
    .OUTPUTS
        An object with Passed, Failed, Skipped, Problems (the reasons beyond failed tests) and ExitCode (0 or 1).
    #>
    [CmdletBinding()]
    param(
        [AllowNull()] $Unit,
        [int] $UnitExitCode,
        [AllowNull()] $Pester,
        [int] $PesterExitCode
    )
    $problems = [Collections.Generic.List[string]]::new()
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($suite in @(
            @{ Name = 'xunit'; Counts = $Unit; Exit = $UnitExitCode },
            @{ Name = 'Pester'; Counts = $Pester; Exit = $PesterExitCode })) {
        if ($null -eq $suite.Counts) {
            $problems.Add("$($suite.Name) left no results (exit code $($suite.Exit))")
            continue
        }
        $passed += [int]$suite.Counts.Passed
        $failed += [int]$suite.Counts.Failed
        $skipped += [int]$suite.Counts.Skipped
        if ($suite.Exit -ne 0 -and [int]$suite.Counts.Failed -eq 0) {
            $problems.Add("$($suite.Name) exited with code $($suite.Exit) although no test failed")
        }
    }
    if ($passed -eq 0 -and $problems.Count -eq 0) { $problems.Add('no test passed') }
    $failed += $problems.Count
    [pscustomobject]@{
        Passed   = $passed
        Failed   = $failed
        Skipped  = $skipped
        Problems = @($problems)
        ExitCode = if ($failed -gt 0) { 1 } else { 0 }
    }
}
