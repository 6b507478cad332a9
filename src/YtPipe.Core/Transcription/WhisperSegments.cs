using Whisper.net;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Turns Whisper.net's <see cref="SegmentData"/> into a <see cref="TranscriptSegment"/>, with its words
/// when they were asked for. Token times are whisper.cpp's centiseconds from the start of the audio it
/// was given. A token aligned by DTW has one time, where its alignment begins: it lasts until the next
/// aligned token (the last one until the segment ends). Without DTW a token has whisper.cpp's own
/// start and end (<c>token_timestamps</c>). Words are kept inside their segment.
/// </summary>
internal static class WhisperSegments
{
    public static TranscriptSegment ToSegment(SegmentData segment, bool withWords) =>
        new(segment.Start, segment.End, segment.Text.Trim(), segment.Probability,
            withWords ? Repaired(Words(segment.Tokens, segment.Start, segment.End), segment.Text) : null);

    /// <summary>
    /// Whisper's tokens are bytes, and a character of Chinese, Japanese or an emoji can be split over
    /// two of them: decoded alone, each half is U+FFFD, while the segment's text (decoded whole) is
    /// right. Such words take their text from the segment's, word for word; when the two cannot be
    /// matched the segment has no words, and the layout splits it by characters instead.
    /// </summary>
    public static IReadOnlyList<TranscriptWord>? Repaired(IReadOnlyList<TranscriptWord> words, string segmentText)
    {
        if (!words.Any(w => w.Text.Contains('\uFFFD')))
        {
            return words;
        }
        var pieces = segmentText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return pieces.Length == words.Count && !segmentText.Contains('\uFFFD')
            ? words.Select((w, i) => w with { Text = pieces[i] }).ToList()
            : null;
    }

    public static IReadOnlyList<TranscriptWord> Words(IReadOnlyList<WhisperToken> tokens, TimeSpan segmentStart, TimeSpan segmentEnd)
    {
        var text = tokens.Where(t => !string.IsNullOrEmpty(t.Text) && !WordJoiner.IsSpecial(t.Text)).ToList();
        var timed = new List<TimedToken>(text.Count);
        for (var i = 0; i < text.Count; i++)
        {
            var token = text[i];
            TimeSpan start, end;
            if (token.DtwTimestamp >= 0)
            {
                start = Centiseconds(token.DtwTimestamp);
                var next = text.Skip(i + 1).FirstOrDefault(t => t.DtwTimestamp >= 0);
                end = next is null ? segmentEnd : Centiseconds(next.DtwTimestamp);
            }
            else
            {
                start = Centiseconds(token.Start);
                end = Centiseconds(token.End);
            }
            start = Within(start, segmentStart, segmentEnd);
            end = Within(end, start, segmentEnd);
            timed.Add(new TimedToken(token.Text!, start, end, token.Probability));
        }
        return WordJoiner.Join(timed);
    }

    private static TimeSpan Centiseconds(long value) => TimeSpan.FromMilliseconds(value * 10);

    private static TimeSpan Within(TimeSpan t, TimeSpan low, TimeSpan high) =>
        high < low ? low : t < low ? low : t > high ? high : t;
}
