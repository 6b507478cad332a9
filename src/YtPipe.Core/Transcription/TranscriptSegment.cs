namespace YtPipe.Core.Transcription;

/// <summary>One stretch of recognised speech, with times relative to the start of the file.</summary>
/// <param name="Start">Where the segment starts.</param>
/// <param name="End">Where the segment ends.</param>
/// <param name="Text">The text, as the model returned it (leading space trimmed).</param>
/// <param name="Probability">Mean token probability (0..1), when the engine reports it.</param>
/// <param name="Words">The timed words, when word timestamps were asked for; null otherwise.</param>
public sealed record TranscriptSegment(TimeSpan Start, TimeSpan End, string Text, float? Probability = null,
    IReadOnlyList<TranscriptWord>? Words = null);
