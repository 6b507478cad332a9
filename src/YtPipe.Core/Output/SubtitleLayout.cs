using System.Globalization;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>
/// Turns segments into cues that fit <see cref="SubtitleLayoutOptions"/>: lines filled word by word
/// up to the width, cues up to the line count, split at word timestamps when a segment has them and
/// else in proportion to the characters. A word wider than a line is cut into line-wide pieces, so no
/// line is ever over the width. Cues keep the segments' order, never overlap and never have no length.
/// </summary>
internal static class SubtitleLayout
{
    private readonly record struct Token(string Text, long StartMs, long EndMs);

    /// <summary>The cues for segments; one with <see cref="TranscriptSegment.Words"/> is split at its words' times, else by characters.</summary>
    public static IReadOnlyList<SubtitleCue> Cues(IEnumerable<TranscriptSegment> segments, SubtitleLayoutOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineWidth, 1, nameof(options.MaxLineWidth));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineCount, 1, nameof(options.MaxLineCount));
        var raw = new List<SubtitleCue>();
        foreach (var segment in segments)
        {
            raw.AddRange(Split(segment, segment.Words, options));
        }
        return Settle(raw, (long)options.MinCueDuration.TotalMilliseconds);
    }

    private static IEnumerable<SubtitleCue> Split(TranscriptSegment segment, IReadOnlyList<TranscriptWord>? words, SubtitleLayoutOptions options)
    {
        var start = SubtitleTime.ToMilliseconds(segment.Start);
        var end = Math.Max(start, SubtitleTime.ToMilliseconds(segment.End));
        var timed = words is { Count: > 0 } ? FromWords(words, start, end) : [];
        var byWords = timed.Count > 0;
        var tokens = byWords ? timed : Proportional(SegmentText.OneLine(segment.Text), start, end);
        var cues = Pack(tokens.SelectMany(t => Cut(t, options.MaxLineWidth)), options).ToList();
        if (!byWords && cues.Count > 0)
        {
            // Split by characters, the pieces of a segment follow each other with no gap: the whole segment is covered.
            for (var i = 0; i < cues.Count; i++)
            {
                cues[i] = cues[i] with
                {
                    StartMs = i == 0 ? start : cues[i].StartMs,
                    EndMs = i + 1 < cues.Count ? cues[i + 1].StartMs : end,
                };
            }
        }
        return cues;
    }

    private static List<Token> FromWords(IReadOnlyList<TranscriptWord> words, long start, long end) =>
        words.Select(w => (Text: SegmentText.OneLine(w.Text), w))
            .Where(x => x.Text.Length > 0)
            .SelectMany(x => x.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => new Token(part,
                Math.Clamp(SubtitleTime.ToMilliseconds(x.w.Start), start, end),
                Math.Clamp(SubtitleTime.ToMilliseconds(x.w.End), start, end))))
            .ToList();

    // Each word gets the share of the segment's time its characters (and the space before it) have.
    private static List<Token> Proportional(string text, long start, long end)
    {
        var tokens = new List<Token>();
        if (text.Length == 0) return tokens;
        long At(int offset) => start + (end - start) * offset / text.Length;
        var offset = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = text.IndexOf(word, offset, StringComparison.Ordinal);
            tokens.Add(new Token(word, At(offset), At(at + word.Length)));
            offset = at + word.Length;
        }
        return tokens;
    }

    // A word wider than a line is cut into line-wide pieces, at text-element boundaries, its time shared by length.
    private static IEnumerable<Token> Cut(Token token, int width)
    {
        var info = new StringInfo(token.Text);
        var length = info.LengthInTextElements;
        if (length <= width)
        {
            yield return token;
            yield break;
        }
        for (var at = 0; at < length; at += width)
        {
            var size = Math.Min(width, length - at);
            yield return new Token(info.SubstringByTextElements(at, size),
                token.StartMs + (token.EndMs - token.StartMs) * at / length,
                token.StartMs + (token.EndMs - token.StartMs) * (at + size) / length);
        }
    }

    private static IEnumerable<SubtitleCue> Pack(IEnumerable<Token> tokens, SubtitleLayoutOptions options)
    {
        var lines = new List<string>();
        var line = "";
        var lineWidth = 0;
        long cueStart = 0, cueEnd = 0;
        foreach (var token in tokens)
        {
            var width = new StringInfo(token.Text).LengthInTextElements;
            if (lineWidth > 0 && lineWidth + 1 + width <= options.MaxLineWidth)
            {
                line += " " + token.Text;
                lineWidth += 1 + width;
                cueEnd = token.EndMs;
                continue;
            }
            if (lineWidth > 0)
            {
                lines.Add(line);
                if (lines.Count == options.MaxLineCount)
                {
                    yield return new SubtitleCue(cueStart, cueEnd, string.Join('\n', lines));
                    lines.Clear();
                }
            }
            if (lines.Count == 0)
            {
                cueStart = token.StartMs;
            }
            line = token.Text;
            lineWidth = width;
            cueEnd = token.EndMs;
        }
        if (lineWidth > 0)
        {
            lines.Add(line);
            yield return new SubtitleCue(cueStart, cueEnd, string.Join('\n', lines));
        }
    }

    // In reading order: a cue starts no earlier than the one before ends, lasts the minimum when the
    // next cue's start leaves room, and lasts at least a millisecond whatever happens.
    private static List<SubtitleCue> Settle(List<SubtitleCue> raw, long minimum)
    {
        var cues = new List<SubtitleCue>(raw.Count);
        long previousEnd = 0;
        for (var i = 0; i < raw.Count; i++)
        {
            var start = Math.Max(raw[i].StartMs, previousEnd);
            var next = i + 1 < raw.Count ? raw[i + 1].StartMs : long.MaxValue;
            var end = Math.Max(raw[i].EndMs, Math.Min(start + minimum, next));
            end = Math.Max(end, start + 1);
            cues.Add(raw[i] with { StartMs = start, EndMs = end });
            previousEnd = end;
        }
        return cues;
    }
}
