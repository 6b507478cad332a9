using YtPipe.Core.Batch;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Copies engine results into the types the cmdlets emit.</summary>
internal static class ResultMapper
{
    public static TranscriptionResult ToResult(FileResult r) => new()
    {
        Path = r.InputPath,
        Status = r.Status switch
        {
            FileStatus.Transcribed => TranscriptionStatus.Transcribed,
            FileStatus.Skipped => TranscriptionStatus.Skipped,
            _ => TranscriptionStatus.Failed,
        },
        Title = r.Transcript?.Title,
        SourceUrl = r.Transcript?.SourceUrl,
        Language = r.Transcript?.Language,
        Duration = r.Duration,
        Text = r.Transcript?.Text ?? string.Empty,
        Segments = r.Transcript?.Segments
            .Select(s => new TranscriptSegmentInfo { Start = s.Start, End = s.End, Text = s.Text, Probability = s.Probability })
            .ToArray() ?? [],
        AverageProbability = r.Transcript?.Quality.AverageProbability,
        RepeatsCollapsed = r.Transcript?.Quality.RepeatsCollapsed ?? 0,
        Suspect = r.Transcript?.Quality.Suspect ?? false,
        SuspectReason = r.Transcript?.Quality.SuspectReason,
        OutputFiles = r.OutputFiles.ToArray(),
        Elapsed = r.Elapsed,
        ModelTime = r.ModelTime,
        RealTimeFactor = r.RealTimeFactor is { } f ? Math.Round(f, 3) : null,
        Device = r.Device,
        Model = r.Model,
        ComputeType = r.Transcript?.ComputeType,
        Runtime = r.Runtime?.Name,
        RuntimeInfo = r.Runtime?.SystemInfo,
        Worker = r.Worker,
        Shard = r.Shard,
        ErrorId = r.Error?.ErrorId,
        ErrorMessage = r.Error?.Message,
    };
}
