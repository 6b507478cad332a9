namespace YtPipe.Core.Batch;

/// <summary>What one worker is doing now: the file and how far whisper.cpp is into it. Also the progress sink its transcriber reports to.</summary>
internal sealed class WorkerActivity(WorkerSlot slot) : IProgress<double>
{
    private readonly object gate = new();
    private string? file;
    private TimeSpan length;
    private double fraction;

    /// <summary>The worker's place in the plan.</summary>
    public WorkerSlot Slot { get; } = slot;

    /// <summary>The worker starts on <paramref name="path"/>.</summary>
    public void Begin(string path, TimeSpan audioLength)
    {
        lock (gate) { file = path; length = audioLength; fraction = 0; }
    }

    /// <summary>The worker is idle.</summary>
    public void Clear()
    {
        lock (gate) { file = null; length = TimeSpan.Zero; fraction = 0; }
    }

    /// <inheritdoc />
    public void Report(double value)
    {
        lock (gate) fraction = Math.Clamp(value, 0, 1);
    }

    /// <summary>The file, its length and the fraction done, read together.</summary>
    public (string? File, TimeSpan Length, double Fraction) Snapshot()
    {
        lock (gate) return (file, length, fraction);
    }
}
