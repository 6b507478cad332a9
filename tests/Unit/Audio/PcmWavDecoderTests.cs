using System.Buffers.Binary;
using System.Text;
using YtPipe.Core.Audio;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Audio;

public sealed class PcmWavDecoderTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly RecordingFallback fallback = new();

    public void Dispose() => temp.Dispose();

    private PcmWavDecoder Decoder => new(fallback);

    private static short[] Ramp16(int count) => Enumerable.Range(0, count).Select(i => (short)(i * 37 % 65536 - 32768)).ToArray();

    /// <summary>A WAV file as writers lay it out: RIFF, optional chunks before fmt and data, fmt, data (padded to even).</summary>
    private string Wav(string name, byte[] data, ushort tag = 1, ushort channels = 1, uint rate = 16_000, ushort bits = 16,
        bool extensible = false, byte[]? chunkBeforeData = null, uint? dataSize = null, byte[]? trailing = null)
    {
        using var body = new MemoryStream();
        using var w = new BinaryWriter(body);
        w.Write("WAVE"u8);
        var blockAlign = (ushort)(channels * bits / 8);
        w.Write("fmt "u8);
        w.Write(extensible ? 40u : 16u);
        w.Write(extensible ? (ushort)0xFFFE : tag);
        w.Write(channels);
        w.Write(rate);
        w.Write(rate * blockAlign);
        w.Write(blockAlign);
        w.Write(bits);
        if (extensible)
        {
            w.Write((ushort)22);
            w.Write(bits);
            w.Write(4u);
            w.Write(tag);
            w.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }
        if (chunkBeforeData is not null)
        {
            w.Write("LIST"u8);
            w.Write((uint)chunkBeforeData.Length);
            w.Write(chunkBeforeData);
            if (chunkBeforeData.Length % 2 == 1) w.Write((byte)0);
        }
        w.Write("data"u8);
        w.Write(dataSize ?? (uint)data.Length);
        w.Write(data);
        if (data.Length % 2 == 1) w.Write((byte)0);
        if (trailing is not null) w.Write(trailing);
        w.Flush();
        var path = temp.PathOf(name);
        using var file = File.Create(path);
        file.Write("RIFF"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        file.Write(size);
        body.Position = 0;
        body.CopyTo(file);
        return path;
    }

    private static byte[] Bytes16(short[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        return bytes;
    }

    private static byte[] BytesFloat(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    [Fact]
    public async Task Mono16kInt16_IsReadInProcess_AsValueOver32768()
    {
        var values = Ramp16(100_003);
        var path = Wav("a.wav", Bytes16(values));

        var clip = await Decoder.DecodeAsync(path, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(values.Select(v => v / 32768f), clip.Samples);
        Assert.Equal(0, fallback.Calls);
    }

    [Fact]
    public async Task Mono16kFloat_IsReadAsItIs()
    {
        var values = Enumerable.Range(0, 40_000).Select(i => MathF.Sin(i * 0.01f) * 0.9f).ToArray();
        var path = Wav("f.wav", BytesFloat(values), tag: 3, bits: 32);

        var clip = await Decoder.DecodeAsync(path, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(values, clip.Samples);
        Assert.Equal(0, fallback.Calls);
    }

    [Theory]
    [InlineData((ushort)1, (ushort)16)]
    [InlineData((ushort)3, (ushort)32)]
    public async Task ExtensibleHeaders_AndChunksBeforeTheData_AreRead(ushort tag, ushort bits)
    {
        var data = tag == 1 ? Bytes16(Ramp16(1601)) : BytesFloat(new float[1601]);
        var path = Wav("x.wav", data, tag: tag, bits: bits, extensible: true, chunkBeforeData: Encoding.ASCII.GetBytes("INFOISFTLavf"),
            trailing: Encoding.ASCII.GetBytes("id3 \x04\0\0\0abcd"));

        var clip = await Decoder.DecodeAsync(path, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(1601, clip.Samples.Length);
        Assert.Equal(TimeSpan.FromSeconds(1601 / 16000.0), await Decoder.ProbeDurationAsync(path, CancellationToken.None));
        Assert.Equal(0, fallback.Calls);
    }

    [Fact]
    public async Task AnOddChunkBeforeTheData_IsSkippedWithItsPadByte()
    {
        var values = Ramp16(500);
        var path = Wav("odd.wav", Bytes16(values), chunkBeforeData: [1, 2, 3]);

        var clip = await Decoder.DecodeAsync(path, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(values.Select(v => v / 32768f), clip.Samples);
    }

    [Fact]
    public async Task Probe_IsTheHeadersLength_WithoutAnyProcess()
    {
        var path = Wav("p.wav", Bytes16(new short[16_000 * 3 + 8]));

        var duration = await Decoder.ProbeDurationAsync(path, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds((16_000 * 3 + 8) / 16000.0), duration);
        Assert.Equal(0, fallback.Calls);
    }

    public static TheoryData<string> OtherFiles => new()
    {
        "44100 Hz", "stereo", "24-bit", "8-bit", "a-law", "streamed (size unknown)", "data longer than the file", "no samples", "not RIFF", "fmt after data",
    };

    [Theory]
    [MemberData(nameof(OtherFiles))]
    public async Task EveryOtherFile_GoesToFfmpeg_ForProbeAndDecode(string kind)
    {
        var pcm = Bytes16(Ramp16(320));
        var path = kind switch
        {
            "44100 Hz" => Wav("o.wav", pcm, rate: 44_100),
            "stereo" => Wav("o.wav", pcm, channels: 2),
            "24-bit" => Wav("o.wav", new byte[960], bits: 24),
            "8-bit" => Wav("o.wav", new byte[320], bits: 8),
            "a-law" => Wav("o.wav", new byte[320], tag: 6, bits: 8),
            "streamed (size unknown)" => Wav("o.wav", pcm, dataSize: uint.MaxValue),
            "data longer than the file" => Wav("o.wav", pcm, dataSize: (uint)pcm.Length + 200),
            "no samples" => Wav("o.wav", []),
            "not RIFF" => temp.WriteFile("o.wav", "ID3 this is an mp3 named .wav"),
            "fmt after data" => FmtAfterData(pcm),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var clip = await Decoder.DecodeAsync(path, TimeSpan.FromSeconds(2), CancellationToken.None);
        var duration = await Decoder.ProbeDurationAsync(path, CancellationToken.None);

        Assert.Same(RecordingFallback.Clip, clip);
        Assert.Equal(RecordingFallback.Duration, duration);
        Assert.Equal(2, fallback.Calls);
    }

    private string FmtAfterData(byte[] pcm)
    {
        var path = temp.PathOf("late.wav");
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8);
        w.Write((uint)(4 + 8 + pcm.Length + 8 + 16));
        w.Write("WAVE"u8);
        w.Write("data"u8);
        w.Write((uint)pcm.Length);
        w.Write(pcm);
        w.Write("fmt "u8);
        w.Write(16u);
        w.Write((ushort)1); w.Write((ushort)1); w.Write(16_000u); w.Write(32_000u); w.Write((ushort)2); w.Write((ushort)16);
        return path;
    }

    [Fact]
    public async Task MissingAndEmptyFiles_GoToFfmpeg_WhichNamesThemAsBefore()
    {
        var empty = temp.WriteFile("empty.wav", "");

        await Decoder.DecodeAsync(temp.PathOf("gone.wav"), TimeSpan.Zero, CancellationToken.None);
        await Decoder.ProbeDurationAsync(empty, CancellationToken.None);

        Assert.Equal(2, fallback.Calls);
    }

    [Fact]
    public async Task ACancelledDecode_Throws_BeforeReading()
    {
        var path = Wav("c.wav", Bytes16(Ramp16(1000)));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Decoder.DecodeAsync(path, TimeSpan.Zero, cancelled.Token));
        Assert.Equal(0, fallback.Calls);
    }

    [Fact]
    public async Task TheSamples_AreExactlyFfmpegs()
    {
        // The in-process path must not change what whisper hears: same file, both decoders, bit for bit.
        var values = Ramp16(48_000);
        var int16 = Wav("i.wav", Bytes16(values), chunkBeforeData: Encoding.ASCII.GetBytes("INFOISFTLavf"));
        var floats = Wav("f.wav", BytesFloat(values.Select(v => v / 40000f).ToArray()), tag: 3, bits: 32, extensible: true);
        var ffmpeg = new FfmpegAudioDecoder(FfmpegTools.Locate());

        foreach (var path in new[] { int16, floats })
        {
            var ours = await Decoder.DecodeAsync(path, TimeSpan.Zero, CancellationToken.None);
            var theirs = await ffmpeg.DecodeAsync(path, TimeSpan.Zero, CancellationToken.None);
            Assert.Equal(theirs.Samples, ours.Samples);
            Assert.Equal(await ffmpeg.ProbeDurationAsync(path, CancellationToken.None), await Decoder.ProbeDurationAsync(path, CancellationToken.None));
        }
        Assert.Equal(0, fallback.Calls);
    }

    private sealed class RecordingFallback : IAudioDecoder
    {
        public static readonly AudioClip Clip = new([0.5f]);
        public static readonly TimeSpan Duration = TimeSpan.FromSeconds(42);
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public Task<AudioClip> DecodeAsync(string path, TimeSpan expectedLength, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(Clip);
        }

        public Task<TimeSpan> ProbeDurationAsync(string path, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(Duration);
        }
    }
}
