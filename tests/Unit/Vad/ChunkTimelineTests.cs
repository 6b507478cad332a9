using YtPipe.Core.Transcription;
using YtPipe.Core.Vad;

namespace YtPipe.Tests.Vad;

/// <summary>Times recognised inside a chunk go back onto the file's timeline, to the tick.</summary>
public sealed class ChunkTimelineTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void SegmentAndWordTimes_MoveByTheChunksStart_ExactlyToTheTick()
    {
        // 12 345 678 samples = 771.604875 s: not a whole number of milliseconds.
        var chunk = new SpeechRegion(12_345_678, 12_345_678 + 20 * 16_000);
        var words = new List<TranscriptWord> { new(Ms(1000), Ms(1500), "Hello", 0.9f), new(Ms(1500), Ms(2240), "world.", 0.8f) };
        var segment = new TranscriptSegment(Ms(1000), Ms(2240), "Hello world.", 0.85f, words);

        var mapped = Assert.Single(ChunkTimeline.ToFile([segment], chunk));

        var offset = TimeSpan.FromTicks(12_345_678L * 625);
        Assert.Equal(Ms(1000) + offset, mapped.Start);
        Assert.Equal(Ms(2240) + offset, mapped.End);
        Assert.Equal("Hello world.", mapped.Text);
        Assert.Equal(0.85f, mapped.Probability);
        Assert.Equal([Ms(1000) + offset, Ms(1500) + offset], mapped.Words!.Select(w => w.Start));
        Assert.Equal([Ms(1500) + offset, Ms(2240) + offset], mapped.Words!.Select(w => w.End));
        Assert.Equal(["Hello", "world."], mapped.Words!.Select(w => w.Text));
        Assert.Equal([0.9f, 0.8f], mapped.Words!.Select(w => w.Probability));
    }

    [Fact]
    public void TimesPastTheChunk_StayInsideIt_SoChunksNeverOverlapOnTheFilesTimeline()
    {
        // whisper times a short chunk's last segment on its 30 s grid: 2.5 s of audio can end a segment at 15 s.
        var chunk = new SpeechRegion(160_000, 160_000 + 40_000);
        var segment = new TranscriptSegment(Ms(2000), Ms(15_000), "end", Words: [new TranscriptWord(Ms(2000), Ms(15_000), "end")]);

        var mapped = Assert.Single(ChunkTimeline.ToFile([segment], chunk));

        Assert.Equal(Ms(12_500), mapped.End);
        Assert.Equal(Ms(12_500), mapped.Words![0].End);
    }

    [Fact]
    public void SegmentsWithoutWords_KeepNoWords()
    {
        var mapped = Assert.Single(ChunkTimeline.ToFile([new TranscriptSegment(Ms(0), Ms(100), "a")], new SpeechRegion(16_000, 32_000)));

        Assert.Null(mapped.Words);
        Assert.Equal(Ms(1000), mapped.Start);
    }
}
