using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>A subtitle cue in whole milliseconds, as SRT and VTT both need it.</summary>
internal sealed record SubtitleCue(long StartMs, long EndMs, string Text)
{
    /// <summary>
    /// Turns segments into cues: blank texts are dropped, line breaks are folded (a blank line would
    /// end an SRT cue early), and a cue that would have no length after rounding is stretched to the
    /// next cue's start, at most one second, at least one millisecond, so every cue shows.
    /// </summary>
    public static IReadOnlyList<SubtitleCue> FromSegments(IEnumerable<TranscriptSegment> segments)
    {
        var spoken = segments
            .Select(s => (Start: SubtitleTime.ToMilliseconds(s.Start), End: SubtitleTime.ToMilliseconds(s.End), Text: SegmentText.OneLine(s.Text)))
            .Where(s => s.Text.Length > 0)
            .ToList();
        var cues = new List<SubtitleCue>(spoken.Count);
        for (var i = 0; i < spoken.Count; i++)
        {
            var (start, end, text) = spoken[i];
            if (end <= start)
            {
                var next = i + 1 < spoken.Count ? spoken[i + 1].Start : long.MaxValue;
                end = Math.Max(start + 1, Math.Min(start + 1000, next));
            }
            cues.Add(new SubtitleCue(start, end, text));
        }
        return cues;
    }
}
