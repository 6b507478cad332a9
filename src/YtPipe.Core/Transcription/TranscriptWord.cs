namespace YtPipe.Core.Transcription;

/// <summary>One timed word of a segment, joined from whisper.cpp's tokens when word timestamps are asked for.</summary>
/// <param name="Start">Where the word starts, from the start of the file.</param>
/// <param name="End">Where the word ends.</param>
/// <param name="Text">The word as it appears in the segment's text, punctuation attached, no leading space.</param>
/// <param name="Probability">Mean probability of the word's tokens (0..1), when the engine reports it.</param>
public sealed record TranscriptWord(TimeSpan Start, TimeSpan End, string Text, float? Probability = null);
