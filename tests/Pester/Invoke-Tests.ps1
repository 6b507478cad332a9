<#
.SYNOPSIS
    Runs the Pester tests against a built module and writes a summary for build.ps1.
.DESCRIPTION
    Pester 6.2.0 comes from NuGet (tests/Pester/Pester.Dependencies.csproj restores it into the
    package cache); the module under test is the built folder given by -ModulePath.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
$nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
Import-Module (Join-Path $nugetRoot 'pester/6.2.0/tools/Pester.psd1') -Force

$env:YTPIPE_TEST_MODULE = (Resolve-Path $ModulePath).Path
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($SummaryPath, '.xml')
$result = Invoke-Pester -Configuration $config

# A container that fails discovery (a syntax error, a throwing BeforeAll) runs no test of its
# own: FailedContainersCount is what makes it count.
$summary = [pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
}
$summary | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
exit ([int]($summary.Failed -gt 0))
