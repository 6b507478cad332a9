using System.Text.Json;
using YtPipe.Core.Download;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Download;

public sealed class DownloadManifestTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private DownloadedItem Item(string stem, string? title = "T", string ext = "opus") => new()
    {
        Id = stem,
        Title = title,
        Uploader = "U",
        WebpageUrl = $"https://www.youtube.com/watch?v={stem}",
        Duration = 12.5,
        UploadDate = "20240101",
        AudioPath = folder.PathOf($"audio/{stem}.{ext}"),
        InfoJsonPath = folder.PathOf($"audio/{stem}.info.json"),
        Source = "https://www.youtube.com/playlist?list=x",
    };

    [Fact]
    public void ARow_HasTheSeedSchema_InOrder_WithNullsForWhatIsUnknown()
    {
        var row = DownloadManifest.ToJsonLine(Item("a", title: null) with { Duration = null, Uploader = null, UploadDate = null });

        using var doc = JsonDocument.Parse(row);
        Assert.Equal(["id", "title", "uploader", "webpage_url", "duration", "upload_date", "audio_path", "info_json", "source"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("duration").ValueKind);
        Assert.DoesNotContain('\n', row);
    }

    [Fact]
    public void Durations_AreNumbers_WholeOnesWithoutAFraction()
    {
        Assert.Contains("\"duration\":212,", DownloadManifest.ToJsonLine(Item("a") with { Duration = 212 }));
        Assert.Contains("\"duration\":12.5,", DownloadManifest.ToJsonLine(Item("a")));
    }

    [Fact]
    public void NonAsciiTitles_StayReadable()
    {
        Assert.Contains("\"title\":\"héllo wörld – 日本\"", DownloadManifest.ToJsonLine(Item("a", title: "héllo wörld – 日本")));
    }

    [Fact]
    public void RecordingTheSameItemTwice_WritesOneRow()
    {
        var path = folder.PathOf("manifest.jsonl");
        var manifest = DownloadManifest.Load(path);

        Assert.Equal(ManifestChange.Appended, manifest.Record(Item("a")));
        Assert.Equal(ManifestChange.Unchanged, manifest.Record(Item("a")));
        Assert.Equal(ManifestChange.Unchanged, DownloadManifest.Load(path).Record(Item("a")));

        Assert.Single(File.ReadAllLines(path));
    }

    [Fact]
    public void AChangedItem_ReplacesItsRowInPlace()
    {
        var path = folder.PathOf("manifest.jsonl");
        var manifest = DownloadManifest.Load(path);
        manifest.Record(Item("a"));
        manifest.Record(Item("b"));

        var change = DownloadManifest.Load(path).Record(Item("a", ext: "mp3"));

        Assert.Equal(ManifestChange.Replaced, change);
        var rows = File.ReadAllLines(path).Select(DownloadManifest.FromJsonLine).ToList();
        Assert.Equal(["a", "b"], rows.Select(r => r!.Id));
        Assert.EndsWith("a.mp3", rows[0]!.AudioPath);
        Assert.Empty(folder.LeftoverTempFiles());
    }

    [Fact]
    public void DuplicateRowsOfAnOldManifest_BecomeOneWhenTheItemIsRecordedAgain()
    {
        var old = DownloadManifest.ToJsonLine(Item("a", title: "old"));
        var path = folder.WriteFile("manifest.jsonl", $"{old}\n{old}\nnot json\n");

        DownloadManifest.Load(path).Record(Item("a", title: "new"));

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.Equal("new", DownloadManifest.FromJsonLine(lines[0])!.Title);
        Assert.Equal("not json", lines[1]);
    }

    [Fact]
    public void Find_LooksItemsUpByTheirFileStem_WhicheverSeparatorTheRowUses()
    {
        var path = folder.WriteFile("manifest.jsonl",
            """{"id":"x","title":"t","uploader":null,"webpage_url":null,"duration":null,"upload_date":null,"audio_path":"C:\\data\\audio\\x.m4a","info_json":"C:\\data\\audio\\x.info.json","source":"s"}""" + "\n");

        var manifest = DownloadManifest.Load(path);

        Assert.Equal("x", manifest.Find("x")?.Id);
        Assert.Null(manifest.Find("y"));
        Assert.Equal(1, manifest.Count);
    }

    [Fact]
    public void AppendingAfterALastLineWithoutNewline_StartsANewLine()
    {
        var path = folder.WriteFile("manifest.jsonl", DownloadManifest.ToJsonLine(Item("a")));

        DownloadManifest.Load(path).Record(Item("b"));

        Assert.Equal(["a", "b"], File.ReadAllLines(path).Select(l => DownloadManifest.FromJsonLine(l)!.Id));
    }
}
