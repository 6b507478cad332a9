using YtPipe.Core.Vad;

namespace YtPipe.Core.Batch;

/// <summary>One clip's place in a <see cref="ClipPack{T}"/>: where its samples start in the packed buffer, and how many there are.</summary>
/// <typeparam name="T">What the batch carries with the clip (its plan, lease, decode time).</typeparam>
/// <param name="Item">The clip's work item.</param>
/// <param name="Samples">The clip's decoded samples.</param>
/// <param name="Offset">The sample where the clip starts in the packed buffer.</param>
internal sealed record PackedClip<T>(T Item, float[] Samples, int Offset)
{
    /// <summary>The clip's length, in samples.</summary>
    public int Length => Samples.Length;

    /// <summary>Where the clip starts on the pack's timeline, exactly.</summary>
    public TimeSpan Start => SpeechRegion.TimeOf(Offset);

    /// <summary>Where the clip ends on the pack's timeline, exactly.</summary>
    public TimeSpan End => SpeechRegion.TimeOf((long)Offset + Length);

    /// <summary>The clip's own length, exactly.</summary>
    public TimeSpan Duration => SpeechRegion.TimeOf(Length);
}
