using System.Text.Json;
using System.Text.Json.Nodes;
using YtPipe.Core.Batch;
using YtPipe.Core.Download;
using YtPipe.Core.Errors;
using YtPipe.Tests.Support;
using static YtPipe.Tests.Download.FakeYtDlp;

namespace YtPipe.Tests.Download;

public sealed class DownloadBatchTests : IDisposable
{
    private const string Feed = "http://feeds.test/show.xml";
    private readonly DownloadTestBed bed = new();

    public void Dispose() => bed.Dispose();

    private static JsonObject Audio(string id, string? title = null, string extractor = "Generic", string ext = "opus") =>
        new() { ["id"] = id, ["title"] = title ?? id, ["extractor_key"] = extractor, ["ext"] = ext };

    private void ThreeEpisodeFeed()
    {
        bed.YtDlp.Source(Feed, [FeedEntry("http://cdn.test/ep1.opus", "Episode One"), FeedEntry("http://cdn.test/ep2.opus", "Episode Two"), FeedEntry("http://cdn.test/ep3.opus", "Episode Three")]);
        foreach (var n in new[] { 1, 2, 3 })
        {
            bed.YtDlp.Item($"http://cdn.test/ep{n}.opus", Audio($"guid-{n}", $"Episode {n}"));
        }
    }

    [UnixFact]
    public async Task FeedItems_LandUnderAudioWithTheirInfoJson_EachWithOneManifestRowAndOneArchiveLine()
    {
        ThreeEpisodeFeed();

        var run = await bed.RunAsync(bed.Options(), Feed);

        Assert.Equal(3, run.Landed.Count);
        Assert.Empty(run.Failures);
        Assert.Equal(6, bed.AudioFiles().Length);
        foreach (var item in run.Landed)
        {
            Assert.True(File.Exists(item.AudioPath), item.AudioPath);
            Assert.True(File.Exists(item.InfoJsonPath), item.InfoJsonPath);
            Assert.Equal(Path.Combine(bed.Out.Path, "audio"), Path.GetDirectoryName(item.AudioPath));
            Assert.Equal(Path.ChangeExtension(item.AudioPath, ".info.json"), item.InfoJsonPath);
            Assert.Equal(Feed, item.Source);
            Assert.Equal($"audio of {item.Id}", File.ReadAllText(item.AudioPath));
        }
        var first = run.Landed[0];
        Assert.Equal("guid-1", first.Id);
        Assert.Equal("Episode 1", first.Title);
        Assert.Equal("http://cdn.test/ep1.opus", first.WebpageUrl);
        Assert.StartsWith("ep1-", Path.GetFileName(first.AudioPath));
        Assert.Equal(3, bed.ManifestLines().Length);
        Assert.Equal(run.Landed.Select(i => $"generic {i.FileStem}"), bed.ArchiveLines());
        Assert.False(bed.StagingLeft());
    }

