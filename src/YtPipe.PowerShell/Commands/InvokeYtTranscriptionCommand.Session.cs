using System.Management.Automation;
using System.Management.Automation.Runspaces;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

// -Session: the remoting fan-out (RemoteShardFanOut), kept apart from the local batch.
public sealed partial class InvokeYtTranscriptionCommand
{
    /// <summary>
    /// Runs on these sessions instead of here: session i transcribes shard i of N (N sessions), with
    /// the other parameters as given (paths as the remote hosts see them; each host uses its own
    /// model folder). Their results, errors, warnings and progress come back here. Pipeline input
    /// and -Shard are refused with it.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public PSSession[]? Session { get; set; }

    private RemoteShardFanOut? RemoteShards { get; set; }

    /// <summary>Starts the remote shards when -Session is given; false runs the batch here.</summary>
    private bool StartRemoteShards()
    {
        if (Session is null)
        {
            return false;
        }
        RemoteShards = RemoteShardFanOut.Start(this, Session, MyInvocation.MyCommand.Name);
        return true;
    }

    private void RunRemoteShards()
    {
        try
        {
            RemoteShards!.Run();
        }
        finally
        {
            RemoteShards!.Dispose();
            RemoteShards = null;
        }
    }

    protected override void StopProcessing()
    {
        RemoteShards?.Stop();
        base.StopProcessing();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            RemoteShards?.Dispose();
            RemoteShards = null;
        }
        base.Dispose(disposing);
    }
}
