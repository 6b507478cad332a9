using YtPipe.Core.Download;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Download;

public sealed class DownloadArchiveTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AMissingFile_IsAnEmptyArchive_AndIsNotCreatedByReading()
    {
        var archive = DownloadArchive.Load(folder.PathOf("downloaded.txt"));

        Assert.Equal(0, archive.Count);
        Assert.False(archive.Contains("youtube x"));
        Assert.False(File.Exists(folder.PathOf("downloaded.txt")));
    }

    [Fact]
    public void AnArchiveYtDlpWrote_IsHonoured_WhitespaceAndAll()
    {
        var path = folder.WriteFile("downloaded.txt", "youtube dQw4w9WgXcQ\r\n  vimeo 123  \n\n");

        var archive = DownloadArchive.Load(path);

        Assert.True(archive.Contains("youtube dQw4w9WgXcQ"));
        Assert.True(archive.Contains("vimeo 123"));
        Assert.Equal(2, archive.Count);
    }

    [Fact]
    public void Add_AppendsOneLineOnce_AndASecondLoadSeesIt()
    {
        var path = folder.PathOf("downloaded.txt");
        var archive = DownloadArchive.Load(path);

        archive.Add("youtube a");
        archive.Add("youtube a");
        archive.Add("generic b-12345678");

        Assert.Equal("youtube a\ngeneric b-12345678\n", File.ReadAllText(path));
        Assert.True(DownloadArchive.Load(path).Contains("generic b-12345678"));
    }

    [Fact]
    public void Add_NeverGluesAKeyToALastLineWithoutNewline()
    {
        var path = folder.WriteFile("downloaded.txt", "youtube a");
        var archive = DownloadArchive.Load(path);

        archive.Add("youtube b");

        Assert.Equal(["youtube a", "youtube b"], File.ReadAllLines(path));
    }

    [Fact]
    public void ASnapshot_IsACopy_ThatLeavesTheArchiveAlone()
    {
        var path = folder.WriteFile("downloaded.txt", "youtube a\n");
        var archive = DownloadArchive.Load(path);
        var copy = folder.PathOf("copy.txt");

        archive.WriteSnapshot(copy);
        File.AppendAllText(copy, "youtube b\n");

        Assert.Equal(["youtube a", "youtube b"], File.ReadAllLines(copy));
        Assert.Equal("youtube a\n", File.ReadAllText(path));
    }
}
