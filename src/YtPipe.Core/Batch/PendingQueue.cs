namespace YtPipe.Core.Batch;

/// <summary>
/// The shared work queue: longest audio first, ties in arrival order. Items may arrive while
/// workers already take from it; <see cref="TakeAsync"/> returns (false, default) once it is completed and empty.
/// </summary>
internal sealed class PendingQueue<T>
{
    private readonly PriorityQueue<T, (long NegTicks, long Seq)> items = new();
    private readonly SemaphoreSlim available = new(0);
    private readonly object gate = new();
    private long seq;
    private bool completed;

    public void Add(T item, TimeSpan length)
    {
        lock (gate)
        {
            if (completed) throw new InvalidOperationException("The queue is completed.");
            items.Enqueue(item, (-length.Ticks, seq++));
        }
        available.Release();
    }

    public void Complete()
    {
        lock (gate)
        {
            if (completed) return;
            completed = true;
        }
        // Wake one waiter; finding the queue completed and empty, it passes the wake-up on before it
        // returns, so every waiter ends, however many there are.
        available.Release();
    }

    public async Task<(bool Ok, T Item)> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                if (items.TryDequeue(out var item, out _)) return (true, item);
                if (completed)
                {
                    available.Release();
                    return (false, default!);
                }
            }
        }
    }
}
