using YtPipe.Core.Vad;

namespace YtPipe.Core.Transcription;

/// <summary>What the model heard in one file.</summary>
/// <param name="Segments">The segments in time order.</param>
/// <param name="Language">The detected or forced language; null when nothing was said.</param>
public sealed record RecognitionResult(IReadOnlyList<TranscriptSegment> Segments, string? Language)
{
    /// <summary>What voice activity detection found and skipped; null when VAD was off.</summary>
    public VadSummary? Vad { get; init; }
}
