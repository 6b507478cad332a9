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
        if (duration <= TimeSpan.Zero || segments.All(s => Inside(s.Start, s.End, duration) && (s.Words ?? []).All(w => Inside(w.Start, w.End, duration))))
        {
            return segments;
        }
        return segments.Select(s =>
        {
            var (start, end) = Clamp(s.Start, s.End, duration);
            // Words are clamped like their segment, so a cue split on them never outlives the media either.
            var words = s.Words?.Select(w =>
            {
                var (ws, we) = Clamp(w.Start, w.End, duration);
                return w with { Start = ws, End = we };
            }).ToList();
            return s with { Start = start, End = end, Words = words };
        }).ToList();
    }

    private static bool Inside(TimeSpan start, TimeSpan end, TimeSpan duration) => start >= TimeSpan.Zero && end <= duration && start <= end;

    private static (TimeSpan Start, TimeSpan End) Clamp(TimeSpan start, TimeSpan end, TimeSpan duration)
    {
        start = Clamp(start, duration);
        end = Clamp(end, duration);
        return (start, end < start ? start : end);
    }

    private static TimeSpan Clamp(TimeSpan t, TimeSpan duration) =>
        t < TimeSpan.Zero ? TimeSpan.Zero : t > duration ? duration : t;
}
