namespace YtPipe.PowerShell;

/// <summary>
/// The outcome of one input file, emitted by Invoke-YtTranscription the moment the file is done.
/// Defined here, not in the engine, because the engine lives in a private load context that
/// script type literals cannot see: <c>[YtPipe.PowerShell.TranscriptionResult]</c> works.
/// </summary>
public sealed class TranscriptionResult
{
    /// <summary>The input file.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Transcribed, Skipped or Failed.</summary>
    public TranscriptionStatus Status { get; init; }

    /// <summary>The title, for downloaded items (from yt-dlp's info JSON).</summary>
    public string? Title { get; init; }

    /// <summary>The page the audio came from, for downloaded items.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The detected or forced language code.</summary>
    public string? Language { get; init; }

    /// <summary>Length of the audio.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How many segments the transcript has.</summary>
    public int SegmentCount => Segments.Length;

    /// <summary>The whole text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The segments with their times.</summary>
    public TranscriptSegmentInfo[] Segments { get; init; } = [];

    /// <summary>Mean token probability of the segments (0..1); null when unknown.</summary>
    public double? AverageProbability { get; init; }

    /// <summary>Repetition runs (a segment 3 or more times in a row) collapsed into one segment.</summary>
    public int RepeatsCollapsed { get; init; }

    /// <summary>The transcript looks like a hallucination; SuspectReason says why.</summary>
    public bool Suspect { get; init; }

    /// <summary>Why the transcript is suspect; null when it is not.</summary>
    public string? SuspectReason { get; init; }

    /// <summary>The transcript files: written now, or found in place when skipped.</summary>
    public string[] OutputFiles { get; init; } = [];

    /// <summary>Wall time from the start of decoding to the last file written.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The part of Elapsed spent inside the model (the rest is decoding and writing).</summary>
    public TimeSpan ModelTime { get; init; }

    /// <summary>Elapsed time over audio length: 0.25 is four times faster than real time.</summary>
    public double? RealTimeFactor { get; init; }

    /// <summary>What did the work: cpu or cuda:N.</summary>
    public string? Device { get; init; }

    /// <summary>The model's name.</summary>
    public string? Model { get; init; }

    /// <summary>The model's weight type (f16, q8_0, ...).</summary>
    public string? ComputeType { get; init; }

    /// <summary>The whisper.cpp build that did the work: stock (Whisper.net's, compiled for AVX2) or native (built for this CPU by build.ps1 -Task NativeRuntime).</summary>
    public string? Runtime { get; init; }

    /// <summary>whisper.cpp's system info for that build: the CPU features it uses (AVX2, AVX512, ...).</summary>
    public string? RuntimeInfo { get; init; }

    /// <summary>The worker that did it.</summary>
    public int? Worker { get; init; }

    /// <summary>The shard (K/N) of the run that reported the file, when it was given -Shard.</summary>
    public string? Shard { get; init; }

    /// <summary>The stable error id when the file failed (AudioDecodeFailed, ...).</summary>
    public string? ErrorId { get; init; }

    /// <summary>Why the file failed.</summary>
    public string? ErrorMessage { get; init; }
}
