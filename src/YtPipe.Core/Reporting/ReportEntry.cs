using YtPipe.Core.Batch;

namespace YtPipe.Core.Reporting;

/// <summary>One input as an output folder tells it: transcribed (a JSON transcript or a record) or failed (a failure record).</summary>
public sealed record ReportEntry
{
    /// <summary>The transcripts' path relative to the folder reported, without extension, '/'-separated: the same in any folder a run wrote to.</summary>
    public required string Name { get; init; }

    /// <summary>The input file, as the process that wrote the record saw it; null for a transcript that does not say (the seed tool's).</summary>
    public string? InputPath { get; init; }

    /// <summary>Transcribed or Failed (a skip leaves the folder as it was, so a report never says Skipped).</summary>
    public required FileStatus Status { get; init; }

    /// <summary>The language written, when transcribed.</summary>
    public string? Language { get; init; }

    /// <summary>Length of the audio, when known.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The model name.</summary>
    public string? Model { get; init; }

    /// <summary>What did the work (<c>cpu</c>, <c>cuda:0</c>).</summary>
    public string? Device { get; init; }

    /// <summary>The model's weight type.</summary>
    public string? ComputeType { get; init; }

    /// <summary>The shard (<c>K/N</c>) of the run that wrote it; null for an unsharded run.</summary>
    public string? Shard { get; init; }

    /// <summary>Time the run spent on the file; null when the file does not say.</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>The error id of the last attempt, when it failed.</summary>
    public string? ErrorId { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The transcript files in place (json, txt, srt, vtt), in that order.</summary>
    public IReadOnlyList<string> OutputFiles { get; init; } = [];

    /// <summary>The file the entry was read from: the JSON transcript or a record.</summary>
    public required string RecordPath { get; init; }
}
