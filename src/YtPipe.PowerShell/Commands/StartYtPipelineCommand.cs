using System.Management.Automation;
using YtPipe.Core.Batch;
using YtPipe.Core.Download;
using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Downloads audio with yt-dlp and transcribes each item as soon as it lands.</para>
/// <para type="description">The seed tool's whole pipeline: raw/audio, raw/manifest.jsonl, raw/downloaded.txt and transcripts/ under one folder.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "YtPipeline", SupportsShouldProcess = true)]
[OutputType(typeof(TranscriptionResult))]
public sealed class StartYtPipelineCommand : TranscriptionCommandBase, IDynamicParameters
{
    // Download bars take ids 1-2, transcription bars 10 and up.
    private const int TranscriptionProgressId = 10;

    private YtDlpTool? tool;
    private DownloadOptions? downloadOptions;
    private DownloadBatch? downloads;
    private DownloadPump? downloadPump;
    private bool javaScriptChecked;

    /// <summary>Video, playlist, channel or feed URLs. Binds strings from the pipeline and the Source, Url or Uri property of piped objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Uri")]
    [ValidateNotNullOrEmpty]
    public string[] Source { get; set; } = [];

    /// <summary>The dataset folder: raw/audio, raw/manifest.jsonl, raw/downloaded.txt and transcripts/ go there. Default: the current folder.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>The yt-dlp parameters (-MaxItems, -AudioFormat, -NoArchive, ...), declared once for both download commands.</summary>
    public object GetDynamicParameters() => Download;

    private DownloadParameters Download { get; } = new();

    protected override void BeginProcessing()
    {
        var root = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputDirectory ?? SessionState.Path.CurrentFileSystemLocation.Path);
        (tool, downloadOptions) = this.Terminating(() => DownloadSetup.Prepare(this, Download, Path.Combine(root, "raw"), StopToken));
        StartBatch(Path.Combine(root, "transcripts"), "Start-YtPipeline: transcription", TranscriptionProgressId);
    }

    protected override void ProcessRecord()
    {
        foreach (var raw in Source)
        {
            var source = raw.Trim();
            if (source.Length == 0)
            {
                WriteError(ErrorRecords.Create(ErrorIds.SourceEmpty, ErrorCategory.InvalidArgument, raw, "A source is blank.", "Give a video, playlist, channel or feed URL."));
                continue;
            }
            DownloadSetup.CheckJavaScriptRuntime(this, source, ref javaScriptChecked);
            if (!ShouldProcess(source, $"Download audio into '{downloadOptions!.AudioDirectory}' and transcribe it"))
            {
                continue;
            }
            EnsureDownloads().Submit(source);
        }
        DrainBoth();
    }

    protected override void EndProcessing()
    {
        if (downloads is not null)
        {
            downloads.Complete();
            PumpUntilDownloadsEnd();
            DownloadSetup.Report(this, downloads.Completion.GetAwaiter().GetResult(), Download.MaxItems);
        }
        FinishBatch();
    }

    private DownloadBatch EnsureDownloads()
    {
        if (downloads is null)
        {
            downloads = this.Terminating(() => new DownloadBatch(downloadOptions!, tool!, StopToken));
            downloadPump = new DownloadPump(this, downloads, "Start-YtPipeline: download", onLanded: Transcribe);
        }
        return downloads!;
    }

    // Runs on the pipeline thread (the pump's callback): item k goes to the workers the moment it lands.
    private void Transcribe(DownloadedItem item) =>
        Submit(new TranscriptionInput(item.AudioPath, Source: new SourceInfo(item.Id, item.WebpageUrl, item.Title, item.Uploader, item.UploadDate)));

    private void DrainBoth()
    {
        downloadPump?.DrainAvailable();
        // Downloads for a transcription that has died would only fill the disk: a dead batch ends
        // it all now (Dispose stops yt-dlp).
        DrainResults();
    }

    /// <summary>Writes both stages' events until yt-dlp is done; transcription results stream meanwhile.</summary>
    private void PumpUntilDownloadsEnd() =>
        EventWaiter.DrainUntil(this, downloads!.Events.Completion, DrainBoth,
            () => downloads.Events.WaitToReadAsync(), () => Batch!.Events.WaitToReadAsync());

    protected override void StopProcessing()
    {
        downloads?.Cancel();
        base.StopProcessing();
    }

    // A shard's share is of the whole dataset's audio, not of what this run happened to download:
    // items downloaded by an earlier run (or by another shard) count too, so every shard, given the
    // same finished audio folder, computes the same plan. Items landed now keep their source details.
    private protected override IEnumerable<TranscriptionInput> ShardInputs(IReadOnlyList<TranscriptionInput> given)
    {
        var audio = downloadOptions!.AudioDirectory;
        var landed = given.Select(i => i with { Root = audio }).ToList();
        if (!Directory.Exists(audio))
        {
            return landed;
        }
        return landed.Concat(InputExpander.Expand(audio, StopToken));
    }

    private protected override IEnumerable<Task?> RunningWork() => base.RunningWork().Append(downloads?.Completion);

    protected override void Dispose(bool disposing)
    {
        if (disposing && downloads is not null)
        {
            downloads.Cancel();
            downloads.DisposeAsync().AsTask().GetAwaiter().GetResult();
            downloads = null;
        }
        base.Dispose(disposing);
    }
}
