using System.Text.Json.Nodes;
using System.Threading.Channels;
using YtPipe.Core.Batch;
using YtPipe.Core.Download;
using YtPipe.Tests.Support;
using static YtPipe.Tests.Download.FakeYtDlp;

namespace YtPipe.Tests.Download;

/// <summary>Listing alone: the fake yt-dlp lists, nothing is downloaded.</summary>
public sealed class SourceListerTests : IDisposable
{
    private const string Channel = "https://www.youtube.com/@someone";
    private readonly TempFolder output = new();
    private readonly FakeYtDlp ytDlp = new();
    private readonly Channel<DownloadEvent> events = System.Threading.Channels.Channel.CreateUnbounded<DownloadEvent>();

    public void Dispose()
    {
        ytDlp.Dispose();
        output.Dispose();
    }

    private DownloadOptions Options(int? maxItems = null) => new() { OutputDirectory = output.Path, MaxItems = maxItems };

    private (SourceLister Lister, DownloadTally Tally) Lister(DownloadArchive? archive = null, DownloadManifest? manifest = null, int? maxItems = null)
    {
        var tally = new DownloadTally(maxItems);
        var reporter = new DownloadReporter(events.Writer, tally);
        var lister = new SourceLister(Options(maxItems), ytDlp.Tool, archive, manifest ?? DownloadManifest.Load(output.PathOf("manifest.jsonl")), reporter);
        return (lister, tally);
    }

    private static async Task<List<DownloadEntry>> ListAsync(SourceLister lister, string source, Action<DownloadEntry>? onEach = null)
    {
        var listed = new List<DownloadEntry>();
        using var timeout = new CancellationTokenSource(TaskTimeouts.Default);
        await foreach (var entry in lister.ListAsync(source, timeout.Token))
        {
            listed.Add(entry);
            onEach?.Invoke(entry);
        }
        return listed;
    }

    private List<DownloadEvent> Posted()
    {
        var list = new List<DownloadEvent>();
        while (events.Reader.TryRead(out var e))
        {
            list.Add(e);
        }
        return list;
    }

    private static JsonObject Tab(string name) => new() { ["_type"] = "url", ["ie_key"] = "YoutubeTab", ["url"] = $"{Channel}/{name}", ["title"] = name };

    [UnixFact]
    public async Task AChannelsTabs_AreListedInTurn_AndTheirItemsKeepTheChannelAsSource()
    {
        ytDlp.Source(Channel, [Tab("videos"), Tab("shorts")])
            .Source(Channel + "/videos", [YouTubeEntry("aaaaaaaaaaa"), YouTubeEntry("bbbbbbbbbbb")])
            .Source(Channel + "/shorts", [YouTubeEntry("ccccccccccc")]);
        var (lister, _) = Lister();

        var listed = await ListAsync(lister, Channel);

        Assert.Equal(["aaaaaaaaaaa", "bbbbbbbbbbb", "ccccccccccc"], listed.Select(e => e.Id));
        Assert.All(listed, e => Assert.Equal(Channel, e.Source));
        Assert.Equal([Channel, Channel + "/videos", Channel + "/shorts"], ytDlp.Calls().Select(c => c[^1]));
        Assert.Empty(Posted().OfType<DownloadFailedEvent>());
    }

    [UnixFact]
    public async Task ArchivedItems_AreSkipped_WithTheirManifestRow_AndNotHandedOver()
    {
        File.WriteAllText(output.PathOf("downloaded.txt"), "youtube aaaaaaaaaaa\n");
        var manifest = DownloadManifest.Load(output.PathOf("manifest.jsonl"));
        var row = new DownloadedItem { Id = "aaaaaaaaaaa", AudioPath = output.PathOf("audio/aaaaaaaaaaa.opus"), InfoJsonPath = output.PathOf("audio/aaaaaaaaaaa.info.json"), Source = Channel };
        manifest.Record(row);
        ytDlp.Source(Channel, [YouTubeEntry("aaaaaaaaaaa"), YouTubeEntry("bbbbbbbbbbb")]);
        var (lister, tally) = Lister(DownloadArchive.Load(output.PathOf("downloaded.txt")), manifest);

        var listed = await ListAsync(lister, Channel);

        Assert.Equal("bbbbbbbbbbb", Assert.Single(listed).Id);
        var skipped = Assert.Single(Posted().OfType<DownloadItemSkippedEvent>());
        Assert.Equal(("youtube aaaaaaaaaaa", row.AudioPath), (skipped.ArchiveKey, skipped.Existing?.AudioPath));
        Assert.Equal(1, tally.Snapshot().Skipped);
    }

