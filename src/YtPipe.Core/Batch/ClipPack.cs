using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// Several short clips laid end to end, with silence between them, to be transcribed as one
/// window (<see cref="ShortClipMode.Pack"/>); and the way back: what whisper heard in the pack,
/// split into what each clip said, on each clip's own timeline.
/// <para>
/// A segment belongs to the clip it overlaps most (the earlier one on a tie; when it overlaps
/// none, as a segment inside a gap, the clip nearest its middle). Its words go with it, so a
/// segment that straddles a boundary is never cut in two: its times are kept inside its clip.
/// </para>
/// </summary>
/// <typeparam name="T">What the batch carries with each clip.</typeparam>
internal sealed class ClipPack<T>
{
    public ClipPack(IReadOnlyList<PackedClip<T>> clips, int totalSamples)
    {
        if (clips.Count == 0) throw new ArgumentException("A pack holds at least one clip.", nameof(clips));
        Clips = clips;
        TotalSamples = totalSamples;
    }

    /// <summary>The clips in the order they lie in the buffer.</summary>
    public IReadOnlyList<PackedClip<T>> Clips { get; }

    /// <summary>The packed buffer's length, gaps included (no gap after the last clip).</summary>
    public int TotalSamples { get; }

    /// <summary>The packed buffer: each clip at its offset, silence (zeros) in the gaps.</summary>
    public float[] BuildSamples()
    {
        var buffer = new float[TotalSamples];
        foreach (var clip in Clips)
        {
            clip.Samples.CopyTo(buffer, clip.Offset);
        }
        return buffer;
    }

    /// <summary>
    /// What each clip said, in the order of <see cref="Clips"/>: its segments (and their words)
    /// moved to its own timeline, exactly, and the pack's language, which every clip shares.
    /// </summary>
    public IReadOnlyList<RecognitionResult> Split(RecognitionResult packed)
    {
        var perClip = Clips.Select(_ => new List<TranscriptSegment>()).ToArray();
        foreach (var segment in packed.Segments)
        {
            var index = Owner(segment.Start, segment.End);
            var clip = Clips[index];
            perClip[index].Add(segment with
            {
                Start = ToClip(segment.Start, clip),
                End = ToClip(segment.End, clip),
                Words = segment.Words?.Select(w => w with { Start = ToClip(w.Start, clip), End = ToClip(w.End, clip) }).ToList(),
            });
        }
        // The VAD summary describes the packed buffer, not any one clip, so no clip reports it.
        return perClip.Select(segments => new RecognitionResult(segments, packed.Language, packed.LanguageProbability)).ToList();
    }

    /// <summary>The index of the clip that a stretch of the pack from <paramref name="start"/> to <paramref name="end"/> belongs to.</summary>
    public int Owner(TimeSpan start, TimeSpan end)
    {
        if (end < start) (start, end) = (end, start);
        var best = -1;
        var bestOverlap = TimeSpan.Zero;
        for (var i = 0; i < Clips.Count; i++)
        {
            var from = start > Clips[i].Start ? start : Clips[i].Start;
            var to = end < Clips[i].End ? end : Clips[i].End;
            var overlap = to - from;
            if (overlap > bestOverlap)
            {
                best = i;
                bestOverlap = overlap;
            }
        }
        if (best >= 0) return best;
        // No overlap (a zero-length segment, or one inside a gap or past the end): the nearest clip to its middle.
        var middle = start + (end - start) / 2;
        var nearest = 0;
        var nearestDistance = TimeSpan.MaxValue;
        for (var i = 0; i < Clips.Count; i++)
        {
            var distance = middle < Clips[i].Start ? Clips[i].Start - middle : middle > Clips[i].End ? middle - Clips[i].End : TimeSpan.Zero;
            if (distance < nearestDistance)
            {
                nearest = i;
                nearestDistance = distance;
            }
        }
        return nearest;
    }

    // Onto the clip's timeline, kept inside the clip: a straddling segment must not reach past its own file's end.
    private static TimeSpan ToClip(TimeSpan t, PackedClip<T> clip)
    {
        var shifted = t - clip.Start;
        return shifted < TimeSpan.Zero ? TimeSpan.Zero : shifted > clip.Duration ? clip.Duration : shifted;
    }
}
