using YtPipe.Core.Transcription;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Transcription;

public sealed class SourceInfoReaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void ReadsTheInfoJsonBesideTheAudio()
    {
        var audio = Path.Combine(temp.Path, "abc.webm");
        File.WriteAllText(Path.Combine(temp.Path, "abc.info.json"),
            """{"id":"abc","webpage_url":"https://example.com/v/abc","title":"T","uploader":"U","upload_date":"20240102","duration":12.5}""");

        var info = SourceInfoReader.TryRead(audio);

        Assert.Equal(new SourceInfo("abc", "https://example.com/v/abc", "T", "U", "20240102"), info);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json {")]
    [InlineData("[1, 2]")]
    public void GivesNothingForAMissingOrBrokenInfoJson(string? content)
    {
        var audio = Path.Combine(temp.Path, "x.mp3");
        if (content is not null)
        {
            File.WriteAllText(Path.Combine(temp.Path, "x.info.json"), content);
        }

        Assert.Null(SourceInfoReader.TryRead(audio));
    }

    public void Dispose() => temp.Dispose();
}
