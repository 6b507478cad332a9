using System.Buffers;
using FFMpegCore.Pipes;

namespace YtPipe.Core.Audio;

/// <summary>
/// Reads ffmpeg's f32le output straight into one float array sized from the probed length, so an
/// hour of audio costs its 230 MB once: a MemoryStream would double its buffer while growing and
/// then copy it again into the array whisper needs. The array grows only when the probe said too
/// little, and is cut to size once when it said too much.
/// </summary>
internal sealed class PcmSampleSink(long expectedSamples) : IPipeSink
{
    // Past a short probe, grow by an eighth (at least 10 s): a probe is rarely far off, and doubling
    // an hour of audio would cost what this sink exists to save.
    private const int MinGrowthSamples = 10 * AudioClip.SampleRate;

    private const int ChunkBytes = 64 * 1024;

    // Buffer.BlockCopy takes int byte offsets: 2 GiB of floats, about 9 hours of 16 kHz audio.
    private const long MaxSamples = int.MaxValue / sizeof(float);

    private float[] samples = new float[Math.Clamp(expectedSamples, 0, MaxSamples)];
    private long bytesRead;

    /// <summary>The samples read, exactly as many as ffmpeg wrote (a trailing partial sample is dropped).</summary>
    public float[] ToSamples()
    {
        var count = (int)(bytesRead / sizeof(float));
        if (count != samples.Length)
        {
            Array.Resize(ref samples, count);
        }
        return samples;
    }

    public string GetStreamArguments() => "-f f32le";

    public async Task ReadAsync(Stream inputStream, CancellationToken cancellationToken)
    {
        // A small buffer copied into the array at a byte offset: Buffer.BlockCopy works on any
        // primitive array, and a span of the array itself cannot live across an await.
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await inputStream.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var capacity = (long)samples.Length * sizeof(float);
                if (bytesRead + read > capacity)
                {
                    Grow(bytesRead + read);
                }
                Buffer.BlockCopy(buffer, 0, samples, (int)bytesRead, read);
                bytesRead += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(long bytesNeeded)
    {
        var needed = (bytesNeeded + sizeof(float) - 1) / sizeof(float);
        var grown = Math.Max(needed, samples.Length + Math.Max(MinGrowthSamples, samples.Length / 8L));
        if (needed > MaxSamples)
        {
            throw new InvalidOperationException("The decoded audio is longer than one array can hold.");
        }
        Array.Resize(ref samples, (int)Math.Min(grown, MaxSamples));
    }
}
