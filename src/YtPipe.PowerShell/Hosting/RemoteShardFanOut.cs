using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using YtPipe.Core.Errors;
using PowerShellApi = System.Management.Automation.PowerShell;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// Invoke-YtTranscription -Session: runs shard i/N of the same command on session i (N sessions),
/// all at once, and relays what each host writes (results, errors, warnings, verbose, information,
/// progress) to the caller. One PowerShell API pipeline per session, not Invoke-Command: the remote
/// streams arrive on the remoting threads, which only post them here; the pipeline thread writes them
/// (<see cref="Run"/>), as the batch pump does for local workers.
/// </summary>
internal sealed class RemoteShardFanOut : IDisposable
{
    // Each host's progress bars move to their own range of activity ids, so three hosts' "file 1" bars stay three bars.
    private const int ProgressIdsPerHost = 1000;

    // Parameters that belong to this caller: the local preferences decide what is shown of the
    // relayed streams, and a remote prompt (-Confirm) has no console to ask on.
    private static readonly HashSet<string> LocalOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "Session", "Confirm", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction",
        "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    private readonly PSCmdlet cmdlet;
    private readonly BlockingCollection<Action> posted = new();
    private readonly List<PowerShellApi> pipelines = [];
    private int running;

    private RemoteShardFanOut(PSCmdlet cmdlet) => this.cmdlet = cmdlet;

