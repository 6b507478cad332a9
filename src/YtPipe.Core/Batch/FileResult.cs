using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>The outcome of one input file, reported the moment it is known.</summary>
public sealed record FileResult
{
    /// <summary>The input file.</summary>
    public required string InputPath { get; init; }

    /// <summary>Transcribed, Skipped or Failed.</summary>
    public required FileStatus Status { get; init; }

    /// <summary>The transcript, when the file was transcribed.</summary>
    public Transcript? Transcript { get; init; }

    /// <summary>The transcript files of the file: written now, or found in place when skipped.</summary>
    public IReadOnlyList<string> OutputFiles { get; init; } = [];

    /// <summary>Length of the audio, when it is known.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Time spent on the file: decoding, then from a worker taking it to the last transcript written (a wait for a free worker is not counted).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The part of <see cref="Elapsed"/> spent inside the model.</summary>
    public TimeSpan ModelTime { get; init; }

    /// <summary>Elapsed time over audio length: 0.1 means ten times faster than real time.</summary>
    public double? RealTimeFactor => Duration is { TotalSeconds: > 0 } d && Status == FileStatus.Transcribed ? Elapsed.TotalSeconds / d.TotalSeconds : null;

    /// <summary>What did the work (<c>cpu</c>, <c>cuda:0</c>).</summary>
    public string? Device { get; init; }

    /// <summary>The whisper.cpp build that did the work (stock or native), for a transcribed file.</summary>
    public TranscriptionRuntime? Runtime => Transcript?.Runtime;

    /// <summary>The model name.</summary>
    public string? Model { get; init; }

    /// <summary>The worker that did it (0-based).</summary>
    public int? Worker { get; init; }

    /// <summary>Why a skipped file was skipped, when not simply because its transcripts existed when it was planned.</summary>
    public string? SkipReason { get; init; }

    /// <summary>The shard (<c>K/N</c>) of the run that reported the file; null for an unsharded run.</summary>
    public string? Shard { get; init; }

    /// <summary>Why the file failed.</summary>
    public YtPipeException? Error { get; init; }
}
