# Real scale-out engines on one machine for the ScaleOut tests: a Slurm cluster (munged, one
# slurmctld, three slurmd "nodes" n1..n3 on 127.0.0.1) and an OpenSSH server whose powershell
# subsystem is the pwsh the tests run, reachable as 127.0.0.1, .2 and .3. Everything lives under a
# folder the test owns (keys, configuration, state, logs), listens on ports picked free, and is
# stopped by process id. Readiness is polled against a deadline, never slept for.

Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

$script:SlurmTools = 'munged', 'munge', 'slurmctld', 'slurmd', 'sbatch', 'sinfo', 'squeue', 'scontrol', 'scancel', 'srun'
$script:SshTools = '/usr/sbin/sshd', 'ssh', 'ssh-keygen'

function Get-ClusterSkipReason {
    <#
      Why the $Engine ('Slurm' or 'Ssh') tests cannot run here, or $null. Only a machine without the
      packages skips (a contributor's laptop); where .ci/run installed them it sets
      YTPIPE_REQUIRE_CLUSTER=1, and a missing tool is then a failure, not a skip.
    #>
    param([Parameter(Mandatory)] [ValidateSet('Slurm', 'Ssh')] [string] $Engine)
    $tools = if ($Engine -eq 'Slurm') { $script:SlurmTools } else { $script:SshTools }
    $missing = @($tools | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction SilentlyContinue) })
    if ($missing.Count -eq 0) { return $null }
    $packages = if ($Engine -eq 'Slurm') { 'slurmctld slurmd slurm-client munge' } else { 'openssh-server' }
    $reason = "$Engine is not installed here (missing: $($missing -join ', ')); apt-get install -y $packages"
    if ($env:YTPIPE_REQUIRE_CLUSTER -eq '1') { throw "YTPIPE_REQUIRE_CLUSTER=1 but $reason" }
    $reason
}

function Get-FreeTcpPort {
    <# $Count ports the kernel calls free now, all held at once so none repeats. #>
    param([int] $Count = 1)
    $listeners = 1..$Count | ForEach-Object {
        $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $l.Start()
        $l
    }
    $ports = $listeners | ForEach-Object { $_.LocalEndpoint.Port }
    $listeners | ForEach-Object { $_.Stop() }
    $ports
}

function Wait-Until {
    <# Polls $Condition until it is true or $TimeoutSeconds pass; throws $Because with $Diagnostics' text on the deadline. #>
    param(
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [Parameter(Mandatory)] [string] $Because,
        [double] $TimeoutSeconds = 20,
        [scriptblock] $Diagnostics = { '' }
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "$Because did not happen in $TimeoutSeconds s. $(& $Diagnostics)" }
        # A short wait on nothing: these are other processes' states, with no event to wait on.
        [Threading.Thread]::Sleep(50)
    }
}

