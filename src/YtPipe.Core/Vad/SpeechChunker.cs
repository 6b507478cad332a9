namespace YtPipe.Core.Vad;

/// <summary>
/// Turns detected speech into the chunks whisper transcribes: each region padded, overlapping
/// regions joined, neighbours merged while the chunk stays within the longest allowed and the
/// silence between them is short, and a region longer than that cut into equal parts. The chunks
/// are in order and never overlap, so every recognised time maps back to one place.
/// </summary>
internal static class SpeechChunker
{
    /// <summary>
    /// The longest silence kept inside a chunk. Each chunk costs a full whisper window however
    /// short it is, so close regions share one; a long silence inside a chunk is where whisper
    /// invents text, which VAD is there to avoid.
    /// </summary>
    public static readonly TimeSpan MaxInnerSilence = TimeSpan.FromSeconds(2);

    /// <summary>The padded speech: regions grown by the padding, clipped to the file, overlaps joined.</summary>
    public static IReadOnlyList<SpeechRegion> Pad(IEnumerable<SpeechRegion> regions, long sampleCount, TimeSpan pad)
    {
        var padSamples = SpeechRegion.SampleAt(pad);
        var joined = new List<SpeechRegion>();
        foreach (var r in regions.OrderBy(r => r.Start))
        {
            var start = Math.Max(0, r.Start - padSamples);
            var end = Math.Min(sampleCount, r.End + padSamples);
            if (end <= start) continue;
            if (joined.Count > 0 && start <= joined[^1].End)
            {
                joined[^1] = joined[^1] with { End = Math.Max(joined[^1].End, end) };
            }
            else
            {
                joined.Add(new SpeechRegion(start, end));
            }
        }
        return joined;
    }

    /// <summary>The chunks for padded, ordered, disjoint <paramref name="speech"/>; none is longer than <paramref name="maxChunk"/> (at most 30 s).</summary>
    public static IReadOnlyList<SpeechRegion> Chunk(IReadOnlyList<SpeechRegion> speech, TimeSpan maxChunk)
    {
        var max = SpeechRegion.SampleAt(maxChunk > VadOptions.MaxChunkLimit || maxChunk <= TimeSpan.Zero ? VadOptions.MaxChunkLimit : maxChunk);
        var maxGap = SpeechRegion.SampleAt(MaxInnerSilence);
        var chunks = new List<SpeechRegion>();
        foreach (var region in speech.SelectMany(r => Split(r, max)))
        {
            if (chunks.Count > 0 && region.End - chunks[^1].Start <= max && region.Start - chunks[^1].End <= maxGap)
            {
                chunks[^1] = chunks[^1] with { End = region.End };
            }
            else
            {
                chunks.Add(region);
            }
        }
        return chunks;
    }

    // Equal parts rather than full ones and a stub: a stub of a few frames gives whisper too little to recognise.
    private static IEnumerable<SpeechRegion> Split(SpeechRegion region, long max)
    {
        var parts = (region.Length + max - 1) / max;
        for (var i = 0L; i < parts; i++)
        {
            yield return new SpeechRegion(region.Start + region.Length * i / parts, region.Start + region.Length * (i + 1) / parts);
        }
    }
}
