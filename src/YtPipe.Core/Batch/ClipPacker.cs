using YtPipe.Core.Audio;

namespace YtPipe.Core.Batch;

/// <summary>
/// Gathers short decoded clips into packs of at most one 30 s window, in the order they come
/// (<see cref="Transcription.ShortClipMode.Pack"/>). Several decoders add to one packer, so it locks.
/// </summary>
/// <typeparam name="T">What the batch carries with each clip.</typeparam>
internal sealed class ClipPacker<T>
{
    /// <summary>Whisper's window: a pack never exceeds it, so it is encoded once.</summary>
    public const int WindowSamples = 30 * AudioClip.SampleRate;

    /// <summary>
    /// Silence between two clips, so that whisper hears a pause at the boundary and ends its
    /// segment there, instead of running one clip's words into the next's.
    /// </summary>
    public const int GapSamples = AudioClip.SampleRate;

    /// <summary>The longest clip that is packed; a longer one fills most of a window alone, so it is transcribed as usual.</summary>
    public const int MaxClipSamples = 10 * AudioClip.SampleRate;

    private readonly object gate = new();
    private readonly List<PackedClip<T>> clips = [];
    private int used;

    /// <summary>Whether a clip of <paramref name="samples"/> samples is packed (an empty one is not: it has nothing to share).</summary>
    public static bool IsPackable(int samples) => samples > 0 && samples <= MaxClipSamples;

    /// <summary>
    /// Adds a packable clip. Returns the pack that it did not fit in, now full, for a worker; the
    /// clip starts the next pack. Null while the pack still has room.
    /// </summary>
    public ClipPack<T>? Add(T item, float[] samples)
    {
        if (!IsPackable(samples.Length)) throw new ArgumentException($"A clip of {samples.Length} samples is not packed.", nameof(samples));
        lock (gate)
        {
            ClipPack<T>? full = null;
            var offset = clips.Count == 0 ? 0 : used + GapSamples;
            if (offset + samples.Length > WindowSamples)
            {
                full = TakeLocked();
                offset = 0;
            }
            clips.Add(new PackedClip<T>(item, samples, offset));
            used = offset + samples.Length;
            return full;
        }
    }

    /// <summary>The pack being gathered, however full (the input has ended); null when there is none.</summary>
    public ClipPack<T>? Flush()
    {
        lock (gate) return clips.Count == 0 ? null : TakeLocked();
    }

    private ClipPack<T> TakeLocked()
    {
        var pack = new ClipPack<T>([.. clips], used);
        clips.Clear();
        used = 0;
        return pack;
    }
}
