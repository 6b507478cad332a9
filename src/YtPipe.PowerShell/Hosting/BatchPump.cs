using System.Diagnostics;
using System.Management.Automation;
using YtPipe.Core.Batch;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// Runs on the pipeline thread and is the only thing that writes: it turns the batch's events into
/// WriteObject/WriteError/WriteVerbose/WriteWarning and its progress snapshots into Write-Progress
/// (throttled), the way ForEach-Object -Parallel drains its workers.
/// </summary>
internal sealed class BatchPump(PSCmdlet cmdlet, TranscriptionBatch batch, string activity, int idBase = 1)
{
    private readonly int parentId = idBase;

    private readonly Stopwatch sinceProgress = Stopwatch.StartNew();
    private readonly HashSet<int> childBars = [];
    private bool progressShown;

    public int Transcribed { get; private set; }

    public int Skipped { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Writes whatever is ready, without waiting: called between pipeline inputs so results stream.</summary>
    public void DrainAvailable()
    {
        while (batch.Events.TryRead(out var e))
        {
            Handle(e);
        }
        ShowProgress(force: false);
    }

    /// <summary>Writes everything until the batch has posted its last event.</summary>
    public void DrainToEnd()
    {
        EventWaiter.DrainUntil(cmdlet, batch.Events.Completion, DrainAvailable, () => batch.Events.WaitToReadAsync());
        CompleteProgress();
    }

    private void Handle(BatchEvent e)
    {
        try
        {
            switch (e)
            {
                case FileCompletedEvent { Result: var r }:
                    if (r.Status == FileStatus.Failed && r.Error is not null)
                    {
                        Failed++;
                        cmdlet.WriteError(ErrorRecords.From(r.Error));
                    }
                    else if (r.Status == FileStatus.Skipped)
                    {
                        Skipped++;
                        cmdlet.WriteVerbose($"Skipped '{r.InputPath}': {r.SkipReason ?? "its transcripts exist (use -Force to redo them)"}.");
                    }
                    else
                    {
                        Transcribed++;
                    }
                    cmdlet.WriteObject(ResultMapper.ToResult(r));
                    break;
                case BatchMessageEvent { Level: BatchMessageLevel.Warning, Text: var text }:
                    cmdlet.WriteWarning(text);
                    break;
                case BatchMessageEvent { Text: var text }:
                    cmdlet.WriteVerbose(text);
                    break;
            }
        }
        catch (PipelineStoppedException)
        {
            // A downstream Select-Object -First n has all it wants: stop the workers too.
            batch.Cancel();
            throw;
        }
    }

    private void ShowProgress(bool force)
    {
        if (!force && sinceProgress.Elapsed < EventWaiter.Interval)
        {
            return;
        }
        sinceProgress.Restart();
        var p = batch.GetProgress();
        if (p.FilesTotal == 0)
        {
            return;
        }
        var busy = p.Workers.Where(w => w.CurrentFile is not null).ToList();
        var record = new ProgressRecord(parentId, activity,
            $"{p.FilesDone}/{p.FilesTotal} files, {Clock(p.AudioDone)}/{Clock(p.AudioTotal)} of audio")
        {
            PercentComplete = (int)Math.Round(p.Fraction * 100),
            SecondsRemaining = p.Remaining is { } r ? (int)Math.Ceiling(r.TotalSeconds) : -1,
            CurrentOperation = busy.Count switch
            {
                0 => p.FilesDone < p.FilesTotal ? "Loading the model and decoding audio" : "Finishing",
                1 => Path.GetFileName(busy[0].CurrentFile),
                _ => $"{busy.Count} files in work",
            },
        };
        cmdlet.WriteProgress(record);
        progressShown = true;
        if (p.Workers.Count > 1)
        {
            foreach (var w in p.Workers)
            {
                childBars.Add(w.Index);
                cmdlet.WriteProgress(new ProgressRecord(parentId + 1 + w.Index, $"Worker {w.Index} ({w.Device})",
                    w.CurrentFile is null ? "Idle" : Path.GetFileName(w.CurrentFile))
                {
                    ParentActivityId = parentId,
                    PercentComplete = (int)Math.Round(w.Fraction * 100),
                });
            }
        }
    }

    private void CompleteProgress()
    {
        if (!progressShown)
        {
            return;
        }
        foreach (var index in childBars)
        {
            cmdlet.WriteProgress(new ProgressRecord(parentId + 1 + index, $"Worker {index}", "Done") { ParentActivityId = parentId, RecordType = ProgressRecordType.Completed });
        }
        cmdlet.WriteProgress(new ProgressRecord(parentId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : t.ToString(@"mm\:ss");
}
