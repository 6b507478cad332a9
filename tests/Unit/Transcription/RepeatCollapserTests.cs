using YtPipe.Core.Transcription;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Transcription;

public sealed class RepeatCollapserTests
{
    [Fact]
    public void ThreeInARow_CollapseToOne_SpanningTheRun()
    {
        var segments = new[]
        {
            Segment(0, 2, "Welcome."),
            Segment(2, 4, "Thank you for watching.", 0.2f),
            Segment(4, 6, "thank you for watching", 0.4f),
            Segment(6, 8, "Thank you for watching.", 0.6f),
            Segment(8, 9, "Bye."),
        };

        var (kept, collapsed) = RepeatCollapser.Collapse(segments);

        Assert.Equal(new[] { "Welcome.", "Thank you for watching.", "Bye." }, kept.Select(s => s.Text));
        Assert.Equal(TimeSpan.FromSeconds(2), kept[1].Start);
        Assert.Equal(TimeSpan.FromSeconds(8), kept[1].End);
        Assert.Equal(0.4f, kept[1].Probability!.Value, 3);
        var run = Assert.Single(collapsed);
        Assert.Equal(new CollapsedRepeat("Thank you for watching.", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), 3), run);
    }

    [Fact]
    public void TwoInARow_AreKept()
    {
        var segments = new[] { Segment(0, 1, "No."), Segment(1, 2, "No."), Segment(2, 3, "Stop.") };

        var (kept, collapsed) = RepeatCollapser.Collapse(segments);

        Assert.Equal(segments, kept);
        Assert.Empty(collapsed);
    }

    [Fact]
    public void NonAdjacentRepeats_AreKept()
    {
        var segments = new[] { Segment(0, 1, "Yes."), Segment(1, 2, "Maybe."), Segment(2, 3, "Yes."), Segment(3, 4, "Maybe."), Segment(4, 5, "Yes.") };

        var (kept, collapsed) = RepeatCollapser.Collapse(segments);

        Assert.Equal(segments, kept);
        Assert.Empty(collapsed);
    }

    [Fact]
    public void EachLongRun_IsCollapsedAndRecordedOnce()
    {
        var loop = Enumerable.Range(0, 6).Select(i => Segment(i, i + 1, "la la")).ToList();
        var other = Enumerable.Range(6, 3).Select(i => Segment(i, i + 1, "na")).ToList();

        var (kept, collapsed) = RepeatCollapser.Collapse([.. loop, .. other]);

        Assert.Equal(new[] { "la la", "na" }, kept.Select(s => s.Text));
        Assert.Equal(new[] { 6, 3 }, collapsed.Select(c => c.Count));
        Assert.Equal(TimeSpan.FromSeconds(9), kept[1].End);
    }

    [Fact]
    public void EmptySegments_AreNeverARun()
    {
        var segments = new[] { Segment(0, 1, ""), Segment(1, 2, ""), Segment(2, 3, "") };

        var (kept, collapsed) = RepeatCollapser.Collapse(segments);

        Assert.Equal(3, kept.Count);
        Assert.Empty(collapsed);
    }
}
