using System.Management.Automation;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// Lets the pipeline thread sleep until one of several event channels has something (or ends), or
/// a progress interval has passed. One wait per channel stays pending between calls, so waiting
/// again never piles up waiters.
/// </summary>
internal sealed class EventWaiter(params Func<ValueTask<bool>>[] waits)
{
    /// <summary>How often progress is redrawn while nothing happens.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Task<bool>?[] pending = new Task<bool>?[waits.Length];

    /// <summary>
    /// On the pipeline thread: calls <paramref name="drain"/> (which writes what is ready) until
    /// <paramref name="done"/> completes, sleeping on the channels in between. Ctrl+C ends it with
    /// <see cref="PipelineStoppedException"/>.
    /// </summary>
    public static void DrainUntil(PSCmdlet cmdlet, Task done, Action drain, params Func<ValueTask<bool>>[] waits)
    {
        var waiter = new EventWaiter(waits);
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
            waiter.Wait();
        }
    }

    /// <summary>Returns when a channel has events or has ended, or after <see cref="Interval"/>.</summary>
    public void Wait()
    {
        for (var i = 0; i < waits.Length; i++)
        {
            pending[i] ??= waits[i]().AsTask();
        }
        Task.WaitAny(pending!, Interval);
        for (var i = 0; i < pending.Length; i++)
        {
            if (pending[i]!.IsCompleted) pending[i] = null;
        }
    }
}
