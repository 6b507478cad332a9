using System.Globalization;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

public sealed class SubtitleLayoutTests
{
    private static readonly SubtitleLayoutOptions Defaults = SubtitleLayoutOptions.Default;

    private static IReadOnlyList<SubtitleCue> Cues(params TranscriptSegment[] segments) => SubtitleLayout.Cues(segments, Defaults);

    private static void AssertWithin(IReadOnlyList<SubtitleCue> cues, SubtitleLayoutOptions options)
    {
        Assert.All(cues, c =>
        {
            var lines = c.Text.Split('\n');
            Assert.InRange(lines.Length, 1, options.MaxLineCount);
            Assert.All(lines, l => Assert.InRange(new StringInfo(l).LengthInTextElements, 1, options.MaxLineWidth));
            Assert.True(c.EndMs > c.StartMs, $"{c} has no length");
        });
        for (var i = 1; i < cues.Count; i++)
        {
            Assert.True(cues[i].StartMs >= cues[i - 1].EndMs, $"{cues[i]} overlaps {cues[i - 1]}");
        }
    }

    private static string Words(IEnumerable<SubtitleCue> cues) => string.Join(" ", cues.Select(c => c.Text.Replace('\n', ' ')));

    [Fact]
    public void ShortCues_AreStretchedToTheNextCue_AtMostTheMinimum()
    {
        var cues = Cues(Segment(2, 2, "A"), Segment(2.4, 3, "B"), Segment(5, 5, "C"));

        Assert.Equal(
            new[] { new SubtitleCue(2000, 2400, "A"), new SubtitleCue(2400, 3400, "B"), new SubtitleCue(5000, 6000, "C") },
            cues);
    }

    [Fact]
    public void CueThatRoundsToZeroLength_IsStretched_EvenWhenTheNextStartsAtOnce()
    {
        var cues = Cues(Segment(1.0001, 1.0004, "A"), Segment(1.0002, 2, "B"));

        Assert.Equal(new SubtitleCue(1000, 1001, "A"), cues[0]);
        Assert.Equal(1001, cues[1].StartMs);
    }

    [Fact]
    public void NoCue_EverEndsWhereItStarts_OrOverlapsTheOneBefore()
    {
        var segments = Enumerable.Range(0, 50).Select(i => Segment(i * 0.0004, i * 0.0004 + (i % 3) * 0.0003, $"s{i}")).ToArray();

        var cues = Cues(segments);

        Assert.Equal(50, cues.Count);
        AssertWithin(cues, Defaults);
    }

    [Fact]
    public void OverlappingSegments_BecomeCuesInReadingOrder_ThatDoNotOverlap()
    {
        var cues = Cues(Segment(0, 3, "first"), Segment(2, 4, "second"), Segment(1, 5, "third"));

        Assert.Equal(["first", "second", "third"], cues.Select(c => c.Text));
        AssertWithin(cues, Defaults);
    }

    [Fact]
    public void ShortCue_LastsTheMinimum_WhenTheNextCueLeavesRoom_AndNoLongerThanTheGap()
    {
        var cues = Cues(Segment(0, 0.2, "Hi."), Segment(3, 3.1, "Yes."), Segment(3.5, 6, "No."));

        Assert.Equal(1000, cues[0].EndMs);
        Assert.Equal(3500, cues[1].EndMs);
    }

    [Fact]
    public void BlankTexts_AreDropped_AndLineBreaksFolded()
    {
        var cues = Cues(Segment(0, 1, " \n "), Segment(1, 2, "first line\r\n  second line\nthird "), Segment(2, 3, ""));

        Assert.Equal(new SubtitleCue(1000, 2000, "first line second line third"), Assert.Single(cues));
    }