    [UnixFact]
    public async Task AnItemThisBatchLandedAlready_IsSkipped_EvenWithoutTheArchive()
    {
        ytDlp.Source(Channel, [YouTubeEntry("aaaaaaaaaaa"), YouTubeEntry("bbbbbbbbbbb")]);
        var (lister, tally) = Lister();
        var landed = new DownloadedItem { Id = "aaaaaaaaaaa", AudioPath = "/o/audio/aaaaaaaaaaa.opus", InfoJsonPath = "/o/audio/aaaaaaaaaaa.info.json", Source = "elsewhere" };
        tally.ItemLanded(landed, "youtube aaaaaaaaaaa");

        var listed = await ListAsync(lister, Channel);

        Assert.Equal("bbbbbbbbbbb", Assert.Single(listed).Id);
        Assert.Same(landed, Assert.Single(Posted().OfType<DownloadItemSkippedEvent>()).Existing);
    }

    [UnixFact]
    public async Task ListingStops_OnceTheItemLimitIsReached()
    {
        ytDlp.Source(Channel, [Tab("videos"), Tab("shorts")])
            .Source(Channel + "/videos", [YouTubeEntry("aaaaaaaaaaa"), YouTubeEntry("bbbbbbbbbbb")])
            .Source(Channel + "/shorts", [YouTubeEntry("ccccccccccc")]);
        var (lister, tally) = Lister(maxItems: 1);

        var listed = await ListAsync(lister, Channel, e =>
            tally.ItemLanded(new DownloadedItem { Id = e.Id!, AudioPath = $"/o/{e.Id}.opus", InfoJsonPath = $"/o/{e.Id}.info.json", Source = e.Source }, e.Identity.ArchiveKey));

        Assert.Equal("aaaaaaaaaaa", Assert.Single(listed).Id);
        Assert.DoesNotContain(ytDlp.Calls(), c => c[^1] == Channel + "/shorts");
        Assert.Contains(Posted().OfType<DownloadMessageEvent>(), m => m.Text.StartsWith($"Stopped listing '{Channel}/videos'", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task AFailingListing_IsASourceFailure_NamingTheNestedUrl_AfterWhatItListed()
    {
        ytDlp.Source(Channel, [Tab("videos")])
            .Source(Channel + "/videos", [YouTubeEntry("aaaaaaaaaaa")], exit: 1, stderr: ["ERROR: [youtube:tab] someone: HTTP Error 503: Service Unavailable"]);
        var (lister, tally) = Lister();

        var listed = await ListAsync(lister, Channel);

        Assert.Single(listed);
        var failure = Assert.Single(Posted().OfType<DownloadFailedEvent>()).Failure;
        Assert.Equal((Channel, (string?)null, "SourceFailed", Channel + "/videos"), (failure.Source, failure.Url, failure.Error.ErrorId, failure.Error.Target));
        Assert.EndsWith("(after 1 items were listed)", failure.Error.Message);
        Assert.Equal(1, tally.Snapshot().Failed);
    }

    [UnixFact]
    public async Task AnEmptyListing_IsAWarning()
    {
        ytDlp.Source(Channel, []);
        var (lister, _) = Lister();

        Assert.Empty(await ListAsync(lister, Channel));

        Assert.Contains(Posted().OfType<DownloadMessageEvent>(), m => m.Level == BatchMessageLevel.Warning && m.Text.Contains("lists no items"));
    }
}
