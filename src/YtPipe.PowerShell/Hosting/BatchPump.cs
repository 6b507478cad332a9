using System.Management.Automation;
using YtPipe.Core.Batch;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// Runs on the pipeline thread and is the only thing that writes: it turns the batch's events into
/// WriteObject/WriteError/WriteVerbose/WriteWarning and its progress snapshots into Write-Progress
/// (throttled), the way ForEach-Object -Parallel drains its workers.
/// </summary>
internal sealed class BatchPump(PSCmdlet cmdlet, TranscriptionBatch batch, string activity, int idBase = 1)
    : EventPump<BatchEvent>(cmdlet, batch.Events, batch.Cancel)
{
    private readonly int parentId = idBase;

    private readonly HashSet<int> childBars = [];
    private bool progressShown;

    public int Transcribed { get; private set; }

    public int Skipped { get; private set; }

    public int Failed { get; private set; }

    protected override void Handle(BatchEvent e)
    {
        switch (e)
        {
            case FileCompletedEvent { Result: var r }:
                if (r.Status == FileStatus.Failed && r.Error is not null)
                {
                    Failed++;
                    Cmdlet.WriteError(ErrorRecords.From(r.Error));
                }
                else if (r.Status == FileStatus.Skipped)
                {
                    Skipped++;
                    Cmdlet.WriteVerbose($"Skipped '{r.InputPath}': {r.SkipReason ?? "its transcripts exist (use -Force to redo them)"}.");
                }
                else
                {
                    Transcribed++;
                }
                Cmdlet.WriteObject(ResultMapper.ToResult(r));
                break;
            case BatchMessageEvent { Level: BatchMessageLevel.Warning, Text: var text }:
                Cmdlet.WriteWarning(text);
                break;
            case BatchMessageEvent { Text: var text }:
                Cmdlet.WriteVerbose(text);
                break;
        }
    }

    protected override void ShowProgress()
    {
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
        Cmdlet.WriteProgress(record);
        progressShown = true;
        if (p.Workers.Count > 1)
        {
            foreach (var w in p.Workers)
            {
                childBars.Add(w.Index);
                Cmdlet.WriteProgress(new ProgressRecord(parentId + 1 + w.Index, $"Worker {w.Index} ({w.Device})",
                    w.CurrentFile is null ? "Idle" : Path.GetFileName(w.CurrentFile))
                {
                    ParentActivityId = parentId,
                    PercentComplete = (int)Math.Round(w.Fraction * 100),
                });
            }
        }
    }

    protected override void CompleteProgress()
    {
        if (!progressShown)
        {
            return;
        }
        foreach (var index in childBars)
        {
            Cmdlet.WriteProgress(new ProgressRecord(parentId + 1 + index, $"Worker {index}", "Done") { ParentActivityId = parentId, RecordType = ProgressRecordType.Completed });
        }
        Cmdlet.WriteProgress(new ProgressRecord(parentId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : t.ToString(@"mm\:ss");
}
