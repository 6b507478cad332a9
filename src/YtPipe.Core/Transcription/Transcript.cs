namespace YtPipe.Core.Transcription;

/// <summary>Everything a writer needs to write one file's transcript.</summary>
public sealed record Transcript
{
    /// <summary>Full path of the transcribed audio.</summary>
    public required string SourcePath { get; init; }

    /// <summary>An identifier for the item: a video id for downloads, else the file's name without extension.</summary>
    public required string VideoId { get; init; }

    /// <summary>Where the audio came from on the web; null for local files (never guessed).</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The title, for downloaded items.</summary>
    public string? Title { get; init; }

    /// <summary>The uploader, for downloaded items.</summary>
    public string? Uploader { get; init; }

    /// <summary>The upload date (YYYYMMDD), for downloaded items.</summary>
    public string? UploadDate { get; init; }

    /// <summary>Model name, such as <c>base.en</c>.</summary>
    public required string Model { get; init; }

    /// <summary>What did the work: <c>cpu</c>, <c>cuda:0</c>.</summary>
    public required string Device { get; init; }

    /// <summary>The model's weight type, such as <c>f16</c> or <c>q8_0</c>.</summary>
    public required string ComputeType { get; init; }

    /// <summary>The whisper.cpp build that did the work (stock or native) and the CPU features it used; null when unknown.</summary>
    public TranscriptionRuntime? Runtime { get; init; }

    /// <summary>Length of the audio.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The spoken (or forced) language code; null when it could not be told.</summary>
    public string? Language { get; init; }

    /// <summary>The segments, in time order.</summary>
    public required IReadOnlyList<TranscriptSegment> Segments { get; init; }

    /// <summary>How far the transcript can be trusted: probabilities, repeats collapsed, and whether it looks like a hallucination.</summary>
    public TranscriptQuality Quality { get; init; } = TranscriptQuality.Unknown;

    /// <summary>The shard (<c>K/N</c>) of the run that made it; null for an unsharded run. Recorded so a report can say who did what.</summary>
    public string? Shard { get; init; }

    /// <summary>Time spent on the file (decoding and transcribing) when it was written; null when unknown (a transcript read back).</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>The whole text: segment texts joined by spaces.</summary>
    public string Text => string.Join(" ", Segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0));
}
