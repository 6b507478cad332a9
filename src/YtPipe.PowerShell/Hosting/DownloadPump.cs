using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using YtPipe.Core.Batch;
using YtPipe.Core.Download;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// Runs on the pipeline thread and is the only thing that writes for Save-YtAudio: it turns the
/// download batch's events into WriteObject/WriteError/WriteVerbose/WriteWarning and its progress
/// snapshots into Write-Progress (throttled): one bar for the batch, one for the item in work.
/// </summary>
internal sealed class DownloadPump(PSCmdlet cmdlet, DownloadBatch batch, string activity, int idBase = 1, Action<DownloadedItem>? onLanded = null)
    : EventPump<DownloadEvent>(cmdlet, batch.Events, batch.Cancel)
{
    private readonly int parentId = idBase;
    private readonly int itemId = idBase + 1;

    private bool progressShown;
    private bool itemShown;

    /// <summary>The object Save-YtAudio emits for an item.</summary>
    public static DownloadedAudio ToOutput(DownloadedItem item) => new()
    {
        Id = item.Id,
        Title = item.Title,
        Uploader = item.Uploader,
        WebpageUrl = item.WebpageUrl,
        Duration = item.Duration is { } d ? TimeSpan.FromSeconds(d) : null,
        UploadDate = DateTime.TryParseExact(item.UploadDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
        AudioPath = item.AudioPath,
        InfoJson = item.InfoJsonPath,
        Source = item.Source,
    };

    protected override void Handle(DownloadEvent e)
    {
        switch (e)
        {
            case DownloadItemLandedEvent { Item: var item }:
                Cmdlet.WriteVerbose($"Landed '{item.Title ?? item.Id}': {item.AudioPath}");
                if (onLanded is null) Cmdlet.WriteObject(ToOutput(item));
                else onLanded(item);
                break;
            case DownloadItemSkippedEvent s:
                Cmdlet.WriteVerbose($"Skipped '{s.Url}': {s.Reason}.");
                break;
            case DownloadFailedEvent { Failure: var f }:
                Cmdlet.WriteError(ErrorRecords.From(f.Error));
                break;
            case DownloadMessageEvent { Level: BatchMessageLevel.Warning, Text: var text }:
                Cmdlet.WriteWarning(text);
                break;
            case DownloadMessageEvent { Text: var text }:
                Cmdlet.WriteVerbose(text);
                break;
        }
    }

    protected override void ShowProgress()
    {
        var p = batch.GetProgress();
        if (p.SourcesTotal == 0)
        {
            return;
        }
        var status = $"{p.Landed} downloaded, {p.Skipped} skipped, {p.Failed} failed"
            + (p.MaxItems is { } max ? $" (at most {max})" : string.Empty)
            + $"; source {Math.Min(p.SourcesDone + 1, p.SourcesTotal)} of {p.SourcesTotal}";
        var record = new ProgressRecord(parentId, activity, status)
        {
            PercentComplete = p.ExpectedItems > 0 ? (int)Math.Round(p.Fraction * 100) : -1,
            CurrentOperation = p.Current is { } c ? $"Item {c.Number}: {c.Title ?? c.Url}" : p.CurrentSource is { } s ? $"Listing {s}" : "Finishing",
        };
        Cmdlet.WriteProgress(record);
        progressShown = true;
        if (p.Current is { } item)
        {
            var size = item.TotalBytes is { } total ? $"{Bytes(item.DownloadedBytes)} of {Bytes(total)}" : Bytes(item.DownloadedBytes);
            var speed = item.Speed is { } bps ? $" at {Bytes((long)bps)}/s" : string.Empty;
            Cmdlet.WriteProgress(new ProgressRecord(itemId, $"Item {item.Number}: {item.Title ?? item.Url}", item.Stage == "extracting" ? "Extracting" : $"{size}{speed}")
            {
                ParentActivityId = parentId,
                PercentComplete = item.TotalBytes is > 0 ? (int)Math.Round(item.Fraction * 100) : -1,
                SecondsRemaining = item.Eta is { } eta ? (int)Math.Ceiling(eta.TotalSeconds) : -1,
            });
            itemShown = true;
        }
        else if (itemShown)
        {
            Cmdlet.WriteProgress(new ProgressRecord(itemId, "Item", "Done") { ParentActivityId = parentId, RecordType = ProgressRecordType.Completed });
            itemShown = false;
        }
    }

    protected override void CompleteProgress()
    {
        if (!progressShown)
        {
            return;
        }
        if (itemShown)
        {
            Cmdlet.WriteProgress(new ProgressRecord(itemId, "Item", "Done") { ParentActivityId = parentId, RecordType = ProgressRecordType.Completed });
        }
        Cmdlet.WriteProgress(new ProgressRecord(parentId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
