using YtPipe.Core.Output;
using YtPipe.Core.Transcription;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

public sealed class SrtTranscriptWriterTests
{
    private readonly SrtTranscriptWriter writer = new();

    [Fact]
    public void TwoSegments_AreTwoNumberedCues() =>
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n" +
            "2\n00:00:01,500 --> 00:00:03,250\nGeneral Kenobi.\n\n",
            Render(writer, TwoSegments));

    [Fact]
    public void NoSegments_IsAnEmptyFile() =>
        Assert.Equal("", Render(writer, With()));

    [Fact]
    public void ShortSegments_AreStretchedToTheMinimum_NotOverTheNextCue() =>
        Assert.Equal(
            "1\n00:00:02,000 --> 00:00:02,400\nA\n\n" +
            "2\n00:00:02,400 --> 00:00:03,400\nB\n\n" +
            "3\n00:00:05,000 --> 00:00:06,000\nC\n\n",
            Render(writer, With(Segment(2, 2, "A"), Segment(2.4, 3, "B"), Segment(5, 5, "C"))));

    [Fact]
    public void BlankSegments_AreDropped_WithoutGapsInTheNumbers() =>
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:01,000\nA\n\n" +
            "2\n00:00:02,000 --> 00:00:03,000\nB\n\n",
            Render(writer, With(Segment(0, 1, "A"), Segment(1, 2, "   "), Segment(2, 3, "B"))));

    [Fact]
    public void MultiLineText_IsFoldedToOneLine() =>
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:01,000\nfirst line second line\n\n",
            Render(writer, With(Segment(0, 1, "first line\n\nsecond line"))));

    [Fact]
    public void Milliseconds_AreRounded_NotTruncated() =>
        Assert.Equal(
            "1\n00:00:01,235 --> 00:00:03,000\nA\n\n",
            Render(writer, With(new TranscriptSegment(TimeSpan.FromTicks(12_345_000), TimeSpan.FromTicks(29_999_000), "A"))));

    [Fact]
    public void LongSegment_IsLaidOutInCues_OfTheGivenWidthAndLines() =>
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:01,833\nHello\nthere\n\n" +
            "2\n00:00:01,833 --> 00:00:03,000\nfriend\n\n",
            Render(new SrtTranscriptWriter(new SubtitleLayoutOptions { MaxLineWidth = 6, MaxLineCount = 2 }),
                With(Segment(0, 3, "Hello there friend"))));
}