function Start-Daemon {
    <#
      Starts $File with $Arguments, its output appended to $Log (sh redirects, then execs it: the
      process id is the daemon's own); the caller owns the returned process.
    #>
    param([Parameter(Mandatory)] [string] $File, [string[]] $Arguments = @(), [Parameter(Mandatory)] [string] $Log, [hashtable] $Environment = @{})
    $psi = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
    foreach ($a in @('-c', 'log=$1; shift; exec "$@" >>"$log" 2>&1 </dev/null', 'sh', $Log, $File) + $Arguments) { $psi.ArgumentList.Add($a) }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
    [Diagnostics.Process]::Start($psi)
}

function Stop-Daemon {
    <# Kills $Process and its children by id, and waits for them; a process already gone is fine. #>
    param([Diagnostics.Process[]] $Process)
    foreach ($p in $Process) {
        if ($null -eq $p) { continue }
        try { if (-not $p.HasExited) { $p.Kill($true) } } catch [InvalidOperationException] { }
        $null = $p.WaitForExit(10000)
    }
}

function Get-LogTail {
    param([string[]] $Path, [int] $Lines = 15)
    ($Path | Where-Object { Test-Path -LiteralPath $_ } | ForEach-Object { "--- $_"; Get-Content -LiteralPath $_ -Tail $Lines }) -join "`n"
}

function New-PwshLauncher {
    <#
      A shell script at $Path that runs the pwsh these tests run (a .NET tool: dotnet with pwsh.dll),
      so daemons that start programs by file name (sshd's subsystem, a Slurm batch script) run the
      same one. $Environment lines are exported first; YtPipe is found on PSModulePath beside the
      built module.
    #>
    param([Parameter(Mandatory)] [string] $Path, [string[]] $ExtraLines = @())
    $exe = (Get-Process -Id $PID).Path
    $command = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        "exec '$exe' '$([Environment]::GetCommandLineArgs()[0])' `"`$@`""
    } else { "exec '$exe' `"`$@`"" }
    $dotnetRoot = if ($env:DOTNET_ROOT) { $env:DOTNET_ROOT } else { Split-Path ([IO.Path]::GetFullPath((Get-Item $exe).ResolvedTarget ?? $exe)) }
    $moduleRoot = Split-Path (Get-TestModulePath)
    $lines = @(
        '#!/bin/sh'
        "export DOTNET_ROOT='$dotnetRoot' DOTNET_CLI_TELEMETRY_OPTOUT=1 POWERSHELL_TELEMETRY_OPTOUT=1 NO_COLOR=1"
        "export PSModulePath='$moduleRoot'"
        "export PATH='$env:PATH'"
    ) + $ExtraLines + $command
    Set-Content -LiteralPath $Path -Value ($lines -join "`n")
    & chmod 755 $Path
    $Path
}

function Start-SlurmCluster {
    <#
      munged with a key of its own, slurmctld and three slurmd (n1..n3, one CPU each) under $Root,
      on free ports; returns once sinfo shows the three nodes idle. SLURM_CONF must point at
      $cluster.Conf for the client commands: this sets it in this process, and Stop-SlurmCluster puts
      the previous value back.
    #>
    param([Parameter(Mandatory)] [string] $Root)
    foreach ($d in 'munge', 'state', 'log', 'spool/n1', 'spool/n2', 'spool/n3') { New-Item -ItemType Directory -Force (Join-Path $Root $d) | Out-Null }
    & chmod 700 (Join-Path $Root 'munge')
    $key = Join-Path $Root 'munge/munge.key'
    [IO.File]::WriteAllBytes($key, [Security.Cryptography.RandomNumberGenerator]::GetBytes(1024))
    & chmod 600 $key
    $socket = Join-Path $Root 'munge/socket'
    $ctldPort, $slurmdPort, $p1, $p2, $p3 = Get-FreeTcpPort 5
    $conf = Join-Path $Root 'slurm.conf'
    $log = Join-Path $Root 'log'
    Set-Content -LiteralPath $conf -Value @"
ClusterName=ytpipe
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctldPort
SlurmdPort=$slurmdPort
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire: a requeued job waits this long (default 120 s, least 5) before it may start again;
# sched_interval: the main scheduling pass runs this often (default 60 s) and starts it then.
AuthInfo=socket=$socket,cred_expire=5
StateSaveLocation=$Root/state
SlurmdSpoolDir=$Root/spool/%n
SlurmctldPidFile=$Root/slurmctld.pid
SlurmdPidFile=$Root/slurmd-%n.pid
SlurmctldLogFile=$log/slurmctld.log
SlurmdLogFile=$log/slurmd-%n.log
# No cgroups in a container: track job processes by process group, no task binding.
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# No database here (sacct needs one): finished jobs are logged to a text file.
JobCompType=jobcomp/filetxt
JobCompLoc=$log/jobcomp.txt
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
MinJobAge=600
KillWait=2
InactiveLimit=0
Waittime=0
NodeName=n1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=$p1 CPUs=1 State=UNKNOWN
NodeName=n2 NodeHostname=localhost NodeAddr=127.0.0.1 Port=$p2 CPUs=1 State=UNKNOWN
NodeName=n3 NodeHostname=localhost NodeAddr=127.0.0.1 Port=$p3 CPUs=1 State=UNKNOWN
PartitionName=debug Nodes=n1,n2,n3 Default=YES MaxTime=INFINITE State=UP
"@
    $cluster = [pscustomobject]@{ Root = $Root; Conf = $conf; Processes = [Collections.Generic.List[Diagnostics.Process]]::new(); Controller = $null; Logs = @(); PreviousConf = $env:SLURM_CONF }
    $env:SLURM_CONF = $conf
    $cluster.Logs = @("$log/munged.log", "$log/slurmctld.log", "$log/slurmd-n1.log", "$log/daemons.out")
    try {
        $out = Join-Path $log 'daemons.out'
        $cluster.Processes.Add((Start-Daemon munged -Arguments '-F', '-f', '--key-file', $key, '--socket', $socket, '--pid-file', "$Root/munge/pid", '--log-file', "$log/munged.log", '--seed-file', "$Root/munge/seed" -Log $out))
        Wait-Until { Test-Path -LiteralPath $socket } -Because 'munged listening' -TimeoutSeconds 10 -Diagnostics { Get-LogTail $cluster.Logs }
        $cluster.Controller = Start-Daemon slurmctld -Arguments '-D', '-i', '-f', $conf -Log $out
        $cluster.Processes.Add($cluster.Controller)
        foreach ($n in 'n1', 'n2', 'n3') { $cluster.Processes.Add((Start-Daemon slurmd -Arguments '-D', '-N', $n, '-f', $conf -Log $out)) }
        Wait-Until {
            $idle = & sinfo -N -h -t idle -o '%N' 2>$null
            @($idle | Sort-Object -Unique).Count -eq 3 -and -not ($cluster.Processes | Where-Object HasExited)
        } -Because 'three idle Slurm nodes' -TimeoutSeconds 20 -Diagnostics { (& sinfo -N 2>&1) -join "`n"; Get-LogTail $cluster.Logs }
    }
    catch {
        Stop-SlurmCluster $cluster
        throw
    }
    $cluster
}

function Stop-SlurmCluster {
    <# Cancels every job of the cluster (so no task outlives it), then stops its daemons by id. #>
    param($Cluster)
    if ($null -eq $Cluster) { return }
    if ($Cluster.Controller -and -not $Cluster.Controller.HasExited) {
        & scancel --full --user root 2>$null
        # Tasks die with their process group; their slurmstepd ends once they have.
        try { Wait-Until { -not (& squeue -h -t running,completing -o %i 2>$null) } -Because 'the cancelled jobs ending' -TimeoutSeconds 15 } catch { Write-Warning $_ }
    }
    $procs = $Cluster.Processes.ToArray()
    [array]::Reverse($procs)
    Stop-Daemon $procs
    $env:SLURM_CONF = $Cluster.PreviousConf
}

function Start-SshServer {
    <#
      sshd on 127.0.0.1, .2 and .3 (one free port) with a host key, a client key and an
      authorized_keys of its own, and a powershell subsystem that runs this pwsh with YtPipe on its
      PSModulePath. Each address is a "host" with a model cache of its own: the subsystem sets
      YTPIPE_MODEL_DIR to $Root/hosts/<address>/models, from the server address in SSH_CONNECTION.
    #>
    param([Parameter(Mandatory)] [string] $Root)
    New-Item -ItemType Directory -Force $Root | Out-Null
    & chmod 700 $Root
    foreach ($k in 'host_key', 'client_key') {
        & ssh-keygen -q -t ed25519 -N '' -C ytpipe-test -f (Join-Path $Root $k)
        if ($LASTEXITCODE -ne 0) { throw "ssh-keygen could not make $k" }
    }
    Copy-Item (Join-Path $Root 'client_key.pub') (Join-Path $Root 'authorized_keys')
    $port = Get-FreeTcpPort
    $addresses = '127.0.0.1', '127.0.0.2', '127.0.0.3'
    $hostKey = (Get-Content (Join-Path $Root 'host_key.pub')) -split ' ' | Select-Object -First 2
    Set-Content (Join-Path $Root 'known_hosts') -Value ($addresses | ForEach-Object { "[$_]:$port $($hostKey -join ' ')" })
    $launcher = New-PwshLauncher -Path (Join-Path $Root 'pwsh-subsystem') -ExtraLines @(
        'address=$(echo "$SSH_CONNECTION" | cut -d" " -f3)'
        "export YTPIPE_MODEL_DIR='$Root/hosts/'`"`$address`"/models"
    )
    $config = Join-Path $Root 'sshd_config'
    Set-Content -LiteralPath $config -Value (@(
            "Port $port"
            $addresses | ForEach-Object { "ListenAddress $_" }
            "HostKey $Root/host_key"
            "PidFile $Root/sshd.pid"
            "AuthorizedKeysFile $Root/authorized_keys"
            'PubkeyAuthentication yes'
            'PasswordAuthentication no'
            'KbdInteractiveAuthentication no'
            'PermitRootLogin prohibit-password'
            'UsePAM no'
            'StrictModes no'
            "Subsystem powershell $launcher -sshs -NoLogo -NoProfile"
        ) -join "`n")
    # sshd refuses to start without its privilege separation folder (a package install makes it).
    New-Item -ItemType Directory -Force /run/sshd | Out-Null
    $log = Join-Path $Root 'sshd.log'
    $server = [pscustomobject]@{
        Root = $Root; Port = $port; Addresses = $addresses; KeyFile = Join-Path $Root 'client_key'; Log = $log
        Options = @{ UserKnownHostsFile = (Join-Path $Root 'known_hosts'); StrictHostKeyChecking = 'yes'; BatchMode = 'yes' }
        Process = Start-Daemon /usr/sbin/sshd -Arguments '-D', '-e', '-f', $config -Log $log
    }
    try {
        Wait-Until { (Get-Content -LiteralPath $log -ErrorAction SilentlyContinue | Select-String 'Server listening on').Count -ge 3 -or $server.Process.HasExited } `
            -Because 'sshd listening' -TimeoutSeconds 10 -Diagnostics { Get-LogTail $log }
        if ($server.Process.HasExited) { throw "sshd exited: $(Get-LogTail $log)" }
    }
    catch {
        Stop-Daemon $server.Process
        throw
    }
    $server
}

function New-TestSession {
    <# One PSSession over SSH to each of $Server's addresses (as root, with the test's key). #>
    param([Parameter(Mandatory)] $Server)
    foreach ($a in $Server.Addresses) {
        New-PSSession -HostName $a -Port $Server.Port -UserName root -KeyFilePath $Server.KeyFile -Options $Server.Options -ErrorAction Stop
    }
}

function Stop-SshServer {
    <# Closes $Session, then kills sshd and what it started (sessions, their pwsh) by id. #>
    param($Server, [System.Management.Automation.Runspaces.PSSession[]] $Session)
    if ($Session) { $Session | Remove-PSSession -ErrorAction SilentlyContinue }
    if ($null -ne $Server) { Stop-Daemon $Server.Process }
}

Export-ModuleMember -Function Get-ClusterSkipReason, Get-FreeTcpPort, Wait-Until, New-PwshLauncher, Get-LogTail,
    Start-SlurmCluster, Stop-SlurmCluster, Start-SshServer, New-TestSession, Stop-SshServer
