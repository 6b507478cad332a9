using YtPipe.Core.Output;

namespace YtPipe.Tests.Output;

public sealed class TranscriptWritersTests
{
    [Theory]
    [InlineData(OutputFormat.Json, ".json")]
    [InlineData(OutputFormat.Txt, ".txt")]
    [InlineData(OutputFormat.Srt, ".srt")]
    [InlineData(OutputFormat.Vtt, ".vtt")]
    public void Extension_IsTheLowerCaseFormatWithADot(OutputFormat format, string extension) =>
        Assert.Equal(extension, TranscriptWriters.Extension(format));

    [Theory]
    [InlineData(OutputFormat.Json)]
    [InlineData(OutputFormat.Txt)]
    [InlineData(OutputFormat.Srt)]
    [InlineData(OutputFormat.Vtt)]
    public void For_GivesTheWriterOfThatFormat(OutputFormat format) =>
        Assert.Equal(format, TranscriptWriters.For(format).Format);
}
