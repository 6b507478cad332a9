using System.Globalization;
using System.Management.Automation;
using YtPipe.Core.Batch;
using YtPipe.Core.Download;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// The one line that ends a batch, written to the information stream: silent by default, so a
/// scheduled job's log gets it with -InformationAction Continue (or $InformationPreference) and
/// interactive use is not cluttered. Scripts can read it from -InformationVariable by its tag.
/// </summary>
internal static class BatchSummary
{
    /// <summary>The tag the summary carries, for filtering an -InformationVariable.</summary>
    public const string Tag = "YtPipe.Summary";

    /// <summary>Counts, hours of audio and wall time of a transcription batch.</summary>
    public static string Transcription(int transcribed, int skipped, int failed, BatchProgress progress) =>
        string.Create(CultureInfo.InvariantCulture,
            $"YtPipe: {transcribed} transcribed, {skipped} skipped, {failed} failed; {progress.AudioDone.TotalHours:0.00} h of audio in {Clock(progress.Elapsed)}.");

    /// <summary>Counts and wall time of a download batch.</summary>
    public static string Download(DownloadSummary summary, DownloadProgress progress) =>
        string.Create(CultureInfo.InvariantCulture,
            $"YtPipe: {summary.Landed} downloaded, {summary.Skipped} skipped, {summary.Failures.Count} failed in {Clock(progress.Elapsed)}.");

    /// <summary>Writes the summary of a finished transcription batch.</summary>
    public static void Write(PSCmdlet cmdlet, BatchPump pump, TranscriptionBatch batch) =>
        cmdlet.WriteInformation(Transcription(pump.Transcribed, pump.Skipped, pump.Failed, batch.GetProgress()), [Tag]);

    /// <summary>Writes the summary of a finished download batch.</summary>
    public static void Write(PSCmdlet cmdlet, DownloadSummary summary, DownloadBatch batch) =>
        cmdlet.WriteInformation(Download(summary, batch.GetProgress()), [Tag]);

    private static string Clock(TimeSpan t) => $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}";
}
