using System.Runtime.InteropServices;
using YtPipe.Core.Audio;

namespace YtPipe.Tests.Audio;

public sealed class PcmSampleSinkTests
{
    private static float[] Ramp(int count) => Enumerable.Range(0, count).Select(i => i * 0.25f - 7f).ToArray();

    private static async Task<float[]> DecodeAsync(float[] written, long expectedSamples, int chunk = 4096)
    {
        var sink = new PcmSampleSink(expectedSamples);
        await sink.ReadAsync(new ChunkedStream(MemoryMarshal.AsBytes(written.AsSpan()).ToArray(), chunk), CancellationToken.None);
        return sink.ToSamples();
    }

    [Fact]
    public async Task AnExactProbe_GivesExactlyTheSamples()
    {
        var written = Ramp(100_000);

        Assert.Equal(written, await DecodeAsync(written, written.Length));
    }

    [Fact]
    public async Task AProbeTooShort_Grows_AndGivesExactlyTheSamples()
    {
        // Far past one growth step (10 s of audio), from a probe that said almost nothing.
        var written = Ramp(3 * 160_000 + 17);

        Assert.Equal(written, await DecodeAsync(written, 1_000));
    }

    [Fact]
    public async Task AProbeTooLong_IsTrimmed_ToExactlyTheSamples()
    {
        var written = Ramp(50_000);

        Assert.Equal(written, await DecodeAsync(written, 400_000));
    }

    [Fact]
    public async Task NoProbe_AndReadsThatSplitSamples_GiveExactlyTheSamples()
    {
        var written = Ramp(30_001);

        // 7-byte reads cut every other float in two.
        Assert.Equal(written, await DecodeAsync(written, 0, chunk: 7));
    }

    [Fact]
    public async Task ATrailingPartialSample_IsDropped()
    {
        var bytes = MemoryMarshal.AsBytes(Ramp(10).AsSpan()).ToArray().Concat(new byte[] { 1, 2, 3 }).ToArray();
        var sink = new PcmSampleSink(10);

        await sink.ReadAsync(new ChunkedStream(bytes, 64), CancellationToken.None);

        Assert.Equal(Ramp(10), sink.ToSamples());
    }

    /// <summary>A pipe stand-in that hands out at most <c>chunk</c> bytes per read, as a pipe may.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
