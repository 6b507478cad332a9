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
public sealed class SaveYtAudioCommand : PSCmdlet, IDisposable, IDynamicParameters
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

    /// <summary>The yt-dlp parameters (-MaxItems, -AudioFormat, -NoArchive, ...), declared once for both download commands.</summary>
    public object GetDynamicParameters() => Download;

    private DownloadParameters Download { get; } = new();

    protected override void BeginProcessing()
    {
        try
        {
            var outputDirectory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputDirectory ?? SessionState.Path.CurrentFileSystemLocation.Path);
            (tool, options) = DownloadSetup.Prepare(this, Download, outputDirectory, stop.Token);
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
                WriteError(ErrorRecords.Create(ErrorIds.SourceEmpty, ErrorCategory.InvalidArgument, raw, "A source is blank.", "Give a video, playlist, channel or feed URL."));
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
        DownloadSetup.Report(this, summary, Download.MaxItems);
        BatchSummary.Write(this, summary, batch);
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
