using YtPipe.Core.Output;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

public sealed class SubtitleCueTests
{
    [Fact]
    public void ZeroLengthCue_IsStretchedToTheNextCue_AtMostOneSecond()
    {
        var cues = SubtitleCue.FromSegments([Segment(2, 2, "A"), Segment(2.4, 3, "B"), Segment(5, 5, "C")]);

        Assert.Equal(
            new[] { new SubtitleCue(2000, 2400, "A"), new SubtitleCue(2400, 3000, "B"), new SubtitleCue(5000, 6000, "C") },
            cues);
    }

    [Fact]
    public void CueThatRoundsToZeroLength_IsStretched_EvenWhenTheNextStartsAtOnce()
    {
        var cues = SubtitleCue.FromSegments([Segment(1.0001, 1.0004, "A"), Segment(1.0002, 2, "B")]);

        Assert.Equal(new SubtitleCue(1000, 1001, "A"), cues[0]);
    }

    [Fact]
    public void NoCue_EverEndsWhereItStarts()
    {
        var segments = Enumerable.Range(0, 50).Select(i => Segment(i * 0.0004, i * 0.0004 + (i % 3) * 0.0003, $"s{i}")).ToArray();

        var cues = SubtitleCue.FromSegments(segments);

        Assert.Equal(50, cues.Count);
        Assert.All(cues, c => Assert.True(c.EndMs > c.StartMs, $"{c} has no length"));
    }

    [Fact]
    public void BlankTexts_AreDropped_AndLineBreaksFolded()
    {
        var cues = SubtitleCue.FromSegments([Segment(0, 1, " \n "), Segment(1, 2, "first line\r\n  second line\nthird "), Segment(2, 3, "")]);

        Assert.Equal(new SubtitleCue(1000, 2000, "first line second line third"), Assert.Single(cues));
    }
}
