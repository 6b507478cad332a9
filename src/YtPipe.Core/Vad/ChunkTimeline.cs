using YtPipe.Core.Transcription;

namespace YtPipe.Core.Vad;

/// <summary>
/// Moves what whisper recognised in one chunk back onto the file's timeline: every segment and
/// word time plus the chunk's start, exactly (a sample offset is a whole number of ticks). Times
/// are first kept inside the chunk: whisper times a short chunk's last segment on its 30 s grid,
/// which would otherwise reach into the next chunk.
/// </summary>
internal static class ChunkTimeline
{
    /// <summary>The segments of <paramref name="chunk"/> on the file's timeline.</summary>
    public static IEnumerable<TranscriptSegment> ToFile(IEnumerable<TranscriptSegment> segments, SpeechRegion chunk)
    {
        var offset = chunk.StartTime;
        var length = SpeechRegion.TimeOf(chunk.Length);
        return segments.Select(s => s with
        {
            Start = Clamp(s.Start, length) + offset,
            End = Clamp(s.End, length) + offset,
            Words = s.Words?.Select(w => w with { Start = Clamp(w.Start, length) + offset, End = Clamp(w.End, length) + offset }).ToList(),
        });
    }

    private static TimeSpan Clamp(TimeSpan t, TimeSpan length) => t < TimeSpan.Zero ? TimeSpan.Zero : t > length ? length : t;
}
