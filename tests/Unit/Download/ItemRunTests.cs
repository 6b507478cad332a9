using System.Threading.Channels;
using YtPipe.Core.Batch;
using YtPipe.Core.Download;

namespace YtPipe.Tests.Download;

/// <summary>An item's yt-dlp output, fed line by line without a process.</summary>
public sealed class ItemRunTests
{
    private readonly Channel<DownloadEvent> events = Channel.CreateUnbounded<DownloadEvent>();
    private readonly DownloadTally tally = new(maxItems: null);
    private readonly List<string> landed = [];
    private readonly ItemRun run;

    public ItemRunTests()
    {
        var entry = DownloadEntry.Parse("http://feeds.test/show.xml", FakeYtDlp.FeedEntry("http://cdn.test/ep1.opus", "Listed title").ToJsonString());
        run = new ItemRun(entry, "/staging/0001", 7, new DownloadReporter(events.Writer, tally), (_, path) => landed.Add(path));
    }

    private List<DownloadMessageEvent> Messages()
    {
        var list = new List<DownloadMessageEvent>();
        while (events.Reader.TryRead(out var e))
        {
            list.Add((DownloadMessageEvent)e);
        }
        return list;
    }

    [Fact]
    public void ARun_IsTheItemInWork_FromItsStart()
    {
        var current = tally.Snapshot().Current;

        Assert.Equal((7, "http://cdn.test/ep1.opus", "Listed title", "extracting"), (current?.Number, current?.Url, current?.Title, current?.Stage));
    }

    [Fact]
    public void ProgressLines_BecomeTheItemInWork_AndTheFirstBytesAreAnnouncedOnce()
    {
        run.OnLine(YtDlpArguments.ItemPrefix + """{"id": "g1", "title": "Extracted title"}""");
        run.OnLine(YtDlpArguments.ProgressPrefix + """{"status": "downloading", "downloaded_bytes": 0, "total_bytes": 100}""");
        run.OnLine(YtDlpArguments.ProgressPrefix + """{"status": "downloading", "downloaded_bytes": 25, "total_bytes": 100, "speed": 50.0, "eta": 2}""");
        var during = tally.Snapshot().Current;
        run.OnLine(YtDlpArguments.ProgressPrefix + """{"status": "downloading", "downloaded_bytes": 50, "total_bytes": 100}""");
        run.OnLine(YtDlpArguments.ProgressPrefix + """{"status": "finished", "downloaded_bytes": 100, "total_bytes": 100}""");
        var finished = tally.Snapshot().Current;

        Assert.Equal(("Extracted title", 25L, 100L, 50.0, TimeSpan.FromSeconds(2), "downloading"),
            (during?.Title, during?.DownloadedBytes, during?.TotalBytes, during?.Speed, during?.Eta, during?.Stage));
        Assert.Equal((100L, "finishing"), (finished?.DownloadedBytes, finished?.Stage));
        Assert.Equal("Extracted title", run.Title);
        var receiving = Assert.Single(Messages());
        Assert.Equal("Receiving item 7: 'Extracted title' (http://cdn.test/ep1.opus) (100 bytes).", receiving.Text);
    }

    [Fact]
    public void LandedLines_AreHandedOver_InOrder()
    {
        run.OnLine(YtDlpArguments.LandedPrefix + "\"/staging/0001/00001.opus\"");
        run.OnLine(YtDlpArguments.LandedPrefix + "\"/staging/0001/00002.opus\"");

        Assert.Equal(["/staging/0001/00001.opus", "/staging/0001/00002.opus"], landed);
    }

    [Fact]
    public void Errors_AreKeptOnceEach_AndAnInterruptionIsNoticed()
    {
        run.OnLine("ERROR: [download] Got error: timed out");
        run.OnLine("ERROR: [download] Got error: timed out");
        Assert.False(run.Interrupted);

        run.OnLine("ERROR: Interrupted by user");

        Assert.Equal(["[download] Got error: timed out", "Interrupted by user"], run.Errors());
        Assert.True(run.Interrupted);
        Assert.Empty(Messages());
    }

    [Fact]
    public void WarningsAndOtherLines_GoToTheLog()
    {
        run.OnLine("WARNING: [youtube] No supported JavaScript runtime could be found");
        run.OnLine("[ExtractAudio] Destination: 00001.mp3");

        Assert.Equal([BatchMessageLevel.Warning, BatchMessageLevel.Verbose], Messages().Select(m => m.Level));
    }

    [Fact]
    public void LandedFiles_AreNumberedFromOne()
    {
        Assert.Equal(0, run.FilesLanded);
        Assert.Equal([1, 2], new[] { run.NextFileIndex(), run.NextFileIndex() });
        Assert.Equal(2, run.FilesLanded);
    }
}
