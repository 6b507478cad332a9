namespace YtPipe.Core.Batch;

/// <summary>
/// Keeps the decoders from committing files to the workers before the queue's order is known.
/// <para>
/// The queue hands out the longest file first, but it can only order the files already probed.
/// Decoding ahead took files as soon as they were probed, so while ffprobe still worked through a
/// list, the first few files went out in arrival order (measured with a list sorted by name, 15 s
/// to 120 s: the five shortest went first), and the batch ended on a 60 s file while the other
/// worker idled, instead of on the shortest one. So while files wait to be probed, a decoder takes a
/// file only for a worker that has nothing to do; once every file submitted so far is probed, it
/// decodes ahead as before.
/// </para>
/// </summary>
internal sealed class DispatchGate
{
    private readonly object gate = new();
    private TaskCompletionSource changed = NewSignal();
    private int unprobed;
    private int waitingWorkers;
    private int inFlight;

    /// <summary>A file was submitted and waits to be probed.</summary>
    public void Submitted() => Update(() => unprobed++);

    /// <summary>A submitted file was probed (queued, or failed): call after it is in the queue.</summary>
    public void Probed() => Update(() => unprobed--);

    /// <summary>A worker waits for its next file.</summary>
    public void WorkerWaiting() => Update(() => waitingWorkers++);

    /// <summary>A waiting worker received a decoded file, or stopped waiting.</summary>
    public void WorkerReceived(bool gotFile) => Update(() =>
    {
        waitingWorkers--;
        if (gotFile) inFlight--;
    });

    /// <summary>A decoder's file will not reach a worker (none left, skipped, failed to decode).</summary>
    public void Dropped() => Update(() => inFlight--);

    /// <summary>
    /// Waits until a decoder may take a file, and counts that file as on its way to a worker: when
    /// every submitted file is probed, or when more workers wait than files are on their way.
    /// </summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (unprobed == 0 || waitingWorkers > inFlight)
                {
                    inFlight++;
                    return;
                }
                wait = changed.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Update(Action change)
    {
        TaskCompletionSource wake;
        lock (gate)
        {
            change();
            wake = changed;
            changed = NewSignal();
        }
        wake.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
