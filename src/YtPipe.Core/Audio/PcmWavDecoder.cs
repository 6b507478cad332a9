using System.Buffers.Binary;
using System.Runtime.InteropServices;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Audio;

/// <summary>
/// Reads a WAV that already holds whisper's input (16 kHz mono, 16-bit or float PCM) in process, and
/// hands every other file to <paramref name="fallback"/> (ffmpeg). Such WAVs are what batch users and
/// whisper.cpp's own CLI feed in; for them ffprobe and ffmpeg cost two process starts per file (about
/// 165 ms of CPU on the 2-core build machine, as much as the encoder spends on a 3 s clip with a sized
/// audio context). The samples are exactly ffmpeg's: 16-bit values divided by 32768, floats as they are.
/// </summary>
public sealed class PcmWavDecoder(IAudioDecoder fallback) : IAudioDecoder
{
    private const int ChunkBytes = 1 << 16;

    /// <inheritdoc />
    public async Task<AudioClip> DecodeAsync(string path, TimeSpan expectedLength, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (var stream = Open(path))
        {
            if (stream is not null && ReadHeader(path, stream) is { } header)
            {
                return new AudioClip(await ReadSamplesAsync(path, stream, header, cancellationToken).ConfigureAwait(false));
            }
        }
        return await fallback.DecodeAsync(path, expectedLength, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<TimeSpan> ProbeDurationAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (var stream = Open(path))
        {
            if (stream is not null && ReadHeader(path, stream) is { } header)
            {
                return Task.FromResult(header.Duration);
            }
        }
        return fallback.ProbeDurationAsync(path, cancellationToken);
    }

    // Null when the fallback should see the file: it names a missing, unreadable or empty file as before.
    private static FileStream? Open(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.Length == 0)
            {
                stream.Dispose();
                return null;
            }
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static WavHeader? ReadHeader(string path, FileStream stream)
    {
        try
        {
            return WavHeader.TryRead(stream);
        }
        catch (IOException e)
        {
            throw new InputUnreadableException(path, e);
        }
    }

    private static async Task<float[]> ReadSamplesAsync(string path, FileStream stream, WavHeader header, CancellationToken cancellationToken)
    {
        var samples = new float[header.SampleCount];
        var buffer = new byte[ChunkBytes];
        stream.Position = header.DataOffset;
        long done = 0;
        try
        {
            while (done < samples.Length)
            {
                var want = (int)Math.Min(buffer.Length, (samples.Length - done) * header.BytesPerSample);
                await stream.ReadExactlyAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                var count = want / header.BytesPerSample;
                Convert(buffer.AsSpan(0, want), samples.AsSpan((int)done, count), header.Float);
                done += count;
            }
        }
        catch (Exception e) when (e is IOException)
        {
            // The header said the data is there (checked against the file's length): it went away or the disk failed.
            throw new InputUnreadableException(path, e);
        }
        return samples;
    }

    private static void Convert(ReadOnlySpan<byte> bytes, Span<float> samples, bool isFloat)
    {
        if (isFloat)
        {
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(samples);
                return;
            }
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
            }
            return;
        }
        // What ffmpeg's s16 to flt conversion does: value * (1 / 32768).
        const float scale = 1f / 32768f;
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]) * scale;
        }
    }
}
