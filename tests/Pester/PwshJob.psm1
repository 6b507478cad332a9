# A fresh pwsh that runs a script file the way a scheduler or an administrator would: with -File
# (so the exit code is the script's), arguments, its own environment, a HOME of its own when a
# clean user profile is wanted, and answers typed at its prompts.

# New-PwshStartInfo starts this same pwsh, as a .NET tool too.
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

function Invoke-PwshJob {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [string[]] $Arguments = @(),
        # A folder that becomes HOME: the user's modules, repositories and settings all live under it.
        [string] $UserHome,
        [hashtable] $Environment = @{},
        [string[]] $Answers = @()
    )
    $file = Join-Path ([IO.Path]::GetTempPath()) "ytpipe-job-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -Path $file -Value $Script
    try {
        $psi = New-PwshStartInfo (@('-NoProfile', '-File', $file) + $Arguments)
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardInput = $true
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        if ($UserHome) {
            $psi.Environment['HOME'] = $UserHome
            foreach ($v in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = $psi.Environment.Remove($v) }
        }
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $p = [Diagnostics.Process]::Start($psi)
        foreach ($a in $Answers) { $p.StandardInput.WriteLine($a) }
        $p.StandardInput.Close()
        $stdout = $p.StandardOutput.ReadToEndAsync()
        $stderr = $p.StandardError.ReadToEndAsync()
        if (-not $p.WaitForExit(300000)) { $p.Kill($true); throw 'child pwsh did not finish in 5 minutes' }
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = @($stdout.Result -split "`r?`n" | Where-Object { $_.Trim() }); Error = $stderr.Result }
    }
    finally { Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue }
}

Export-ModuleMember -Function Invoke-PwshJob
