using YtPipe.Core.Output;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

public sealed class VttTranscriptWriterTests
{
    private readonly VttTranscriptWriter writer = new();

    [Fact]
    public void TwoSegments_FollowTheHeader() =>
        Assert.Equal(
            "WEBVTT\n\n" +
            "00:00:00.000 --> 00:00:01.500\nHello there.\n\n" +
            "00:00:01.500 --> 00:00:03.250\nGeneral Kenobi.\n\n",
            Render(writer, TwoSegments));

    [Fact]
    public void NoSegments_IsTheHeaderAlone() =>
        Assert.Equal("WEBVTT\n\n", Render(writer, With()));

    [Fact]
    public void ZeroLengthSegment_IsStretched() =>
        Assert.Equal(
            "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nC\n\n",
            Render(writer, With(Segment(5, 5, "C"))));

    [Fact]
    public void BlankSegments_AreDropped_AndMultiLineTextFolded() =>
        Assert.Equal(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst line second line\n\n",
            Render(writer, With(Segment(0, 1, "\n"), Segment(1, 2, "first line\r\nsecond line"))));

    [Fact]
    public void MarkupCharacters_AreEscaped() =>
        Assert.Equal(
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nTom &amp; Jerry &lt;3 --&gt; &lt;b&gt;\n\n",
            Render(writer, With(Segment(0, 1, "Tom & Jerry <3 --> <b>"))));
}
