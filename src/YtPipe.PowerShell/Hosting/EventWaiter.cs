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
