namespace YtPipe.Core.Batch;

/// <summary>A snapshot of a batch's progress, cheap to take; the host decides how often to show it.</summary>
public sealed record BatchProgress
{
    /// <summary>Files submitted for work (skipped files are not counted).</summary>
    public int FilesTotal { get; init; }

    /// <summary>Files finished, failed ones included.</summary>
    public int FilesDone { get; init; }

    /// <summary>Audio length of every file whose length is known so far.</summary>
    public TimeSpan AudioTotal { get; init; }

    /// <summary>Audio transcribed, the part of files in work included.</summary>
    public TimeSpan AudioDone { get; init; }

    /// <summary>Time since the first file started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Estimated time left, once there is a rate to estimate from.</summary>
    public TimeSpan? Remaining { get; init; }

    /// <summary>Fraction done by audio length, 0..1.</summary>
    public double Fraction => AudioTotal > TimeSpan.Zero ? Math.Clamp(AudioDone / AudioTotal, 0, 1) : FilesTotal > 0 ? FilesDone / (double)FilesTotal : 0;

    /// <summary>Each worker's state.</summary>
    public IReadOnlyList<WorkerProgress> Workers { get; init; } = [];
}