    [UnixFact]
    public async Task ManifestRows_HaveTheSeedSchema_InItsKeyOrder()
    {
        bed.YtDlp.Source("https://www.youtube.com/watch?v=dQw4w9WgXcQ", [YouTubeEntry("dQw4w9WgXcQ", "A song")])
            .Item("https://www.youtube.com/watch?v=dQw4w9WgXcQ", new JsonObject
            {
                ["id"] = "dQw4w9WgXcQ", ["title"] = "A song", ["extractor_key"] = "Youtube", ["uploader"] = "Rick",
                ["duration"] = 212, ["upload_date"] = "20091025", ["ext"] = "webm",
            });

        var run = await bed.RunAsync(bed.Options(), "https://www.youtube.com/watch?v=dQw4w9WgXcQ");

        var row = JsonDocument.Parse(Assert.Single(bed.ManifestLines())).RootElement;
        Assert.Equal(["id", "title", "uploader", "webpage_url", "duration", "upload_date", "audio_path", "info_json", "source"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dQw4w9WgXcQ", row.GetProperty("id").GetString());
        Assert.Equal("Rick", row.GetProperty("uploader").GetString());
        Assert.Equal(212, row.GetProperty("duration").GetInt32());
        Assert.Equal("20091025", row.GetProperty("upload_date").GetString());
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", row.GetProperty("webpage_url").GetString());
        Assert.Equal(Path.Combine(bed.Out.Path, "audio", "dQw4w9WgXcQ.webm"), row.GetProperty("audio_path").GetString());
        Assert.Equal(Path.Combine(bed.Out.Path, "audio", "dQw4w9WgXcQ.info.json"), row.GetProperty("info_json").GetString());
        Assert.Equal(["youtube dQw4w9WgXcQ"], bed.ArchiveLines());
        Assert.Equal(TimeSpan.FromSeconds(212), TimeSpan.FromSeconds(Assert.Single(run.Landed).Duration!.Value));
    }

    [UnixFact]
    public async Task SecondRun_SkipsArchivedItems_WithoutCallingYtDlpForThem_AndPointsAtTheirManifestRows()
    {
        ThreeEpisodeFeed();
        var firstRun = await bed.RunAsync(bed.Options(), Feed);
        var callsBefore = bed.YtDlp.Calls().Count;

        var second = await bed.RunAsync(bed.Options(), Feed);

        Assert.Empty(second.Landed);
        Assert.Equal(3, second.Skipped.Count);
        Assert.Equal(firstRun.Landed.Select(i => i.AudioPath), second.Skipped.Select(s => s.Existing?.AudioPath));
        Assert.Equal(callsBefore + 1, bed.YtDlp.Calls().Count);   // the listing only
        Assert.Equal(3, bed.ManifestLines().Length);
        Assert.Equal(3, bed.ArchiveLines().Length);
    }

    [UnixFact]
    public async Task RerunWithoutArchive_DownloadsAgain_ButNeverAddsASecondManifestRow()
    {
        ThreeEpisodeFeed();
        await bed.RunAsync(bed.Options(archive: false), Feed);
        var rows = bed.ManifestLines();

        var second = await bed.RunAsync(bed.Options(archive: false), Feed);

        Assert.Equal(3, second.Landed.Count);
        Assert.Equal(rows, bed.ManifestLines());
        Assert.Empty(bed.ArchiveLines());
        Assert.Equal(6, bed.AudioFiles().Length);
    }

    [UnixFact]
    public async Task SameBaseNameOnTwoHosts_LandsAsTwoFiles_AndBothAreArchived()
    {
        bed.YtDlp.Source("http://a.test/talk.mp3", [DirectEntry("http://a.test/talk.mp3", "talk")])
            .Source("http://b.test/talk.mp3", [DirectEntry("http://b.test/talk.mp3", "talk")])
            .Item("http://a.test/talk.mp3", new JsonObject { ["id"] = "talk", ["ext"] = "mp3", ["content"] = "from a" })
            .Item("http://b.test/talk.mp3", new JsonObject { ["id"] = "talk", ["ext"] = "mp3", ["content"] = "from b" });

        var run = await bed.RunAsync(bed.Options(), "http://a.test/talk.mp3", "http://b.test/talk.mp3");

        Assert.Equal(2, run.Landed.Count);
        Assert.NotEqual(run.Landed[0].AudioPath, run.Landed[1].AudioPath);
        Assert.Equal("from a", File.ReadAllText(run.Landed[0].AudioPath));
        Assert.Equal("from b", File.ReadAllText(run.Landed[1].AudioPath));
        Assert.Equal(2, bed.ArchiveLines().Distinct().Count());
    }

    [UnixFact]
    public async Task MaxItems_CountsAcrossSources_AndStopsListingOnceReached()
    {
        bed.YtDlp.Source("http://a.test/feed", [FeedEntry("http://a.test/1.opus"), FeedEntry("http://a.test/2.opus")])
            .Source("http://b.test/feed", [FeedEntry("http://b.test/1.opus"), FeedEntry("http://b.test/2.opus")])
            .Source("http://c.test/feed", [FeedEntry("http://c.test/1.opus")]);
        foreach (var url in new[] { "http://a.test/1.opus", "http://a.test/2.opus", "http://b.test/1.opus", "http://b.test/2.opus", "http://c.test/1.opus" })
        {
            bed.YtDlp.Item(url, Audio(url.Replace("http://", "").Replace('/', '_')));
        }

        var run = await bed.RunAsync(bed.Options(maxItems: 3), "http://a.test/feed", "http://b.test/feed", "http://c.test/feed");

        Assert.Equal(["a.test_1.opus", "a.test_2.opus", "b.test_1.opus"], run.Landed.Select(i => i.Id));
        Assert.True(run.Summary.MaxItemsReached);
        var calls = bed.YtDlp.Calls();
        Assert.DoesNotContain(calls, c => c.Contains("http://c.test/feed"));
        Assert.Equal(3, calls.Count(c => c.Contains("--load-info-json")));
    }

    [UnixFact]
    public async Task MaxItems_CountsLandedItemsOnly_NotSkippedOrFailedOnes()
    {
        ThreeEpisodeFeed();
        bed.YtDlp.Source("http://feeds.test/more.xml", [FeedEntry("http://cdn.test/gone.opus"), FeedEntry("http://cdn.test/ep1.opus"), FeedEntry("http://cdn.test/ep2.opus"), FeedEntry("http://cdn.test/ep3.opus")]);
        await bed.RunAsync(bed.Options(maxItems: 1), Feed);   // ep1 lands

        var run = await bed.RunAsync(bed.Options(maxItems: 1), "http://feeds.test/more.xml");

        Assert.Single(run.Failures);         // gone.opus
        Assert.Single(run.Skipped);          // ep1, archived
        Assert.Equal("guid-2", Assert.Single(run.Landed).Id);
    }

    [UnixFact]
    public async Task FailingItem_IsReportedWithItsUrl_TheOthersLand_AndNothingOfItIsRecorded()
    {
        ThreeEpisodeFeed();
        bed.YtDlp.Item("http://cdn.test/ep2.opus", new JsonObject
        {
            ["id"] = "guid-2", ["exit"] = 1, ["stderr"] = new JsonArray("ERROR: [download] Got error: Downloaded 30000 bytes, expected 128194 bytes"),
            ["files"] = 0,
        });

        var run = await bed.RunAsync(bed.Options(), Feed);

        Assert.Equal(["guid-1", "guid-3"], run.Landed.Select(i => i.Id));
        var failure = Assert.Single(run.Failures);
        Assert.Equal("http://cdn.test/ep2.opus", failure.Url);
        Assert.Equal(Feed, failure.Source);
        Assert.Equal("DownloadFailed", failure.Error.ErrorId);
        Assert.Equal("http://cdn.test/ep2.opus", failure.Error.Target);
        Assert.Contains("Downloaded 30000 bytes, expected 128194 bytes", failure.Error.Message);
        Assert.NotNull(failure.Error.Fix);
        Assert.Equal(2, bed.ManifestLines().Length);
        Assert.DoesNotContain(bed.ArchiveLines(), l => l.Contains("ep2"));
        Assert.DoesNotContain(bed.AudioFiles(), f => f.StartsWith("ep2", StringComparison.Ordinal));
        Assert.Same(failure, Assert.Single(run.Summary.Failures));
    }

    [UnixFact]
    public async Task MissingItem_IsNotFound_WithoutYtDlpsBugReportBoilerplate()
    {
        bed.YtDlp.Source(Feed, [FeedEntry("http://cdn.test/missing.opus")]);

        var run = await bed.RunAsync(bed.Options(), Feed);

        var error = Assert.Single(run.Failures).Error;
        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Equal("Cannot download 'http://cdn.test/missing.opus': [generic] Unable to download webpage: HTTP Error 404: Not Found", error.Message);
    }

    [UnixFact]
    public async Task FailingSource_IsASourceFailedError_AndTheNextSourceGoesOn()
    {
        ThreeEpisodeFeed();

        var run = await bed.RunAsync(bed.Options(), "http://nowhere.test/page", Feed);

        var failure = Assert.Single(run.Failures);
        Assert.Null(failure.Url);
        Assert.Equal("SourceFailed", failure.Error.ErrorId);
        Assert.Equal("http://nowhere.test/page", failure.Error.Target);
        Assert.Contains("Unsupported URL", failure.Error.Message);
        Assert.Equal(3, run.Landed.Count);
    }

    [UnixFact]
    public async Task ItemsLandOneAfterAnother_EachBeforeTheNextStarts()
    {
        ThreeEpisodeFeed();

        var run = await bed.RunAsync(bed.Options(), Feed);

        var order = run.Events.Where(e => e is DownloadItemStartedEvent or DownloadItemLandedEvent)
            .Select(e => e is DownloadItemStartedEvent s ? $"start {s.Number}" : "landed").ToList();
        Assert.Equal(["start 1", "landed", "start 2", "landed", "start 3", "landed"], order);
    }

    [UnixFact]
    public async Task AFileReportedOutsideTheStagingFolder_IsRefused_AndNothingLands()
    {
        var outside = bed.Out.WriteFile("elsewhere/evil.opus", "not ours");
        bed.YtDlp.Source(Feed, [FeedEntry("http://cdn.test/evil.opus")])
            .Item("http://cdn.test/evil.opus", new JsonObject { ["id"] = "evil", ["landed_path"] = outside });

        var run = await bed.RunAsync(bed.Options(), Feed);

        var failure = Assert.Single(run.Failures);
        Assert.Contains("outside its staging folder", failure.Error.Message);
        Assert.Empty(run.Landed);
        Assert.Empty(bed.AudioFiles());
        Assert.Empty(bed.ManifestLines());
        Assert.Empty(bed.ArchiveLines());
        Assert.Equal("not ours", File.ReadAllText(outside));
    }

    [UnixFact]
    public async Task AHostileIdFromTheNetwork_CannotLeaveTheAudioFolder()
    {
        bed.YtDlp.Source("https://www.youtube.com/watch?v=x", [YouTubeEntry("../../../escaped")])
            .Item("https://www.youtube.com/watch?v=../../../escaped", new JsonObject { ["id"] = "../../../escaped", ["extractor_key"] = "Youtube" });

        var run = await bed.RunAsync(bed.Options(), "https://www.youtube.com/watch?v=x");

        var item = Assert.Single(run.Landed);
        Assert.Equal(Path.Combine(bed.Out.Path, "audio"), Path.GetDirectoryName(item.AudioPath));
        Assert.Equal("../../../escaped", item.Id);
        Assert.DoesNotContain("..", Path.GetFileName(item.AudioPath).Replace(".opus", ""));
        Assert.Equal(2, bed.AudioFiles().Length);
        Assert.Equal(["audio", "downloaded.txt", "manifest.jsonl"], Directory.GetFileSystemEntries(bed.Out.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [UnixFact]
    public async Task AnItemWithoutInfoJson_Fails_AndLeavesNoAudio()
    {
        bed.YtDlp.Source(Feed, [FeedEntry("http://cdn.test/noinfo.opus")])
            .Item("http://cdn.test/noinfo.opus", new JsonObject { ["id"] = "noinfo", ["no_info"] = true });

        var run = await bed.RunAsync(bed.Options(), Feed);

        Assert.Contains(".info.json", Assert.Single(run.Failures).Error.Message);
        Assert.Empty(bed.AudioFiles());
        Assert.False(bed.StagingLeft());
    }

    [UnixFact]
    public async Task AnItemListedTwice_IsDownloadedOnce()
    {
        ThreeEpisodeFeed();

        var run = await bed.RunAsync(bed.Options(archive: false), Feed, Feed);

        Assert.Equal(3, run.Landed.Count);
        Assert.Equal(3, run.Skipped.Count);
        Assert.All(run.Skipped, s => Assert.NotNull(s.Existing));
        Assert.Equal(3, bed.ManifestLines().Length);
    }

    [UnixFact]
    public async Task AChannelsTabs_AreListedInTurn_AndTheirItemsKeepTheChannelAsSource()
    {
        const string channel = "https://www.youtube.com/@someone";
        bed.YtDlp.Source(channel, [new JsonObject { ["_type"] = "url", ["ie_key"] = "YoutubeTab", ["url"] = channel + "/videos", ["title"] = "Videos" }])
            .Source(channel + "/videos", [YouTubeEntry("aaaaaaaaaaa"), YouTubeEntry("bbbbbbbbbbb")])
            .Item("https://www.youtube.com/watch?v=aaaaaaaaaaa", Audio("aaaaaaaaaaa", extractor: "Youtube"))
            .Item("https://www.youtube.com/watch?v=bbbbbbbbbbb", Audio("bbbbbbbbbbb", extractor: "Youtube"));

        var run = await bed.RunAsync(bed.Options(), channel);

        Assert.Equal(["aaaaaaaaaaa", "bbbbbbbbbbb"], run.Landed.Select(i => i.Id));
        Assert.All(run.Landed, i => Assert.Equal(channel, i.Source));
        Assert.Equal(["aaaaaaaaaaa.info.json", "aaaaaaaaaaa.opus", "bbbbbbbbbbb.info.json", "bbbbbbbbbbb.opus"], bed.AudioFiles());
    }

    [UnixFact]
    public async Task APageWithSeveralMedia_NumbersTheFilesAfterTheFirst()
    {
        bed.YtDlp.Source(Feed, [FeedEntry("http://cdn.test/page.html")])
            .Item("http://cdn.test/page.html", new JsonObject { ["id"] = "page", ["files"] = 2 });

        var run = await bed.RunAsync(bed.Options(), Feed);

        Assert.Equal(2, run.Landed.Count);
        Assert.Equal(run.Landed[0].FileStem + "-2", run.Landed[1].FileStem);
        Assert.Equal(2, bed.ArchiveLines().Length);
    }

    [UnixFact]
    public async Task AFeedItemThatIsAYouTubeVideo_IsNamedByItsId_AndSkippedNextTimeWithoutDownloading()
    {
        bed.YtDlp.Source("https://www.youtube.com/feeds/videos.xml?channel_id=UC1", [FeedEntry("https://www.youtube.com/watch?v=ccccccccccc")])
            .Item("https://www.youtube.com/watch?v=ccccccccccc", Audio("ccccccccccc", extractor: "Youtube"));

        var first = await bed.RunAsync(bed.Options(), "https://www.youtube.com/feeds/videos.xml?channel_id=UC1");
        var second = await bed.RunAsync(bed.Options(), "https://www.youtube.com/feeds/videos.xml?channel_id=UC1");

        Assert.Equal("ccccccccccc.opus", Path.GetFileName(Assert.Single(first.Landed).AudioPath));
        Assert.Contains("youtube ccccccccccc", bed.ArchiveLines());
        Assert.Single(second.Skipped);
        Assert.Equal(1, bed.YtDlp.Calls().Count(c => c.Contains("--load-info-json")));
    }

    [UnixFact]
    public async Task AnItemYtDlpSkipsByItsOwnArchiveCheck_IsReportedAsSkipped()
    {
        // Listed by URL (unknown id), then found in the archive by yt-dlp after extraction.
        File.WriteAllText(Path.Combine(bed.Out.Path, "downloaded.txt"), "youtube ddddddddddd\n");
        bed.YtDlp.Source(Feed, [FeedEntry("https://www.youtube.com/watch?v=ddddddddddd")])
            .Item("https://www.youtube.com/watch?v=ddddddddddd", Audio("ddddddddddd", extractor: "Youtube"));

        var run = await bed.RunAsync(bed.Options(), Feed);

        Assert.Empty(run.Landed);
        Assert.Empty(run.Failures);
        Assert.Contains("archive", Assert.Single(run.Skipped).Reason);
        Assert.Empty(bed.AudioFiles());
    }

    [UnixFact]
    public async Task ExtraArguments_GoToEveryCall_AndTheSourceFollowsDoubleDash()
    {
        ThreeEpisodeFeed();

        await bed.RunAsync(bed.Options(extra: ["--proxy", "socks5://127.0.0.1:9"]), Feed);

        var calls = bed.YtDlp.Calls();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Contains("--proxy", c));
        Assert.All(calls, c => Assert.Contains("--ignore-config", c));
        var listing = calls[0];
        Assert.Equal(["--", Feed], listing[^2..]);
    }

    [Fact]
    public void AReservedExtraArgument_IsRefusedBeforeAnythingRuns()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new DownloadBatch(bed.Options(extra: ["-o", "x.%(ext)s"]), bed.YtDlp.Tool));

        Assert.Equal("-o", e.Target);
        Assert.False(Directory.Exists(Path.Combine(bed.Out.Path, "audio")));
    }

    [UnixFact]
    public async Task Cancel_KillsYtDlpAndWhatItStarted_RemovesTheStagingFolder_AndLandsNothingPartial()
    {
        var pidFile = Path.Combine(bed.YtDlp.Folder, "pids");
        bed.YtDlp.Source(Feed, [FeedEntry("http://cdn.test/slow.opus")])
            .Item("http://cdn.test/slow.opus", new JsonObject { ["id"] = "slow", ["hang"] = true, ["pidfile"] = pidFile });
        await using var batch = new DownloadBatch(bed.Options(), bed.YtDlp.Tool);
        batch.Submit(Feed);
        batch.Complete();
        // Wait for the event that says bytes flow (the fake wrote its pid file before).
        await foreach (var e in batch.Events.ReadAllAsync().WithCancellation(new CancellationTokenSource(TaskTimeouts.Default).Token))
        {
            if (e is DownloadMessageEvent { Text: var text } && text.StartsWith("Receiving", StringComparison.Ordinal))
            {
                break;
            }
        }
        var progress = batch.GetProgress();
        Assert.Equal(1, progress.Current?.DownloadedBytes);
        Assert.Equal("downloading", progress.Current?.Stage);
        var pids = File.ReadAllText(pidFile).Split(' ').Select(int.Parse).ToArray();

        batch.Cancel();
        var summary = await batch.Completion.WaitAsync(TaskTimeouts.Default);

        Assert.True(summary.Cancelled);
        Assert.Empty(summary.Failures);
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} survived"));
        Assert.Empty(bed.AudioFiles());
        Assert.False(bed.StagingLeft());
        Assert.Empty(bed.ManifestLines());
    }

    [UnixFact]
    public async Task YtDlpInterruptedByTheUser_StopsTheWholeBatch_WithoutCallingItAFailure()
    {
        ThreeEpisodeFeed();
        bed.YtDlp.Item("http://cdn.test/ep1.opus", new JsonObject { ["id"] = "x", ["files"] = 0, ["exit"] = 1, ["stderr"] = new JsonArray("", "ERROR: Interrupted by user") });

        var run = await bed.RunAsync(bed.Options(), Feed, "http://other.test/feed");

        Assert.True(run.Summary.Cancelled);
        Assert.Empty(run.Failures);
        Assert.Empty(run.Landed);
        Assert.Equal(2, bed.YtDlp.Calls().Count);
    }

    [UnixFact]
    public async Task YtDlpWarnings_AreVerbose_ExceptTheOnesAUserMustAct_On()
    {
        bed.YtDlp.Source(Feed, [FeedEntry("http://cdn.test/ep1.opus")], stderr: ["WARNING: [generic] Falling back on generic information extractor"])
            .Item("http://cdn.test/ep1.opus", new JsonObject
            {
                ["id"] = "a", ["stderr"] = new JsonArray("WARNING: [youtube] No supported JavaScript runtime could be found; some formats may be missing"),
            });

        var run = await bed.RunAsync(bed.Options(), Feed);

        var messages = run.Events.OfType<DownloadMessageEvent>().ToList();
        Assert.Contains(messages, m => m.Level == BatchMessageLevel.Verbose && m.Text.Contains("Falling back"));
        Assert.Contains(messages, m => m.Level == BatchMessageLevel.Warning && m.Text.Contains("JavaScript runtime"));
    }

    [UnixFact]
    public async Task AnEmptySource_IsAWarning_NotAFailure()
    {
        bed.YtDlp.Source(Feed, []);

        var run = await bed.RunAsync(bed.Options(), Feed);

        Assert.Empty(run.Failures);
        Assert.Contains(run.Events.OfType<DownloadMessageEvent>(), m => m.Level == BatchMessageLevel.Warning && m.Text.Contains("lists no items"));
    }

    private static bool IsAlive(int pid) => YtDlpProcessTests.IsAlive(pid);
}