    /// <summary>
    /// Checks the sessions and starts <paramref name="command"/> with the caller's bound parameters
    /// (less the local-only ones) and -Shard i/N on each. Refusals are terminating errors, before any
    /// host starts.
    /// </summary>
    public static RemoteShardFanOut Start(PSCmdlet cmdlet, PSSession[] sessions, string command)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        if (cmdlet.MyInvocation.ExpectingInput)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.SessionWithPipelineInput, ErrorCategory.InvalidArgument, null,
                "-Session takes its inputs from -Path or -LiteralPath, as the remote hosts see them; pipeline input would name files of this machine.",
                "Pass the folders or files with -Path, as paths on the remote hosts."));
        }
        if (bound.ContainsKey("Shard"))
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.SessionWithShard, ErrorCategory.InvalidArgument, null,
                "-Session gives session i shard i of N (N sessions); -Shard cannot be given with it.",
                "Drop -Shard, or run Invoke-YtTranscription -Shard on each host yourself (Invoke-Command)."));
        }
        var distinct = sessions.Select(s => s.InstanceId).Distinct().Count();
        if (distinct != sessions.Length)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.SessionRepeated, ErrorCategory.InvalidArgument, null,
                "A session is given more than once: its host would run two shards, one after the other.",
                "Give each session once; open more sessions to a host to run more shards there."));
        }
        foreach (var session in sessions)
        {
            if (session.Runspace.RunspaceStateInfo.State != RunspaceState.Opened || session.Runspace.RunspaceAvailability != RunspaceAvailability.Available)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.SessionNotAvailable, ErrorCategory.ResourceUnavailable, session,
                    $"The session to {session.ComputerName} is {session.Runspace.RunspaceStateInfo.State} and {session.Runspace.RunspaceAvailability}: it cannot run a shard now.",
                    "Open a new session (New-PSSession), or wait for the command it runs to finish."));
            }
        }

        var fanOut = new RemoteShardFanOut(cmdlet);
        var forwarded = bound.Where(p => !LocalOnly.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        fanOut.running = sessions.Length;
        try
        {
            for (var i = 0; i < sessions.Length; i++)
            {
                fanOut.StartShard(sessions[i], i, sessions.Length, command, forwarded);
            }
        }
        catch
        {
            // A session taken by another command since the check: no host runs half a fan-out.
            fanOut.Dispose();
            throw;
        }
        return fanOut;
    }

    private void StartShard(PSSession session, int index, int count, string command, Dictionary<string, object> parameters)
    {
        var host = session.ComputerName;
        var ps = PowerShellApi.Create();
        pipelines.Add(ps);
        ps.Runspace = session.Runspace;
        ps.AddCommand(command).AddParameters(parameters).AddParameter("Shard", $"{index}/{count}");

        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) => Post(output[e.Index], o => cmdlet.WriteObject(Tagged(o, host)));
        ps.Streams.Error.DataAdded += (_, e) => Post(ps.Streams.Error[e.Index], r => cmdlet.WriteError(FromHost(r, host)));
        ps.Streams.Warning.DataAdded += (_, e) => Post(ps.Streams.Warning[e.Index], w => cmdlet.WriteWarning($"[{host}] {w.Message}"));
        ps.Streams.Verbose.DataAdded += (_, e) => Post(ps.Streams.Verbose[e.Index], v => cmdlet.WriteVerbose($"[{host}] {v.Message}"));
        ps.Streams.Information.DataAdded += (_, e) => Post(ps.Streams.Information[e.Index], cmdlet.WriteInformation);
        ps.Streams.Progress.DataAdded += (_, e) => Post(ps.Streams.Progress[e.Index], p => cmdlet.WriteProgress(OnHost(p, index, host)));
        ps.InvocationStateChanged += (_, e) =>
        {
            var state = e.InvocationStateInfo;
            if (state.State is not (PSInvocationState.Completed or PSInvocationState.Failed or PSInvocationState.Stopped))
            {
                return;
            }
            if (state.State == PSInvocationState.Failed)
            {
                Post(state.Reason, reason => cmdlet.WriteError(Terminated(reason, host)));
            }
            if (Interlocked.Decrement(ref running) == 0)
            {
                posted.CompleteAdding();
            }
        };
        ps.BeginInvoke<PSObject, PSObject>(null, output);
    }

    // Runs on a remoting thread: only posts, the pipeline thread writes.
    private void Post<T>(T item, Action<T> write)
    {
        try
        {
            posted.Add(() => write(item));
        }
        catch (InvalidOperationException)
        {
            // Everything has ended (Stop): nothing is written after the command is done.
        }
    }

    /// <summary>Writes what the hosts send until every host has finished; on the pipeline thread.</summary>
    public void Run()
    {
        foreach (var write in posted.GetConsumingEnumerable())
        {
            write();
        }
        if (cmdlet.Stopping)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Stops every host's shard (Ctrl+C); <see cref="Run"/> ends once they have stopped.</summary>
    public void Stop()
    {
        foreach (var ps in pipelines)
        {
            ps.BeginStop(null, null);
        }
    }

    /// <summary>Stops what still runs (disposing a running pipeline stops it) and lets the hosts' sessions go.</summary>
    public void Dispose()
    {
        foreach (var ps in pipelines)
        {
            ps.Dispose();
        }
        posted.Dispose();
    }

    // As Invoke-Command does: each result says which host made it.
    private static PSObject Tagged(PSObject result, string host)
    {
        if (result.Properties["PSComputerName"] is null)
        {
            result.Properties.Add(new PSNoteProperty("PSComputerName", host));
        }
        return result;
    }

    // The remote record keeps its ErrorId and target (the path on that host); its message says which host.
    private static ErrorRecord FromHost(ErrorRecord remote, string host)
    {
        var message = remote.ErrorDetails?.Message ?? remote.Exception.Message;
        remote.ErrorDetails = new ErrorDetails($"[{host}] {message}") { RecommendedAction = remote.ErrorDetails?.RecommendedAction };
        return remote;
    }

    private static ErrorRecord Terminated(Exception reason, string host)
    {
        if (reason is RemoteException { ErrorRecord: { } record })
        {
            if (record.CategoryInfo.Category == ErrorCategory.ObjectNotFound && record.FullyQualifiedErrorId.StartsWith("CommandNotFoundException", StringComparison.Ordinal))
            {
                return ErrorRecords.Create(ErrorIds.RemoteModuleNotFound, ErrorCategory.NotInstalled, host,
                    $"[{host}] YtPipe is not installed there: its shard did not run.",
                    "Install the module on that host (Install-PSResource YtPipe, or copy the module folder into a folder of its $env:PSModulePath).");
            }
            return FromHost(record, host);
        }
        return FromHost(new ErrorRecord(reason, ErrorIds.RemoteShardFailed, ErrorCategory.NotSpecified, host), host);
    }

    private static ProgressRecord OnHost(ProgressRecord remote, int index, string host)
    {
        var offset = (index + 1) * ProgressIdsPerHost;
        return new ProgressRecord(offset + remote.ActivityId, $"[{host}] {remote.Activity}", remote.StatusDescription)
        {
            ParentActivityId = remote.ParentActivityId < 0 ? -1 : offset + remote.ParentActivityId,
            PercentComplete = remote.PercentComplete,
            SecondsRemaining = remote.SecondsRemaining,
            CurrentOperation = remote.CurrentOperation,
            RecordType = remote.RecordType,
        };
    }
}