    [Fact]
    public void LongSegment_IsSplitOnWordBoundaries_WithinWidthAndLines_KeepingEveryWordInOrder()
    {
        var text = string.Join(" ", Enumerable.Range(0, 60).Select(i => i % 7 == 0 ? "extraordinarily" : $"w{i}"));
        var options = new SubtitleLayoutOptions { MaxLineWidth = 20, MaxLineCount = 2 };

        var cues = SubtitleLayout.Cues([Segment(10, 40, text)], options);

        Assert.True(cues.Count > 1);
        AssertWithin(cues, options);
        Assert.Equal(text, Words(cues));
        Assert.Equal(10_000, cues[0].StartMs);
        Assert.Equal(40_000, cues[^1].EndMs);
    }

    [Fact]
    public void SplitByCharacters_GivesEachCueItsShareOfTheSegment_WithNoGaps()
    {
        // Two cues of one line each: "aaaa bbbb" then "cccc dddd", each half the characters.
        var options = new SubtitleLayoutOptions { MaxLineWidth = 9, MaxLineCount = 1, MinCueDuration = TimeSpan.Zero };

        var cues = SubtitleLayout.Cues([Segment(0, 19, "aaaa bbbb cccc dddd")], options);

        Assert.Equal(new[] { new SubtitleCue(0, 9000, "aaaa bbbb"), new SubtitleCue(9000, 19000, "cccc dddd") }, cues);
    }

    [Fact]
    public void WordTimestamps_DecideWhereEachCueStartsAndEnds()
    {
        var options = new SubtitleLayoutOptions { MaxLineWidth = 9, MaxLineCount = 1, MinCueDuration = TimeSpan.Zero };
        TranscriptWord[] words =
        [
            new(Seconds(0.5), Seconds(1), "aaaa"), new(Seconds(1), Seconds(2), "bbbb"),
            new(Seconds(7), Seconds(8), "cccc"), new(Seconds(8), Seconds(9), "dddd"),
        ];

        var cues = SubtitleLayout.Cues([Segment(0, 10, "aaaa bbbb cccc dddd") with { Words = words }], options);

        Assert.Equal(new[] { new SubtitleCue(500, 2000, "aaaa bbbb"), new SubtitleCue(7000, 9000, "cccc dddd") }, cues);
    }

    [Fact]
    public void WordWiderThanALine_IsCutIntoLineWidePieces_NeverOverTheWidth()
    {
        var options = new SubtitleLayoutOptions { MaxLineWidth = 10, MaxLineCount = 2 };

        var cues = SubtitleLayout.Cues([Segment(0, 4, "see https://example.com/a/very/long/path ok")], options);

        AssertWithin(cues, options);
        Assert.Equal("see\nhttps://ex", cues[0].Text);
        Assert.Equal("see https://ex ample.com/ a/very/lon g/path ok", Words(cues));
    }

    [Fact]
    public void Width_CountsTextElements_SoAccentsAndEmojiAreNeverCutInHalf()
    {
        var options = new SubtitleLayoutOptions { MaxLineWidth = 3, MaxLineCount = 1 };

        var cues = SubtitleLayout.Cues([Segment(0, 4, "e\u0301e\u0301e\u0301e\u0301 👍👍")], options);

        AssertWithin(cues, options);
        Assert.Equal(["e\u0301e\u0301e\u0301", "e\u0301", "👍👍"], cues.Select(c => c.Text));
    }

    [Fact]
    public void ManySegments_OfRandomText_StayWithinTheLimits()
    {
        var random = new Random(42);
        string Word() => new('x', random.Next(1, 30));
        var segments = Enumerable.Range(0, 200)
            .Select(i => Segment(i * 2 + random.NextDouble(), i * 2 + random.NextDouble() * 3, string.Join(" ", Enumerable.Range(0, random.Next(0, 25)).Select(_ => Word()))))
            .ToArray();
        foreach (var (width, lines) in new[] { (42, 2), (32, 1), (12, 3), (1, 1) })
        {
            var options = new SubtitleLayoutOptions { MaxLineWidth = width, MaxLineCount = lines };
            AssertWithin(SubtitleLayout.Cues(segments, options), options);
        }
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(42, 0)]
    public void LimitsBelowOne_AreRefused(int width, int lines) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SubtitleLayout.Cues([Segment(0, 1, "A")], new SubtitleLayoutOptions { MaxLineWidth = width, MaxLineCount = lines }));
}
