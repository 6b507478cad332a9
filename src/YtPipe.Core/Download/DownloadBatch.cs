using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
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
/// Per source, one yt-dlp call lists the items (playlists and channels flattened, a JSON line per
/// item, read as they come). Each item that is not in the archive is then downloaded by its own
/// yt-dlp call, from its JSON line (<c>--load-info-json</c>: nothing is extracted twice), into a
/// staging folder of its own. When yt-dlp says a file is finished, it is renamed into
/// <c>audio/&lt;name&gt;.&lt;ext&gt;</c> with its .info.json, then the manifest row is written, then
/// the archive line: a crash at any point leaves nothing that a later run would take for done.
/// A failing source or item fails alone. Cancellation kills yt-dlp's process tree.
/// </para>
/// <para>
/// The host reads <see cref="Events"/> on its own thread (<see cref="DownloadItemLandedEvent"/> per
/// item, skips, failures, messages) and may poll <see cref="GetProgress"/>; <see cref="Completion"/>
/// gives the summary.
/// </para>
/// </summary>
public sealed class DownloadBatch : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // Warnings of yt-dlp that matter to the user; the rest ("Falling back on generic information extractor") is detail.
    private static readonly string[] ImportantWarnings = ["JavaScript", "js runtime", "nsig", "n challenge", "may be missing", "outdated", "Sign in", "cookies"];

    private readonly DownloadOptions options;
    private readonly YtDlpTool tool;
    private readonly CancellationTokenSource cts;
    private readonly Channel<string> sources = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly Channel<DownloadEvent> events = Channel.CreateUnbounded<DownloadEvent>(new() { SingleReader = true });
    private readonly DownloadArchive? archive;
    private readonly DownloadManifest manifest;
    private readonly StagingArea staging;
    private readonly HashSet<string> landedKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DownloadedItem> landedByKey = new(StringComparer.Ordinal);
    private readonly List<DownloadFailure> failures = [];
    private readonly object gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int sourcesTotal;
    private int sourcesDone;
    private int found;
    private int landed;
    private int skipped;
    private int itemNumber;
    private bool maxItemsReached;
    private string? currentSource;
    private DownloadItemProgress? current;

    /// <summary>Opens the output folder (archive, manifest, staging) and starts waiting for sources.</summary>
    /// <exception cref="InvalidOptionException">An extra yt-dlp argument is one YtPipe owns.</exception>
    /// <exception cref="OutputWriteException">The output folder cannot be created or read.</exception>
    public DownloadBatch(DownloadOptions options, YtDlpTool tool, CancellationToken cancellationToken = default)
    {
        YtDlpArguments.CheckExtra(options.ExtraArguments);
        this.options = options;
        this.tool = tool;
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
        cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        Completion = Task.Run(() => RunAsync(token), CancellationToken.None);
    }

    /// <summary>What the batch tells its host; completes when the batch is over.</summary>
    public ChannelReader<DownloadEvent> Events => events.Reader;

    /// <summary>The summary, when every source is done or the batch was cancelled.</summary>
    public Task<DownloadSummary> Completion { get; }

    /// <summary>Whether the batch was cancelled.</summary>
    public bool IsCancelled => cts.IsCancellationRequested;

    /// <summary>The archive, or null with <see cref="DownloadOptions.UseArchive"/> off.</summary>
    public DownloadArchive? Archive => archive;

    /// <summary>The manifest.</summary>
    public DownloadManifest Manifest => manifest;

    /// <summary>Queues a source URL; sources are done in the order given.</summary>
    public void Submit(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        lock (gate) sourcesTotal++;
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
    public DownloadProgress GetProgress()
    {
        lock (gate)
        {
            return new DownloadProgress
            {
                Found = found,
                Landed = landed,
                Skipped = skipped,
                Failed = failures.Count,
                MaxItems = options.MaxItems,
                SourcesTotal = sourcesTotal,
                SourcesDone = sourcesDone,
                CurrentSource = currentSource,
                Current = current,
                Elapsed = clock.Elapsed,
            };
        }
    }

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
                if (MaxItemsReached)
                {
                    Post(BatchMessageLevel.Verbose, $"Not listing '{source}': {options.MaxItems} items have landed (-MaxItems).");
                }
                else
                {
                    lock (gate) currentSource = source;
                    await ListAndDownloadAsync(source, source, 0, token).ConfigureAwait(false);
                }
                lock (gate)
                {
                    sourcesDone++;
                    currentSource = null;
                }
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
        lock (gate)
        {
            return new DownloadSummary
            {
                Landed = landed,
                Skipped = skipped,
                Failures = failures.ToList(),
                MaxItemsReached = maxItemsReached,
                Cancelled = token.IsCancellationRequested,
            };
        }
    }

    private bool MaxItemsReached
    {
        get { lock (gate) return maxItemsReached; }
    }

    /// <summary>Lists <paramref name="listUrl"/> and downloads its items as they are listed.</summary>
    private async Task ListAndDownloadAsync(string listUrl, string source, int depth, CancellationToken token)
    {
        var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var errors = new List<string>();
        using var listing = CancellationTokenSource.CreateLinkedTokenSource(token);
        var stoppedEarly = false;
        var listed = 0;
        Post(BatchMessageLevel.Verbose, depth == 0 ? $"Listing '{listUrl}' with yt-dlp." : $"Listing '{listUrl}' (part of '{source}').");
        async Task<int> ListAsync()
        {
            try
            {
                return await YtDlpProcess.RunAsync(tool.Path, YtDlpArguments.Enumerate(options, listUrl), options.WorkingDirectory,
                    async line =>
                    {
                        if (line.TrimStart().StartsWith('{'))
                        {
                            await lines.Writer.WriteAsync(line, listing.Token).ConfigureAwait(false);
                        }
                        else if (line.Trim().Length > 0)
                        {
                            Post(BatchMessageLevel.Verbose, $"yt-dlp: {line.Trim()}");
                        }
                    },
                    line => OnStderr(line, errors),
                    listing.Token).ConfigureAwait(false);
            }
            finally
            {
                lines.Writer.TryComplete();
            }
        }
        var run = ListAsync();
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                DownloadEntry entry;
                try
                {
                    entry = DownloadEntry.Parse(source, line);
                }
                catch (JsonException e)
                {
                    Post(BatchMessageLevel.Verbose, $"yt-dlp printed a line that is not an item ({e.Message}); it is ignored.");
                    continue;
                }
                listed++;
                if (entry.IsNestedPlaylist && depth < 3 && entry.Url != DownloadNaming.CleanUrl(listUrl))
                {
                    await ListAndDownloadAsync(entry.Url, source, depth + 1, token).ConfigureAwait(false);
                }
                else
                {
                    await HandleEntryAsync(entry, token).ConfigureAwait(false);
                }
                if (MaxItemsReached)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        finally
        {
            // The listing must be gone before this method returns, whatever happened.
            listing.Cancel();
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Looked at below.
            }
        }
        token.ThrowIfCancellationRequested();
        if (stoppedEarly)
        {
            Post(BatchMessageLevel.Verbose, $"Stopped listing '{listUrl}': {options.MaxItems} items have landed (-MaxItems).");
            return;
        }
        int exitCode;
        try
        {
            exitCode = await run.ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            FailSource(source, listUrl, $"yt-dlp ('{tool.Path}') could not be started: {e.Message}");
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (exitCode != 0)
        {
            string[] said;
            lock (errors) said = errors.Distinct().ToArray();
            var reason = said.Length > 0 ? string.Join(" ", said) : $"yt-dlp exited with code {exitCode}";
            FailSource(source, listUrl, listed > 0 ? $"{reason} (after {listed} items were listed)" : reason);
        }
        else if (listed == 0)
        {
            Post(BatchMessageLevel.Warning, $"'{listUrl}' lists no items to download.");
        }
    }

    private async Task HandleEntryAsync(DownloadEntry entry, CancellationToken token)
    {
        var identity = entry.Identity;
        DownloadedItem? existing = null;
        string? reason = null;
        lock (gate)
        {
            if (landedKeys.Contains(identity.ArchiveKey))
            {
                existing = landedByKey.GetValueOrDefault(identity.ArchiveKey);
                reason = "it was listed more than once; it is downloaded once";
            }
        }
        if (reason is null && archive is not null && archive.Contains(identity.ArchiveKey))
        {
            existing = manifest.Find(identity.FileStem);
            reason = $"already downloaded (the archive has '{identity.ArchiveKey}')";
        }
        if (reason is not null)
        {
            lock (gate) skipped++;
            events.Writer.TryWrite(new DownloadItemSkippedEvent(entry.Source, entry.Url, identity.ArchiveKey, existing, reason));
            return;
        }
        int number;
        lock (gate)
        {
            found++;
            number = ++itemNumber;
        }
        events.Writer.TryWrite(new DownloadItemStartedEvent(number, entry.Source, entry.Url, entry.Title));
        await DownloadItemAsync(entry, identity, number, token).ConfigureAwait(false);
    }

    private async Task DownloadItemAsync(DownloadEntry entry, ItemIdentity identity, int number, CancellationToken token)
    {
        var folder = staging.NewItemFolder();
        var run = new ItemRun(entry, identity, folder, number);
        lock (gate) current = run.Progress;
        using var itemCts = CancellationTokenSource.CreateLinkedTokenSource(token);
        run.Stop = itemCts;
        try
        {
            var entryPath = Path.Combine(folder, "item.json");
            File.WriteAllText(entryPath, entry.Json, Utf8NoBom);
            string? scratch = null;
            if (archive is not null)
            {
                // yt-dlp checks this copy after extraction (an item listed by URL that turns out to be a
                // known video) and writes into it; the real archive is written only once files are in place.
                scratch = Path.Combine(folder, "archive.txt");
                archive.WriteSnapshot(scratch);
            }
            int? remaining;
            lock (gate) remaining = options.MaxItems is { } max ? Math.Max(1, max - landed) : null;
            var args = YtDlpArguments.Download(options, entryPath, folder, scratch, remaining);
            Post(BatchMessageLevel.Verbose, $"Downloading item {number}: {Describe(entry.Title, entry.Url)}.");
            int exitCode;
            try
            {
                exitCode = await YtDlpProcess.RunAsync(tool.Path, args, options.WorkingDirectory,
                    line =>
                    {
                        OnItemLine(run, line);
                        return ValueTask.CompletedTask;
                    },
                    line => OnItemLine(run, line),
                    itemCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // Stopped by this batch once -MaxItems items had landed.
                return;
            }
            catch (Win32Exception e)
            {
                FailItem(run, $"yt-dlp ('{tool.Path}') could not be started: {e.Message}", FailureKind.NotInstalled);
                return;
            }
            if (run.Interrupted)
            {
                // yt-dlp got the Ctrl+C itself (same terminal): the user wants everything to stop.
                cts.Cancel();
                throw new OperationCanceledException(token);
            }
            if (exitCode is not 0 and not 101)
            {
                if (!run.Failed)
                {
                    var said = run.Errors();
                    FailItem(run, said.Length > 0 ? string.Join(" ", said) : $"yt-dlp exited with code {exitCode}", null);
                }
            }
            else if (run.LandedCount == 0 && !run.Failed)
            {
                lock (gate) skipped++;
                events.Writer.TryWrite(new DownloadItemSkippedEvent(entry.Source, entry.Url, null, null,
                    archive is not null
                        ? "yt-dlp downloaded nothing: the archive already has it under its extractor's id"
                        : "yt-dlp found nothing to download"));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FailItem(run, $"the staging folder '{folder}' cannot be written: {e.Message}", FailureKind.WriteError);
        }
        finally
        {
            StagingArea.Remove(folder);
            lock (gate) current = null;
        }
    }

    private void OnItemLine(ItemRun run, string raw)
    {
        var line = YtDlpLineParser.Parse(raw);
        switch (line)
        {
            case YtDlpProgressLine p:
                var first = false;
                lock (gate)
                {
                    run.Progress = run.Progress with
                    {
                        DownloadedBytes = p.DownloadedBytes ?? run.Progress.DownloadedBytes,
                        TotalBytes = p.Size ?? run.Progress.TotalBytes,
                        Speed = p.Speed,
                        Eta = p.Eta is { } eta ? TimeSpan.FromSeconds(eta) : null,
                        Stage = p.Status == "finished" ? "finishing" : "downloading",
                    };
                    current = run.Progress;
                    if (!run.Receiving && p.DownloadedBytes > 0)
                    {
                        run.Receiving = first = true;
                    }
                }
                if (first)
                {
                    var size = p.Size is { } s ? $"{s:N0} bytes" : "size unknown";
                    Post(BatchMessageLevel.Verbose, $"Receiving item {run.Number}: {Describe(run.Progress.Title, run.Entry.Url)} ({size}).");
                }
                break;
            case YtDlpItemLine i:
                lock (gate)
                {
                    run.Progress = run.Progress with { Title = i.Title ?? run.Progress.Title, Stage = "downloading" };
                    current = run.Progress;
                }
                break;
            case YtDlpLandedLine l:
                Land(run, l.FilePath);
                break;
            case YtDlpWarningLine w:
                Post(ImportantWarnings.Any(k => w.Text.Contains(k, StringComparison.OrdinalIgnoreCase)) ? BatchMessageLevel.Warning : BatchMessageLevel.Verbose,
                    $"yt-dlp: {w.Text}");
                break;
            case YtDlpErrorLine { Text.Length: > 0 } e:
                run.AddError(e.Text);
                break;
            case YtDlpOtherLine o when o.Text.Trim().Length > 0:
                Post(BatchMessageLevel.Verbose, $"yt-dlp: {o.Text.Trim()}");
                break;
        }
    }

    private void OnStderr(string raw, List<string> errors)
    {
        switch (YtDlpLineParser.Parse(raw))
        {
            case YtDlpWarningLine w:
                Post(ImportantWarnings.Any(k => w.Text.Contains(k, StringComparison.OrdinalIgnoreCase)) ? BatchMessageLevel.Warning : BatchMessageLevel.Verbose,
                    $"yt-dlp: {w.Text}");
                break;
            case YtDlpErrorLine { Text.Length: > 0 } e:
                lock (errors) errors.Add(e.Text);
                break;
            case YtDlpOtherLine o when o.Text.Trim().Length > 0:
                Post(BatchMessageLevel.Verbose, $"yt-dlp: {o.Text.Trim()}");
                break;
        }
    }

    /// <summary>Moves a finished file and its .info.json into audio/, then writes the manifest row and the archive line.</summary>
    private void Land(ItemRun run, string reportedPath)
    {
        var url = run.Entry.Url;
        try
        {
            var file = Path.GetFullPath(Path.IsPathRooted(reportedPath) ? reportedPath : Path.Combine(run.Folder, reportedPath));
            if (!DownloadNaming.IsInside(file, run.Folder))
            {
                throw new DownloadFailedException(url, $"yt-dlp reported the file '{reportedPath}', outside its staging folder; it was not used");
            }
            if (!File.Exists(file))
            {
                throw new DownloadFailedException(url, $"yt-dlp reported the file '{reportedPath}', which is not there");
            }
            var extension = Path.GetExtension(file).TrimStart('.');
            if (!DownloadNaming.IsSafeExtension(extension))
            {
                throw new DownloadFailedException(url, $"the file yt-dlp wrote has an unusable extension ('{extension}')");
            }
            var infoFile = Path.ChangeExtension(file, ".info.json");
            if (!File.Exists(infoFile))
            {
                throw new DownloadFailedException(url, "yt-dlp wrote no .info.json for it");
            }
            InfoJson info;
            try
            {
                info = InfoJson.Read(infoFile);
            }
            catch (JsonException e)
            {
                throw new DownloadFailedException(url, $"its .info.json cannot be read: {e.Message}", FailureKind.InvalidData, e);
            }
            int index;
            lock (gate) index = ++run.LandedCount;
            var identity = Identify(run, info, index);
            var audioFolder = options.AudioDirectory;
            var finalAudio = Path.Combine(audioFolder, $"{identity.FileStem}.{extension}");
            var finalInfo = Path.Combine(audioFolder, $"{identity.FileStem}.info.json");
            if (!DownloadNaming.IsInside(finalAudio, audioFolder) || !DownloadNaming.IsInside(finalInfo, audioFolder))
            {
                throw new DownloadFailedException(url, $"its name '{identity.FileStem}' would leave '{audioFolder}'");
            }
            // The .info.json first: once the audio is in place, its record is beside it.
            MoveIntoPlace(infoFile, finalInfo);
            MoveIntoPlace(file, finalAudio);
            var generic = DownloadNaming.IsGeneric(info.ExtractorKey);
            var item = new DownloadedItem
            {
                Id = info.Id,
                Title = info.Title,
                Uploader = info.Uploader,
                // A generic item is the URL it was listed with (a feed's enclosure), not where that redirected.
                WebpageUrl = generic ? url : info.WebpageUrl ?? url,
                Duration = info.Duration,
                UploadDate = info.UploadDate,
                AudioPath = finalAudio,
                InfoJsonPath = finalInfo,
                Source = run.Entry.Source,
                Extractor = info.ExtractorKey,
                ArchiveKey = identity.ArchiveKey,
            };
            manifest.Record(item);
            archive?.Add(identity.ArchiveKey);
            if (index == 1 && identity.ArchiveKey != run.Identity.ArchiveKey)
            {
                // Listed by URL, landed as a known video: remember the URL too, so the next run skips it without asking the site.
                archive?.Add(run.Identity.ArchiveKey);
            }
            bool reached;
            lock (gate)
            {
                landedKeys.Add(identity.ArchiveKey);
                landedKeys.Add(run.Identity.ArchiveKey);
                landedByKey[identity.ArchiveKey] = item;
                landedByKey[run.Identity.ArchiveKey] = item;
                landed++;
                reached = options.MaxItems is { } max && landed >= max;
                if (reached)
                {
                    maxItemsReached = true;
                }
            }
            events.Writer.TryWrite(new DownloadItemLandedEvent(item));
            if (reached)
            {
                // An item that turned out to be a playlist must not go past -MaxItems.
                run.Stop?.Cancel();
            }
        }
        catch (DownloadFailedException e)
        {
            FailItem(run, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FailItem(run, new DownloadFailedException(url, $"it could not be put in place in '{options.AudioDirectory}': {e.Message}", FailureKind.WriteError, e));
        }
    }

    private static ItemIdentity Identify(ItemRun run, InfoJson info, int index)
    {
        if (!DownloadNaming.IsGeneric(info.ExtractorKey))
        {
            return DownloadNaming.ForExtractor(info.ExtractorKey!, info.Id);
        }
        // A generic item is named by the URL it was listed with; a page that held several media numbers the rest.
        var listed = DownloadNaming.IsGeneric(run.Entry.ExtractorKey) ? run.Identity : DownloadNaming.ForGenericUrl(run.Entry.Url);
        return index == 1 ? listed : new ItemIdentity($"{listed.ArchiveKey}-{index}", $"{listed.FileStem}-{index}");
    }

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> so that <paramref name="to"/> is either
    /// absent or whole: first to a temporary name beside the target (a copy if the staging folder is
    /// on another volume), then an atomic rename over it.
    /// </summary>
    private static void MoveIntoPlace(string from, string to)
    {
        var folder = Path.GetDirectoryName(to)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(to)}.{Guid.NewGuid():N}{AtomicFileWriter.TempSuffix}");
        File.Move(from, temp);
        try
        {
            File.Move(temp, to, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private void FailSource(string source, string listUrl, string reason)
    {
        var error = new SourceFailedException(listUrl, reason, YtDlpLineParser.Classify(reason)) { Fix = YtDlpLineParser.FixFor(reason) };
        var failure = new DownloadFailure(source, null, null, error);
        lock (gate) failures.Add(failure);
        events.Writer.TryWrite(new DownloadFailedEvent(failure));
    }

    private void FailItem(ItemRun run, string reason, FailureKind? kind) =>
        FailItem(run, new DownloadFailedException(run.Entry.Url, reason, kind ?? YtDlpLineParser.Classify(reason)) { Fix = YtDlpLineParser.FixFor(reason) });

    private void FailItem(ItemRun run, DownloadFailedException error)
    {
        var failure = new DownloadFailure(run.Entry.Source, run.Entry.Url, run.Progress.Title ?? run.Entry.Title, error);
        lock (gate)
        {
            run.Failed = true;
            failures.Add(failure);
        }
        events.Writer.TryWrite(new DownloadFailedEvent(failure));
    }

    private void Post(BatchMessageLevel level, string text) => events.Writer.TryWrite(new DownloadMessageEvent(level, text));

    private static string Describe(string? title, string url) => string.IsNullOrWhiteSpace(title) ? $"'{url}'" : $"'{title}' ({url})";

    /// <summary>One item's yt-dlp call: what it said so far. Guarded by the batch's lock where both output streams touch it.</summary>
    private sealed class ItemRun(DownloadEntry entry, ItemIdentity identity, string folder, int number)
    {
        private readonly List<string> errors = [];

        public DownloadEntry Entry { get; } = entry;

        public ItemIdentity Identity { get; } = identity;

        public string Folder { get; } = folder;

        public int Number { get; } = number;

        public DownloadItemProgress Progress { get; set; } = new() { Number = number, Url = entry.Url, Title = entry.Title };

        public CancellationTokenSource? Stop { get; set; }

        public int LandedCount { get; set; }

        public bool Receiving { get; set; }

        public bool Failed { get; set; }

        public bool Interrupted { get; private set; }

        public void AddError(string text)
        {
            lock (errors)
            {
                errors.Add(text);
                if (text.Contains("Interrupted by user", StringComparison.OrdinalIgnoreCase))
                {
                    Interrupted = true;
                }
            }
        }

        public string[] Errors()
        {
            lock (errors) return errors.Distinct().ToArray();
        }
    }
}
