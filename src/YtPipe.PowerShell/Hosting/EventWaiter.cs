using System.Management.Automation;
using YtPipe.Core.Batch;

namespace YtPipe.PowerShell.Hosting;

/// <summary>The pipeline thread's drain loop over the engine's event channels (see <see cref="ChannelWaiter"/>).</summary>
internal static class EventWaiter
{
    /// <summary>How often progress is redrawn while nothing happens.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// On the pipeline thread: calls <paramref name="drain"/> (which writes what is ready) until
    /// <paramref name="done"/> completes, sleeping on the channels in between. Ctrl+C ends it with
    /// <see cref="PipelineStoppedException"/>.
    /// </summary>
    public static void DrainUntil(PSCmdlet cmdlet, Task done, Action drain, params Func<ValueTask<bool>>[] waits)
    {
        var waiter = new ChannelWaiter(waits);
        while (true)
        {
            drain();
            if (cmdlet.Stopping)
            {
                throw new PipelineStoppedException();
            }
            if (done.IsCompleted)
            {
                return;
            }
            waiter.Wait(Interval);
        }
    }
}
