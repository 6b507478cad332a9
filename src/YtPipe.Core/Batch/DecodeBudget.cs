using YtPipe.Core.Audio;

namespace YtPipe.Core.Batch;

/// <summary>
/// Bytes of decoded audio that a batch holds at once: files decoded but not yet transcribed, and
/// the files in the workers. A decoder waits for room before it decodes, so one long file is not
/// decoded ahead beside another (an hour of 16 kHz float audio is 230 MB). A file larger than the
/// whole budget still goes when nothing else holds any: it waits, it is never refused.
/// </summary>
internal sealed class DecodeBudget
{
    /// <summary>
    /// Room for one file per worker plus one decoded ahead, at 128 MiB (35 minutes of audio) each:
    /// longer than most files, so ordinary batches never wait on the budget, while an hour-long
    /// file (230 MB) is decoded only when the files before it are done with. Decoding runs at
    /// ~300x real time, so not decoding a long file ahead costs seconds against minutes of model time.
    /// </summary>
    public const long BytesPerSlot = 128L * 1024 * 1024;

    private readonly object gate = new();
    private TaskCompletionSource released = NewSignal();
    private long held;

    public DecodeBudget(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    /// <summary>The budget of a batch with <paramref name="workers"/> workers.</summary>
    public static DecodeBudget ForWorkers(int workers) => new((Math.Max(1, workers) + 1) * BytesPerSlot);

    /// <summary>What the decoded samples of <paramref name="length"/> of audio take.</summary>
    public static long BytesFor(TimeSpan length) =>
        (long)Math.Ceiling(Math.Max(0, length.TotalSeconds) * AudioClip.SampleRate) * sizeof(float);

    public long CapacityBytes { get; }

    /// <summary>Bytes held now.</summary>
    public long HeldBytes
    {
        get { lock (gate) return held; }
    }

    /// <summary>Waits until <paramref name="bytes"/> fit (or nothing else is held), then holds them until the lease is disposed.</summary>
    public async Task<Lease> AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (held == 0 || held + bytes <= CapacityBytes)
                {
                    held += bytes;
                    return new Lease(this, bytes);
                }
                wait = released.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Change(long delta)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            held += delta;
            if (delta >= 0) return;
            signal = released;
            released = NewSignal();
        }
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Bytes held for one file; disposing gives them back (once).</summary>
    public sealed class Lease : IDisposable
    {
        private readonly DecodeBudget budget;
        private long bytes;
        private int disposed;

        internal Lease(DecodeBudget budget, long bytes)
        {
            this.budget = budget;
            this.bytes = bytes;
        }

        /// <summary>
        /// Holds what the decoded file really takes, now that it is known (the probe may have been off);
        /// it never waits, since the samples already exist.
        /// </summary>
        public void Resize(long actualBytes)
        {
            if (Volatile.Read(ref disposed) != 0) return;
            var delta = actualBytes - Interlocked.Exchange(ref bytes, actualBytes);
            if (delta != 0) budget.Change(delta);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0) return;
            budget.Change(-Interlocked.Read(ref bytes));
        }
    }
}
