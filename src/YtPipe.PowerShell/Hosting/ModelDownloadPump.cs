using System.Management.Automation;
using System.Threading.Channels;
using YtPipe.Core.Models;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Writes a model download's log lines (verbose) and its progress (bytes, rate, time left) on the pipeline thread.</summary>
internal sealed class ModelDownloadPump : EventPump<string>
{
    private readonly int activityId;
    private readonly string activity;
    private readonly Func<ModelDownloadProgress?> latest;
    private bool shown;

    public ModelDownloadPump(PSCmdlet cmdlet, ChannelReader<string> lines, Action cancel, Func<ModelDownloadProgress?> latest, string activity, int activityId)
        : base(cmdlet, lines, cancel)
    {
        this.latest = latest;
        this.activity = activity;
        this.activityId = activityId;
    }

    protected override void Handle(string line) => Cmdlet.WriteVerbose(line);

    protected override void ShowProgress()
    {
        if (latest() is not { } p)
        {
            return;
        }
        var mib = p.Bytes / 1048576.0;
        var status = p.Total is { } total
            ? $"{mib:0.0} of {total / 1048576.0:0.0} MiB at {p.BytesPerSecond / 1048576.0:0.0} MiB/s"
            : $"{mib:0.0} MiB at {p.BytesPerSecond / 1048576.0:0.0} MiB/s";
        Cmdlet.WriteProgress(new ProgressRecord(activityId, activity, status)
        {
            PercentComplete = p.Total is { } t && t > 0 ? (int)Math.Min(100, p.Bytes * 100 / t) : -1,
            SecondsRemaining = p.Remaining is { } r ? (int)Math.Ceiling(r.TotalSeconds) : -1,
        });
        shown = true;
    }

    protected override void CompleteProgress()
    {
        if (shown)
        {
            Cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
