namespace YtPipe.Core.Output;

/// <summary>One timed word of a segment, when the recogniser gives word timestamps; the layout splits cues on them.</summary>
/// <param name="Start">Where the word starts, from the start of the file.</param>
/// <param name="End">Where the word ends.</param>
/// <param name="Text">The word as it appears in the segment's text.</param>
public sealed record SubtitleWord(TimeSpan Start, TimeSpan End, string Text);
