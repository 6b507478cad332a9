using System.Diagnostics;

namespace YtPipe.Core.Batch;

/// <summary>
/// Counts a batch's files and audio as they are queued, probed and finished, and what each worker
/// is doing, so a host can poll one consistent <see cref="BatchProgress"/> with an ETA from the
/// audio done so far. The clock starts with the first transcription, not with the batch: model
/// loading and waiting for input are not speed.
/// </summary>
internal sealed class BatchProgressTracker
{
    private readonly object gate = new();
    private readonly Stopwatch clock = new();
    private readonly WorkerActivity[] workers;
    private int filesTotal;
    private int filesDone;
    private TimeSpan audioTotal;
    private TimeSpan audioDone;

    public BatchProgressTracker(IReadOnlyList<WorkerSlot> slots) => workers = slots.Select(s => new WorkerActivity(s)).ToArray();

    /// <summary>The workers' activities, in plan order.</summary>
    public IReadOnlyList<WorkerActivity> Workers => workers;

    /// <summary>A file was queued.</summary>
    public void FileQueued()
    {
        lock (gate) filesTotal++;
    }

    /// <summary>A queued file's length is known.</summary>
    public void AudioProbed(TimeSpan length)
    {
        lock (gate) audioTotal += length;
    }

    /// <summary>A worker starts on a file; the first start starts the clock.</summary>
    public void StartClock()
    {
        lock (gate)
        {
            if (!clock.IsRunning) clock.Start();
        }
    }

    /// <summary>A file is done (transcribed, skipped or failed) with <paramref name="length"/> of audio.</summary>
    public void FileDone(TimeSpan length)
    {
        lock (gate)
        {
            filesDone++;
            audioDone += length;
        }
    }

    /// <summary>A consistent snapshot.</summary>
    public BatchProgress Snapshot()
    {
        lock (gate)
        {
            var inWork = TimeSpan.Zero;
            var perWorker = new List<WorkerProgress>(workers.Length);
            foreach (var w in workers)
            {
                var (file, length, fraction) = w.Snapshot();
                inWork += length * fraction;
                perWorker.Add(new WorkerProgress(w.Slot.Index, w.Slot.Device.ToString(), file, fraction));
            }
            var done = audioDone + inWork;
            var elapsed = clock.Elapsed;
            TimeSpan? remaining = null;
            if (done > TimeSpan.Zero && elapsed > TimeSpan.Zero && audioTotal > done)
            {
                remaining = TimeSpan.FromSeconds((audioTotal - done).TotalSeconds * elapsed.TotalSeconds / done.TotalSeconds);
            }
            return new BatchProgress
            {
                FilesTotal = filesTotal,
                FilesDone = filesDone,
                AudioTotal = audioTotal,
                AudioDone = done,
                Elapsed = elapsed,
                Remaining = remaining,
                Workers = perWorker,
            };
        }
    }
}
