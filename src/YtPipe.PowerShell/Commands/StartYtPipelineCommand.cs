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
public sealed class StartYtPipelineCommand : TranscriptionCommandBase, IDownloadParameters
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

    /// <summary>Stop once this many items have been downloaded, counted across all sources. Items skipped by the archive do not count.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxItems { get; set; }

    /// <summary>Convert the audio to this format (yt-dlp -x --audio-format). Default: keep the best audio in its own codec, without re-encoding.</summary>
    [Parameter]
    [ValidateSet("aac", "alac", "flac", "m4a", "mp3", "opus", "vorbis", "wav", IgnoreCase = true)]
    public string? AudioFormat { get; set; }

    /// <summary>Neither read nor write the download archive (downloaded.txt): every item is downloaded again.</summary>
    [Parameter]
    public SwitchParameter NoArchive { get; set; }

    /// <summary>The yt-dlp executable (or its folder). Default: $env:YTPIPE_YTDLP_PATH, else yt-dlp on PATH.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? YtDlpPath { get; set; }

    /// <summary>ffmpeg's folder or executable, for yt-dlp's conversions. Default: $env:YTPIPE_FFMPEG_PATH, else PATH.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FfmpegLocation { get; set; }

    /// <summary>Take cookies from a browser: firefox, chrome, chromium, edge, brave, opera, safari or vivaldi, optionally with :PROFILE.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrowserCompleter))]
    public string? CookiesFromBrowser { get; set; }

    /// <summary>A cookies.txt file (Netscape format) to send with the requests.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CookieFile { get; set; }

    /// <summary>Seconds to wait before each download (yt-dlp --sleep-interval); with -MaxSleepInterval, the least of a random wait.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double SleepInterval { get; set; }

    /// <summary>The most seconds of a random wait before each download (yt-dlp --max-sleep-interval); needs -SleepInterval.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double MaxSleepInterval { get; set; }

    /// <summary>Seconds to wait between the requests that list and extract items (yt-dlp --sleep-requests).</summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double SleepRequests { get; set; }

    /// <summary>The most bytes per second to download, such as 500K or 2M (yt-dlp --limit-rate).</summary>
    [Parameter]
    [ValidatePattern(@"^\d+(\.\d+)?[KMGT]?$")]
    public string? LimitRate { get; set; }

    /// <summary>More arguments for yt-dlp, such as '--proxy','socks5://127.0.0.1:1080'; added to every yt-dlp call after YtPipe's own.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public string[] YtDlpArgument { get; set; } = [];

    protected override void BeginProcessing()
    {
        var root = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputDirectory ?? SessionState.Path.CurrentFileSystemLocation.Path);
        try
        {
            (tool, downloadOptions) = DownloadSetup.Prepare(this, this, Path.Combine(root, "raw"), StopToken);
        }
        catch (YtPipeException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        StartBatch(Path.Combine(root, "transcripts"), null, "Start-YtPipeline: transcription", TranscriptionProgressId);
    }

    protected override void ProcessRecord()
    {
        foreach (var raw in Source)
        {
            var source = raw.Trim();
            if (source.Length == 0)
            {
                WriteError(ErrorRecords.Create("SourceEmpty", ErrorCategory.InvalidArgument, raw, "A source is blank.", "Give a video, playlist, channel or feed URL."));
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
            DownloadSetup.Report(this, downloads.Completion.GetAwaiter().GetResult(), MaxItems);
        }
        FinishBatch();
    }

    private DownloadBatch EnsureDownloads()
    {
        if (downloads is null)
        {
            try
            {
                downloads = new DownloadBatch(downloadOptions!, tool!, StopToken);
            }
            catch (YtPipeException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e));
            }
            downloadPump = new DownloadPump(this, downloads!, "Start-YtPipeline: download", onLanded: Transcribe);
        }
        return downloads!;
    }

    // Runs on the pipeline thread (the pump's callback): item k goes to the workers the moment it lands.
    private void Transcribe(DownloadedItem item) =>
        Submit(new TranscriptionInput(item.AudioPath, Source: new SourceInfo(item.Id, item.WebpageUrl, item.Title, item.Uploader, item.UploadDate)));

    private void DrainBoth()
    {
        downloadPump?.DrainAvailable();
        Pump!.DrainAvailable();
        // Downloads for a transcription that has died would only fill the disk: end it all now
        // (Dispose stops yt-dlp).
        ThrowIfBatchFailed();
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
