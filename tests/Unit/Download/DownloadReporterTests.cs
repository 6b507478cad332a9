using System.Threading.Channels;
using YtPipe.Core.Batch;
using YtPipe.Core.Download;
using YtPipe.Core.Errors;

namespace YtPipe.Tests.Download;

public sealed class DownloadReporterTests
{
    private readonly Channel<DownloadEvent> events = Channel.CreateUnbounded<DownloadEvent>();
    private readonly DownloadTally tally = new(maxItems: 1);
    private readonly DownloadReporter reporter;

    public DownloadReporterTests()
    {
        reporter = new DownloadReporter(events.Writer, tally);
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

    private static DownloadEntry Entry() => DownloadEntry.Parse("http://feeds.test/show.xml", FakeYtDlp.FeedEntry("http://cdn.test/ep1.opus", "One").ToJsonString());

    [Fact]
    public void YtDlpWarnings_AreVerbose_ExceptTheOnesAUserMustActOn_AndErrorsAreNotRelayed()
    {
        reporter.Relay(YtDlpLineParser.Parse("WARNING: [generic] Falling back on generic information extractor"));
        reporter.Relay(YtDlpLineParser.Parse("WARNING: [youtube] Sign in to confirm you're not a bot"));
        reporter.Relay(YtDlpLineParser.Parse("[info] Writing video metadata"));
        reporter.Relay(YtDlpLineParser.Parse("   "));
        reporter.Relay(YtDlpLineParser.Parse("ERROR: Unsupported URL: x"));

        var messages = Posted().Cast<DownloadMessageEvent>().ToList();

        Assert.Equal([BatchMessageLevel.Verbose, BatchMessageLevel.Warning, BatchMessageLevel.Verbose], messages.Select(m => m.Level));
        Assert.Equal("yt-dlp: [info] Writing video metadata", messages[2].Text);
    }

    [Fact]
    public void EachEvent_IsCountedBeforeItIsPosted()
    {
        var entry = Entry();
        var item = new DownloadedItem { Id = "g", AudioPath = "/o/audio/ep1.opus", InfoJsonPath = "/o/audio/ep1.info.json", Source = entry.Source };

        var number = reporter.Started(entry);
        var reached = reporter.Landed(item, "generic ep1");
        reporter.Skipped(entry, "generic ep1", item, "listed twice");
        reporter.ItemFailed(entry, "One", DownloadReporter.ItemError(entry.Url, "HTTP Error 404: Not Found"));
        reporter.SourceFailed(entry.Source, entry.Source, "Unsupported URL: x");

        var posted = Posted();
        Assert.Equal(1, number);
        Assert.True(reached);
        Assert.Equal([typeof(DownloadItemStartedEvent), typeof(DownloadItemLandedEvent), typeof(DownloadItemSkippedEvent), typeof(DownloadFailedEvent), typeof(DownloadFailedEvent)],
            posted.Select(e => e.GetType()));
        var progress = tally.Snapshot();
        Assert.Equal((1, 1, 1, 2), (progress.Found, progress.Landed, progress.Skipped, progress.Failed));
        var itemError = ((DownloadFailedEvent)posted[3]).Failure.Error;
        Assert.Equal((FailureKind.NotFound, "DownloadFailed"), (itemError.Kind, itemError.ErrorId));
        var sourceError = ((DownloadFailedEvent)posted[4]).Failure.Error;
        Assert.Equal("SourceFailed", sourceError.ErrorId);
        Assert.NotNull(sourceError.Fix);
    }
}
