using System.Threading.Channels;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Download;

/// <summary>
/// Where the parts of a download batch say what happened: each call counts it in the
/// <see cref="DownloadTally"/> and posts the event the host reads, in that order, so a host that
/// sees an event and then asks for progress finds it counted. Called from any thread.
/// </summary>
internal sealed class DownloadReporter(ChannelWriter<DownloadEvent> events, DownloadTally tally)
{
    // Warnings of yt-dlp that matter to the user; the rest ("Falling back on generic information extractor") is detail.
    private static readonly string[] ImportantWarnings = ["JavaScript", "js runtime", "nsig", "n challenge", "may be missing", "outdated", "Sign in", "cookies"];

    /// <summary>The tally the events are counted in.</summary>
    public DownloadTally Tally => tally;

    /// <summary>A line for the log.</summary>
    public void Message(BatchMessageLevel level, string text) => events.TryWrite(new DownloadMessageEvent(level, text));

    /// <summary>
    /// Passes on what yt-dlp said that is not for YtPipe to act on: a warning (as a warning when the
    /// user can do something about it) or any other non-empty line (as detail). Other lines are ignored.
    /// </summary>
    public void Relay(YtDlpLine line)
    {
        switch (line)
        {
            case YtDlpWarningLine w:
                Message(ImportantWarnings.Any(k => w.Text.Contains(k, StringComparison.OrdinalIgnoreCase)) ? BatchMessageLevel.Warning : BatchMessageLevel.Verbose,
                    $"yt-dlp: {w.Text}");
                break;
            case YtDlpOtherLine o when o.Text.Trim().Length > 0:
                Message(BatchMessageLevel.Verbose, $"yt-dlp: {o.Text.Trim()}");
                break;
        }
    }

    /// <summary>An item is to be downloaded; returns its number in this batch.</summary>
    public int Started(DownloadEntry entry)
    {
        var number = tally.ItemFound();
        events.TryWrite(new DownloadItemStartedEvent(number, entry.Source, entry.Url, entry.Title));
        return number;
    }

    /// <summary>An item is not downloaded because it was before.</summary>
    public void Skipped(DownloadEntry entry, string? archiveKey, DownloadedItem? existing, string reason)
    {
        tally.ItemSkipped();
        events.TryWrite(new DownloadItemSkippedEvent(entry.Source, entry.Url, archiveKey, existing, reason));
    }

    /// <summary>An item landed under <paramref name="keys"/>; returns whether that made the item limit.</summary>
    public bool Landed(DownloadedItem item, params string[] keys)
    {
        var reached = tally.ItemLanded(item, keys);
        events.TryWrite(new DownloadItemLandedEvent(item));
        return reached;
    }

    /// <summary>Listing <paramref name="listUrl"/> (<paramref name="source"/> or a playlist inside it) failed for <paramref name="reason"/>, in yt-dlp's words.</summary>
    public void SourceFailed(string source, string listUrl, string reason)
    {
        var error = new SourceFailedException(listUrl, reason, YtDlpLineParser.Classify(reason)) { Fix = YtDlpLineParser.FixFor(reason) };
        Failed(new DownloadFailure(source, null, null, error));
    }

    /// <summary>An item failed.</summary>
    public void ItemFailed(DownloadEntry entry, string? title, DownloadFailedException error) =>
        Failed(new DownloadFailure(entry.Source, entry.Url, title, error));

    /// <summary>The error for an item that failed for <paramref name="reason"/>, in yt-dlp's words: classified, with a fix when one is known.</summary>
    public static DownloadFailedException ItemError(string url, string reason, FailureKind? kind = null) =>
        new(url, reason, kind ?? YtDlpLineParser.Classify(reason)) { Fix = YtDlpLineParser.FixFor(reason) };

    private void Failed(DownloadFailure failure)
    {
        tally.Failed(failure);
        events.TryWrite(new DownloadFailedEvent(failure));
    }
}
