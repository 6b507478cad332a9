using YtPipe.Core.Vad;

namespace YtPipe.Tests.Vad;

/// <summary>Whisper's per-chunk progress becomes one file-level fraction, weighted by chunk length.</summary>
public sealed class ChunkProgressTests
{
    [Theory]
    [InlineData(0, 100, 400, 0.0, 0.0)]
    [InlineData(0, 100, 400, 1.0, 0.25)]
    [InlineData(100, 300, 400, 0.5, 0.625)]
    [InlineData(100, 300, 400, 1.0, 1.0)]
    [InlineData(100, 300, 400, 1.7, 1.0)]   // whisper never reports more, but a bar must not pass 100 %
    [InlineData(0, 0, 0, 0.3, 1.0)]         // no speech: done
    public void Fraction_WeighsChunksByLength(long doneBefore, long length, long total, double chunk, double expected)
    {
        Assert.Equal(expected, ChunkProgress.Fraction(doneBefore, length, total, chunk), 10);
    }

    [Fact]
    public void Report_ForwardsTheFileFraction()
    {
        var seen = new List<double>();
        var file = new Recorder(seen);

        new ChunkProgress(file, 200, 200, 800).Report(0.5);

        Assert.Equal([0.375], seen);
    }

    private sealed class Recorder(List<double> seen) : IProgress<double>
    {
        public void Report(double value) => seen.Add(value);
    }
}
