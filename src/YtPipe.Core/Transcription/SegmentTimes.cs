namespace YtPipe.Core.Transcription;

/// <summary>
/// Keeps segment times inside the audio: whisper.cpp times the last window of a short clip on a
/// 30 s grid, so a 2.5 s clip can end a segment at 15.48 s, and a subtitle cue past the end of
/// the media confuses players and editors.
/// </summary>
internal static class SegmentTimes
{
    /// <summary>The segments with every start and end clamped to [0, <paramref name="duration"/>].</summary>
    public static IReadOnlyList<TranscriptSegment> ClampTo(IReadOnlyList<TranscriptSegment> segments, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || segments.All(s => s.Start >= TimeSpan.Zero && s.End <= duration && s.Start <= s.End))
        {
            return segments;
        }
        return segments.Select(s =>
        {
            var start = Clamp(s.Start, duration);
            var end = Clamp(s.End, duration);
            return s with { Start = start, End = end < start ? start : end };
        }).ToList();
    }

    private static TimeSpan Clamp(TimeSpan t, TimeSpan duration) =>
        t < TimeSpan.Zero ? TimeSpan.Zero : t > duration ? duration : t;
}
