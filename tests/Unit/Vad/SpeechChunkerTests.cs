using YtPipe.Core.Vad;

namespace YtPipe.Tests.Vad;

/// <summary>Padding, joining, merging and splitting of speech regions, in samples (16 per millisecond).</summary>
public sealed class SpeechChunkerTests
{
    private const long S = 16_000;

    [Fact]
    public void Pad_GrowsEachRegion_ClipsToTheFile_AndJoinsWhatNowOverlaps()
    {
        var padded = SpeechChunker.Pad(
            [new SpeechRegion(100, 2 * S), new SpeechRegion(2 * S + 600, 3 * S), new SpeechRegion(9 * S, 10 * S + 900)],
            sampleCount: 10 * S, pad: TimeSpan.FromMilliseconds(30));

        // 30 ms = 480 samples: the first clips at 0, the first two meet and join, the last clips at the end.
        Assert.Equal([new SpeechRegion(0, 3 * S + 480), new SpeechRegion(9 * S - 480, 10 * S)], padded);
    }

    [Fact]
    public void Pad_SortsRegions_AndDropsEmptyOnes()
    {
        var padded = SpeechChunker.Pad([new SpeechRegion(5 * S, 6 * S), new SpeechRegion(S, 2 * S), new SpeechRegion(20 * S, 21 * S)],
            sampleCount: 10 * S, pad: TimeSpan.Zero);

        Assert.Equal([new SpeechRegion(S, 2 * S), new SpeechRegion(5 * S, 6 * S)], padded);
    }

    [Fact]
    public void Chunk_MergesNeighbours_WhileTheChunkFitsAndTheSilenceIsShort()
    {
        var chunks = SpeechChunker.Chunk(
        [
            new SpeechRegion(0, 10 * S), new SpeechRegion(11 * S, 20 * S), new SpeechRegion(21 * S, 29 * S), // 29 s with short gaps: one chunk
            new SpeechRegion(30 * S, 35 * S),                                                                  // would make 35 s: a new chunk
            new SpeechRegion(40 * S, 41 * S),                                                                  // 5 s of silence before it: a new chunk
        ], TimeSpan.FromSeconds(30));

        Assert.Equal([new SpeechRegion(0, 29 * S), new SpeechRegion(30 * S, 35 * S), new SpeechRegion(40 * S, 41 * S)], chunks);
    }

    [Fact]
    public void Chunk_SplitsALongRegionIntoEqualParts_NoneOverTheMaximum()
    {
        var chunks = SpeechChunker.Chunk([new SpeechRegion(S, 71 * S)], TimeSpan.FromSeconds(30));

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Length <= 30 * S));
        Assert.Equal(S, chunks[0].Start);
        Assert.Equal(71 * S, chunks[^1].End);
        // Back to back: nothing lost, nothing transcribed twice.
        Assert.Equal(chunks[0].End, chunks[1].Start);
        Assert.Equal(chunks[1].End, chunks[2].Start);
    }

    [Theory]
    [InlineData(30.0)]
    [InlineData(12.5)]
    [InlineData(60.0)] // more than a window: held to 30 s
    public void Chunk_OfRandomSpeech_IsOrderedDisjointWithinTheLimit_AndCoversAllSpeech(double maxSeconds)
    {
        var random = new Random(7);
        var regions = new List<SpeechRegion>();
        var at = 0L;
        for (var i = 0; i < 200; i++)
        {
            at += random.Next(0, 5 * (int)S);
            var length = random.Next(1, 45 * (int)S);
            regions.Add(new SpeechRegion(at, at + length));
            at += length;
        }
        var speech = SpeechChunker.Pad(regions, at, TimeSpan.FromMilliseconds(30));

        var chunks = SpeechChunker.Chunk(speech, TimeSpan.FromSeconds(maxSeconds));

        var limit = (long)(Math.Min(maxSeconds, 30) * S);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, limit));
        for (var i = 1; i < chunks.Count; i++) Assert.True(chunks[i].Start >= chunks[i - 1].End, $"chunk {i} overlaps the one before");
        Assert.All(speech, r => Assert.Equal(r.Length, chunks.Sum(c => Math.Max(0, Math.Min(c.End, r.End) - Math.Max(c.Start, r.Start)))));
    }

    [Fact]
    public void NoSpeech_GivesNoChunks()
    {
        Assert.Empty(SpeechChunker.Chunk(SpeechChunker.Pad([], 10 * S, TimeSpan.FromMilliseconds(30)), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void SampleTimes_AreExactTicks()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), SpeechRegion.TimeOf(10 * S));
        Assert.Equal(625, SpeechRegion.TimeOf(1).Ticks);
        Assert.Equal(new SpeechRegion(16, 33), SpeechRegion.FromTimes(TimeSpan.FromMilliseconds(1), TimeSpan.FromTicks(2 * 10_000 + 1)));
    }
}
