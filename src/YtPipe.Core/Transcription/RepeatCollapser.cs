namespace YtPipe.Core.Transcription;

/// <summary>
/// Collapses whisper's repetition loops: a segment repeated <see cref="MinimumRun"/> or more times in
/// a row becomes one segment spanning the whole run. Two in a row are left alone, since people do
/// say a thing twice ("no, no").
/// </summary>
internal static class RepeatCollapser
{
    /// <summary>The shortest run that is collapsed.</summary>
    public const int MinimumRun = 3;

    public static (IReadOnlyList<TranscriptSegment> Segments, IReadOnlyList<CollapsedRepeat> Collapsed) Collapse(IReadOnlyList<TranscriptSegment> segments)
    {
        var kept = new List<TranscriptSegment>(segments.Count);
        var collapsed = new List<CollapsedRepeat>();
        var i = 0;
        while (i < segments.Count)
        {
            var end = i + 1;
            var key = Key(segments[i].Text);
            while (end < segments.Count && key.Length > 0 && Key(segments[end].Text) == key)
            {
                end++;
            }
            var run = end - i;
            if (run >= MinimumRun)
            {
                var first = segments[i];
                var last = segments[end - 1];
                kept.Add(first with { End = last.End, Probability = MeanProbability(segments, i, end) });
                collapsed.Add(new CollapsedRepeat(first.Text, first.Start, last.End, run));
            }
            else
            {
                for (var j = i; j < end; j++) kept.Add(segments[j]);
            }
            i = end;
        }
        return (kept, collapsed);
    }

    // whisper's loops repeat the text with small differences of case, spacing and final punctuation.
    private static string Key(string text) =>
        string.Join(' ', text.Trim().TrimEnd('.', '!', '?', ',', '…').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static float? MeanProbability(IReadOnlyList<TranscriptSegment> segments, int from, int to)
    {
        var values = Enumerable.Range(from, to - from).Select(k => segments[k].Probability).OfType<float>().ToList();
        return values.Count == 0 ? null : values.Average();
    }
}
