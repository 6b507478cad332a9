using System.Management.Automation;
using YtPipe.Core.Audio;
using YtPipe.Core.Download;
using YtPipe.Core.Errors;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Downloads the audio of videos, playlists, channels and podcast feeds with yt-dlp.</para>
/// <para type="description">One DownloadedAudio object per item as it lands, with a manifest.jsonl row and a download-archive line.</para>
/// </summary>
[Cmdlet(VerbsData.Save, "YtAudio", SupportsShouldProcess = true)]
[OutputType(typeof(DownloadedAudio))]
public sealed class SaveYtAudioCommand : PSCmdlet, IDisposable, IDownloadParameters
{
    private readonly CancellationTokenSource stop = new();
    private YtDlpTool? tool;
    private DownloadOptions? options;
    private DownloadBatch? batch;
    private IDisposable? termination;
    private DownloadPump? pump;
    private bool javaScriptChecked;

    /// <summary>Video, playlist, channel or feed URLs. Binds strings from the pipeline and the Source, Url or Uri property of piped objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Uri")]
    [ValidateNotNullOrEmpty]
    public string[] Source { get; set; } = [];

    /// <summary>The output folder: audio files go to its audio/ folder, with manifest.jsonl and downloaded.txt beside. Default: the current folder.</summary>
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
        try
        {
            var outputDirectory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputDirectory ?? SessionState.Path.CurrentFileSystemLocation.Path);
            (tool, options) = DownloadSetup.Prepare(this, this, outputDirectory, stop.Token);
        }
        catch (YtPipeException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
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
            if (!ShouldProcess(source, $"Download audio into '{options!.AudioDirectory}'"))
            {
                continue;
            }
            if (!EnsureBatch())
            {
                return;
            }
            batch!.Submit(source);
        }
        pump?.DrainAvailable();
    }

    private bool EnsureBatch()
    {
        if (batch is not null)
        {
            return true;
        }
        try
        {
            batch = new DownloadBatch(options!, tool!, stop.Token);
            termination = TerminationSignal.Register(StopProcessing, () => [batch?.Completion]);
            pump = new DownloadPump(this, batch, "Save-YtAudio");
            var archive = batch.Archive is { } a ? $"the archive '{a.Path}' has {a.Count} items" : "no archive (-NoArchive)";
            WriteVerbose($"Downloading into '{options!.AudioDirectory}'; {archive}; the manifest '{batch.Manifest.Path}' lists {batch.Manifest.Count}.");
            return true;
        }
        catch (YtPipeException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
            return false;
        }
    }

    protected override void EndProcessing()
    {
        if (batch is null)
        {
            return;
        }
        batch.Complete();
        pump!.DrainToEnd();
        var summary = batch.Completion.GetAwaiter().GetResult();
        DownloadSetup.Report(this, summary, MaxItems);
    }

    protected override void StopProcessing()
    {
        stop.Cancel();
        batch?.Cancel();
    }

    /// <summary>Stops and waits for yt-dlp, so no download outlives the command and no staging folder is left.</summary>
    public void Dispose()
    {
        termination?.Dispose();
        if (batch is not null)
        {
            batch.Cancel();
            batch.DisposeAsync().AsTask().GetAwaiter().GetResult();
            batch = null;
        }
        stop.Dispose();
    }
}
