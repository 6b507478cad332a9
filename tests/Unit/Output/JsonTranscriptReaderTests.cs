using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Tests.Support;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

public sealed class JsonTranscriptReaderTests
{
    [Fact]
    public void WhatTheJsonWriterWrites_ReadsBackAsTheSameTranscript()
    {
        using var folder = new TempFolder();
        var original = TwoSegments with { SourceUrl = "https://example.com/v", Title = "T", Uploader = "U", UploadDate = "20240101" };
        var path = folder.WriteFile("talk.json", Render(new JsonTranscriptWriter(), original));

        var read = JsonTranscriptReader.Read(path);

        Assert.Equal(original.Segments, read.Segments);
        Assert.Equal(
            (original.VideoId, original.SourcePath, original.SourceUrl, original.Title, original.Uploader, original.UploadDate,
                original.Model, original.Device, original.ComputeType, original.Duration, original.Language),
            (read.VideoId, read.SourcePath, read.SourceUrl, read.Title, read.Uploader, read.UploadDate,
                read.Model, read.Device, read.ComputeType, read.Duration, read.Language));
        Assert.Equal(Render(new SrtTranscriptWriter(), original), Render(new SrtTranscriptWriter(), read));
    }

    [Fact]
    public void SeedToolFile_WithSegmentsOnly_IsRead_NamedAfterTheFile()
    {
        using var folder = new TempFolder();
        var path = folder.WriteFile("clip.json", """{"segments":[{"start":0.5,"end":2,"text":" Hi."}]}""");

        var read = JsonTranscriptReader.Read(path);

        Assert.Equal("clip", read.VideoId);
        Assert.Equal(Seconds(2), read.Duration);
        Assert.Equal(Segment(0.5, 2, " Hi."), Assert.Single(read.Segments));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("""{"video_id":"x"}""")]
    [InlineData("""{"segments":{"start":0}}""")]
    [InlineData("""{"segments":[{"start":"0","end":1,"text":"a"}]}""")]
    [InlineData("""{"segments":[{"start":0,"end":1}]}""")]
    [InlineData("""{"segments":[{"start":-1,"end":1,"text":"a"}]}""")]
    public void FileThatIsNotATranscript_IsTranscriptInvalid_NamingTheFile(string content)
    {
        using var folder = new TempFolder();
        var path = folder.WriteFile("bad.json", content);

        var error = Assert.Throws<TranscriptInvalidException>(() => JsonTranscriptReader.Read(path));

        Assert.Equal(ErrorIds.TranscriptInvalid, error.ErrorId);
        Assert.Equal(path, error.Target);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void MissingFile_IsInputNotFound()
    {
        using var folder = new TempFolder();

        Assert.Throws<InputNotFoundException>(() => JsonTranscriptReader.Read(folder.PathOf("none.json")));
    }
}
