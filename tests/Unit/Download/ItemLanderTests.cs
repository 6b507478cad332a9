using System.Text.Json.Nodes;
using YtPipe.Core.Download;
using YtPipe.Core.Errors;
using YtPipe.Tests.Support;
using static YtPipe.Tests.Download.FakeYtDlp;

namespace YtPipe.Tests.Download;

/// <summary>Landing without yt-dlp: a staging folder with the files yt-dlp would have left in it.</summary>
public sealed class ItemLanderTests : IDisposable
{
    private const string Feed = "http://feeds.test/show.xml";
    private readonly TempFolder output = new();

    public ItemLanderTests()
    {
        Directory.CreateDirectory(Audio);
    }

    public void Dispose() => output.Dispose();

    private string Audio => output.PathOf("audio");

    private string Staging => output.PathOf(".staging/0001");

    private DownloadManifest Manifest() => DownloadManifest.Load(output.PathOf("manifest.jsonl"));

    private DownloadArchive Archive() => DownloadArchive.Load(output.PathOf("downloaded.txt"));

    private static DownloadEntry Entry(JsonObject listed) => DownloadEntry.Parse(Feed, listed.ToJsonString());

    /// <summary>Writes what yt-dlp leaves for a finished file: the audio and its .info.json; returns the audio's path.</summary>
    private string Staged(string stem, string id, string extractor = "Generic", string ext = "opus", string? infoJson = null)
    {
        output.WriteFile($".staging/0001/{stem}.info.json", infoJson ?? new JsonObject { ["id"] = id, ["title"] = "T", ["extractor_key"] = extractor }.ToJsonString());
        return output.WriteFile($".staging/0001/{stem}.{ext}", "audio of " + id);
    }

