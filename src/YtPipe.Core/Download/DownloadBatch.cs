using System.Threading.Channels;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;

namespace YtPipe.Core.Download;

/// <summary>
/// Downloads the audio of sources (videos, playlists, channels, feeds) with yt-dlp, one item at a
/// time, and reports each item the moment it lands, so a pipeline can transcribe item k while
/// item k+1 downloads.
/// <para>
/// Per source, a <see cref="SourceLister"/> lists the items with one yt-dlp call (playlists and
/// channels flattened, a JSON line per item, read as they come) and skips those done before; an
/// <see cref="ItemDownloader"/> downloads each of the others with its own yt-dlp call into a staging
/// folder of its own, and an <see cref="ItemLander"/> moves each finished file into
/// <c>audio/&lt;name&gt;.&lt;ext&gt;</c> with its .info.json, then writes the manifest row, then the
/// archive line: a crash at any point leaves nothing that a later run would take for done. A failing
/// source or item fails alone. Cancellation kills yt-dlp's process tree.
/// </para>
/// <para>
/// The host reads <see cref="Events"/> on its own thread (<see cref="DownloadItemLandedEvent"/> per
/// item, skips, failures, messages) and may poll <see cref="GetProgress"/>; <see cref="Completion"/>
/// gives the summary.
/// </para>
/// </summary>
public sealed class DownloadBatch : IAsyncDisposable
{
    private readonly CancellationTokenSource cts;
    private readonly Channel<string> sources = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly Channel<DownloadEvent> events = Channel.CreateUnbounded<DownloadEvent>(new() { SingleReader = true });
    private readonly DownloadArchive? archive;
    private readonly DownloadManifest manifest;
    private readonly StagingArea staging;
    private readonly DownloadTally tally;
    private readonly DownloadReporter reporter;
    private readonly SourceLister lister;
    private readonly ItemDownloader downloader;

    /// <summary>Opens the output folder (archive, manifest, staging) and starts waiting for sources.</summary>
    /// <exception cref="InvalidOptionException">An extra yt-dlp argument is one YtPipe owns.</exception>
    /// <exception cref="OutputWriteException">The output folder cannot be created or read.</exception>
    public DownloadBatch(DownloadOptions options, YtDlpTool tool, CancellationToken cancellationToken = default)
    {
        YtDlpArguments.CheckExtra(options.ExtraArguments);
        try
        {
            Directory.CreateDirectory(options.AudioDirectory);
            archive = options.UseArchive ? DownloadArchive.Load(options.ArchivePath) : null;
            manifest = DownloadManifest.Load(options.ManifestPath);
            staging = new StagingArea(options.OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(options.OutputDirectory, e);
        }
        tally = new DownloadTally(options.MaxItems);
        reporter = new DownloadReporter(events.Writer, tally);
        lister = new SourceLister(options, tool, archive, manifest, reporter);
        downloader = new ItemDownloader(options, tool, archive, staging, new ItemLander(options.AudioDirectory, manifest, archive), reporter);
        cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        Completion = Task.Run(() => RunAsync(token), CancellationToken.None);
    }

    /// <summary>What the batch tells its host; completes when the batch is over.</summary>
    public ChannelReader<DownloadEvent> Events => events.Reader;

    /// <summary>The summary, when every source is done or the batch was cancelled.</summary>
    public Task<DownloadSummary> Completion { get; }

    /// <summary>The archive, or null with <see cref="DownloadOptions.UseArchive"/> off.</summary>
    internal DownloadArchive? Archive => archive;

    /// <summary>The manifest.</summary>
    internal DownloadManifest Manifest => manifest;

    /// <summary>Queues a source URL; sources are done in the order given.</summary>
    public void Submit(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        tally.SourceQueued();
        if (!sources.Writer.TryWrite(source.Trim()))
        {
            throw new InvalidOperationException("The batch no longer takes sources.");
        }
    }

    /// <summary>No more sources will come; the batch ends when the queued ones are done.</summary>
    public void Complete() => sources.Writer.TryComplete();

    /// <summary>Stops: yt-dlp's process tree is killed, partial files stay in the staging folder, which is removed.</summary>
    public void Cancel() => cts.Cancel();

    /// <summary>A consistent snapshot of the progress.</summary>
    public DownloadProgress GetProgress() => tally.Snapshot();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Complete();
        cts.Cancel();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Reported through Completion.
        }
        cts.Dispose();
    }

    private async Task<DownloadSummary> RunAsync(CancellationToken token)
    {
        try
        {
            await foreach (var source in sources.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (tally.MaxItemsReached)
                {
                    reporter.Message(BatchMessageLevel.Verbose, $"Not listing '{source}': {tally.MaxItems} items have landed, the most this batch may download.");
                }
                else
                {
                    tally.SourceStarted(source);
                    await DownloadSourceAsync(source, token).ConfigureAwait(false);
                }
                tally.SourceDone();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Ctrl+C, or the host wants no more: what landed stays landed.
        }
        finally
        {
            staging.Dispose();
            events.Writer.TryComplete();
        }
        return tally.Summary(token.IsCancellationRequested);
    }

    // Items are downloaded one at a time, each as soon as it is listed, while the listing goes on.
    private async Task DownloadSourceAsync(string source, CancellationToken token)
    {
        await foreach (var entry in lister.ListAsync(source, token).ConfigureAwait(false))
        {
            if (!await downloader.DownloadAsync(entry, token).ConfigureAwait(false))
            {
                cts.Cancel();
                throw new OperationCanceledException(token);
            }
        }
    }
}
