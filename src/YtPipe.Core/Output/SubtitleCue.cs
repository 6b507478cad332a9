namespace YtPipe.Core.Output;

/// <summary>A subtitle cue in whole milliseconds, as SRT and VTT both need it; lines are separated by <c>\n</c>.</summary>
internal sealed record SubtitleCue(long StartMs, long EndMs, string Text);