    private static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];

    [Fact]
    public void AFinishedFile_IsMovedIntoAudio_WithItsInfoJson_AndRecordedInManifestAndArchive()
    {
        var lander = new ItemLander(Audio, Manifest(), Archive());
        var entry = Entry(FeedEntry("http://cdn.test/ep1.opus", "Episode One"));
        var file = Staged("00001", "guid-1");

        var item = lander.Land(entry, lander.Inspect(entry.Url, Staging, file), 1);

        Assert.Equal(Audio, Path.GetDirectoryName(item.AudioPath));
        Assert.StartsWith("ep1-", item.FileStem);
        Assert.Equal("audio of guid-1", File.ReadAllText(item.AudioPath));
        Assert.True(File.Exists(item.InfoJsonPath));
        Assert.False(File.Exists(file));
        Assert.Equal("http://cdn.test/ep1.opus", item.WebpageUrl);
        Assert.Equal(Feed, item.Source);
        Assert.Equal(item.AudioPath, Manifest().Find(item.FileStem)?.AudioPath);
        Assert.Equal([$"generic {item.FileStem}"], Lines(output.PathOf("downloaded.txt")));
        Assert.Empty(output.LeftoverTempFiles());
    }

    [Fact]
    public void WhenTheAudioCannotBePutInPlace_NeitherManifestNorArchiveNameIt()
    {
        var lander = new ItemLander(Audio, Manifest(), Archive());
        var entry = Entry(YouTubeEntry("aaaaaaaaaaa"));
        var staged = lander.Inspect(entry.Url, Staging, Staged("00001", "aaaaaaaaaaa", "Youtube"));
        // A non-empty folder where the audio must go: the rename over it fails.
        output.WriteFile("audio/aaaaaaaaaaa.opus/blocker");

        var e = Assert.Throws<DownloadFailedException>(() => lander.Land(entry, staged, 1));

        Assert.Equal(FailureKind.WriteError, e.Kind);
        Assert.Null(Manifest().Find("aaaaaaaaaaa"));
        Assert.Empty(Lines(output.PathOf("downloaded.txt")));
        Assert.Empty(output.LeftoverTempFiles());
    }

    [Fact]
    public void WhenTheManifestCannotBeWritten_TheArchiveDoesNotNameTheItem()
    {
        // A folder where the manifest file must go: the row cannot be written.
        Directory.CreateDirectory(output.PathOf("manifest.jsonl"));
        var lander = new ItemLander(Audio, DownloadManifest.Load(output.PathOf("manifest.jsonl")), Archive());
        var entry = Entry(YouTubeEntry("bbbbbbbbbbb"));
        var staged = lander.Inspect(entry.Url, Staging, Staged("00001", "bbbbbbbbbbb", "Youtube"));

        var e = Assert.Throws<DownloadFailedException>(() => lander.Land(entry, staged, 1));

        Assert.Equal(FailureKind.WriteError, e.Kind);
        Assert.True(File.Exists(Path.Combine(Audio, "bbbbbbbbbbb.opus")));
        Assert.True(File.Exists(Path.Combine(Audio, "bbbbbbbbbbb.info.json")));
        Assert.Empty(Lines(output.PathOf("downloaded.txt")));
    }

    [Fact]
    public void AnItemListedByUrl_ThatLandsAsAKnownVideo_IsArchivedUnderBothKeys()
    {
        var lander = new ItemLander(Audio, Manifest(), Archive());
        var entry = Entry(FeedEntry("https://www.youtube.com/watch?v=ccccccccccc"));
        var staged = lander.Inspect(entry.Url, Staging, Staged("00001", "ccccccccccc", "Youtube"));

        var item = lander.Land(entry, staged, 1);

        Assert.Equal("ccccccccccc", item.FileStem);
        Assert.Equal(["youtube ccccccccccc", entry.Identity.ArchiveKey], Lines(output.PathOf("downloaded.txt")));
    }

    [Fact]
    public void TheSecondFileOfAGenericPage_IsNumbered()
    {
        var lander = new ItemLander(Audio, Manifest(), archive: null);
        var entry = Entry(FeedEntry("http://cdn.test/page.html"));

        var first = lander.Land(entry, lander.Inspect(entry.Url, Staging, Staged("00001", "page")), 1);
        var second = lander.Land(entry, lander.Inspect(entry.Url, Staging, Staged("00002", "page-1")), 2);

        Assert.Equal(first.FileStem + "-2", second.FileStem);
        Assert.Equal(first.ArchiveKey + "-2", second.ArchiveKey);
        Assert.False(File.Exists(output.PathOf("downloaded.txt")));
    }

    [Fact]
    public void AReportedFileOutsideTheStagingFolder_IsRefused_AndLeftAlone()
    {
        var lander = new ItemLander(Audio, Manifest(), Archive());
        var outside = output.WriteFile("elsewhere/evil.opus", "not ours");

        var e = Assert.Throws<DownloadFailedException>(() => lander.Inspect("http://cdn.test/evil.opus", Staging, outside));

        Assert.Contains("outside its staging folder", e.Message);
        Assert.Equal("not ours", File.ReadAllText(outside));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("no-info")]
    [InlineData("bad-info")]
    [InlineData("bad-extension")]
    public void AnUnusableFile_IsRefusedBeforeAnythingMoves(string defect)
    {
        var lander = new ItemLander(Audio, Manifest(), Archive());
        var file = defect switch
        {
            "missing" => Path.Combine(Staging, "00001.opus"),
            "bad-info" => Staged("00001", "x", infoJson: "[1, 2]"),
            "bad-extension" => Staged("00001", "x", ext: "op$us"),
            _ => Staged("00001", "x"),
        };
        if (defect == "no-info")
        {
            File.Delete(Path.ChangeExtension(file, ".info.json"));
        }

        Assert.Throws<DownloadFailedException>(() => lander.Inspect("http://cdn.test/x.opus", Staging, file));

        Assert.Empty(Directory.GetFileSystemEntries(Audio));
    }
}
