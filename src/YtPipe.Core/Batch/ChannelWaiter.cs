namespace YtPipe.Core.Batch;

/// <summary>
/// Lets a host's thread sleep until one of several event channels has something (or ends), or an
/// interval has passed. One wait per channel stays pending between calls, so waiting again never
/// piles up waiters; a channel that has ended is never waited on again, because its
/// <c>WaitToReadAsync</c> answers at once, forever, and would turn every wait into a busy loop.
/// </summary>
internal sealed class ChannelWaiter
{
    private readonly Func<ValueTask<bool>>[] waits;
    private readonly Task<bool>?[] pending;
    private readonly bool[] ended;

    /// <summary>Waits on the channels whose <c>WaitToReadAsync</c> the functions call.</summary>
    public ChannelWaiter(params Func<ValueTask<bool>>[] waits)
    {
        this.waits = waits;
        pending = new Task<bool>?[waits.Length];
        ended = new bool[waits.Length];
    }

    /// <summary>How many of the channels have ended.</summary>
    public int EndedCount => ended.Count(e => e);

    /// <summary>Returns when a channel has events or has ended, or after <paramref name="interval"/>.</summary>
    public void Wait(TimeSpan interval)
    {
        for (var i = 0; i < waits.Length; i++)
        {
            if (!ended[i]) pending[i] ??= waits[i]().AsTask();
        }
        var live = pending.OfType<Task<bool>>().ToArray();
        if (live.Length == 0)
        {
            // Every channel has ended: only the interval is left to wait for.
            Thread.Sleep(interval);
            return;
        }
        Task.WaitAny(live, interval);
        for (var i = 0; i < pending.Length; i++)
        {
            if (pending[i] is { IsCompleted: true } task)
            {
                ended[i] = !task.IsCompletedSuccessfully || !task.Result;
                pending[i] = null;
            }
        }
    }
}
