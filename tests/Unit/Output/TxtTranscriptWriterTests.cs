using YtPipe.Core.Output;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

public sealed class TxtTranscriptWriterTests
{
    private readonly TxtTranscriptWriter writer = new();

    [Fact]
    public void Segments_AreOneLineEach_WithoutTimes() =>
        Assert.Equal("Hello there.\nGeneral Kenobi.\n", Render(writer, TwoSegments));

    [Fact]
    public void Texts_AreTrimmed_AndBlankSegmentsDropped() =>
        Assert.Equal("padded\nnext\n", Render(writer, With(Segment(0, 1, "  padded  "), Segment(1, 2, "   "), Segment(2, 3, ""), Segment(3, 4, "next"))));

    [Fact]
    public void NoSegments_IsAnEmptyFile() =>
        Assert.Equal("", Render(writer, With()));
}
