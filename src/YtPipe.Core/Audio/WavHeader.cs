using System.Buffers.Binary;

namespace YtPipe.Core.Audio;

/// <summary>
/// The layout of a RIFF/WAVE file whose samples whisper can take as they are: 16 kHz, mono, 16-bit
/// integer or 32-bit float PCM (plain or WAVE_FORMAT_EXTENSIBLE). Anything else (another rate,
/// stereo, 8/24/32-bit integers, compressed data, RF64, a streamed header whose sizes are unknown,
/// a data chunk longer than the file) is not read here: ffmpeg decodes it, as every other file.
/// </summary>
/// <param name="Float">32-bit float samples; otherwise 16-bit signed integers.</param>
/// <param name="DataOffset">Where the first sample starts in the file.</param>
/// <param name="SampleCount">Whole samples in the data chunk.</param>
internal sealed record WavHeader(bool Float, long DataOffset, long SampleCount)
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;
    private const int MaxChunks = 64;

    // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT share these 14 bytes after their 2-byte format tag.
    private static ReadOnlySpan<byte> SubFormatTail => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Bytes per sample.</summary>
    public int BytesPerSample => Float ? 4 : 2;

    /// <summary>The length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(SampleCount / (double)AudioClip.SampleRate);

    /// <summary>Reads the header of <paramref name="stream"/> (from its start); null when the file is not such a WAV.</summary>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static WavHeader? TryRead(Stream stream)
    {
        Span<byte> head = stackalloc byte[12];
        if (!ReadExactly(stream, head) || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }
        bool? isFloat = null;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> format = stackalloc byte[40];
        for (var i = 0; i < MaxChunks; i++)
        {
            if (!ReadExactly(stream, chunk))
            {
                return null;
            }
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > format.Length || !ReadExactly(stream, format[..(int)size]))
                {
                    return null;
                }
                isFloat = ReadFormat(format[..(int)size]);
                if (isFloat is null)
                {
                    return null;
                }
                Skip(stream, size % 2);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                // 0 and 0xFFFFFFFF are what streaming writers leave when they cannot seek back.
                if (isFloat is not { } floats || size == 0 || size == uint.MaxValue || stream.Position + size > stream.Length)
                {
                    return null;
                }
                var bytesPerSample = floats ? 4 : 2;
                var samples = size / bytesPerSample;
                // More samples than one array holds: ffmpeg's path says so in its own words.
                return samples == 0 || samples > Array.MaxLength ? null : new WavHeader(floats, stream.Position, samples);
            }
            else
            {
                if (stream.Position + size + (size % 2) > stream.Length)
                {
                    return null;
                }
                Skip(stream, size + (size % 2));
            }
        }
        return null;
    }

    // true: float; false: 16-bit integers; null: a format not taken as it is.
    private static bool? ReadFormat(ReadOnlySpan<byte> fmt)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == FormatExtensible)
        {
            // cbSize (22), valid bits, channel mask, then the sub-format GUID.
            if (fmt.Length < 40 || BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]) < 22
                || BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]) != bits || !fmt[26..40].SequenceEqual(SubFormatTail))
            {
                return null;
            }
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }
        if (channels != 1 || rate != AudioClip.SampleRate)
        {
            return null;
        }
        return (tag, bits, blockAlign) switch
        {
            (FormatPcm, 16, 2) => false,
            (FormatFloat, 32, 4) => true,
            _ => null,
        };
    }

    private static bool ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static void Skip(Stream stream, long bytes) => stream.Seek(bytes, SeekOrigin.Current);
}
