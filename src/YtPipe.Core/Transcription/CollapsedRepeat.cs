namespace YtPipe.Core.Transcription;

/// <summary>A run of identical consecutive segments that <see cref="RepeatCollapser"/> turned into one.</summary>
/// <param name="Text">The repeated text.</param>
/// <param name="Start">Where the run started.</param>
/// <param name="End">Where the run ended.</param>
/// <param name="Count">How many segments the run had (3 or more).</param>
public sealed record CollapsedRepeat(string Text, TimeSpan Start, TimeSpan End, int Count);
