using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using YtPipe.Core.Batch;

namespace YtPipe.Core.Download;

/// <summary>
/// Lists a source's items with one yt-dlp call (a JSON line per item, read as they come) and hands
/// over those still to download. Nested playlists (a channel's tabs, a channel's playlists) are
/// listed in turn, keeping the outer URL as the items' source. Items this batch landed already, or
/// that the archive names, are reported as skipped and not handed over. A source that cannot be
/// listed is reported as failed; listing stops once the batch's item limit is reached.
/// </summary>
internal sealed class SourceLister(DownloadOptions options, YtDlpTool tool, DownloadArchive? archive, DownloadManifest manifest, DownloadReporter reporter)
{
    // A channel lists tabs, a tab lists playlists, a playlist lists videos; deeper is a loop or a site gone odd.
    private const int MaxDepth = 3;

    /// <summary>The items of <paramref name="source"/> to download, each handed over when the previous one is done.</summary>
    public IAsyncEnumerable<DownloadEntry> ListAsync(string source, CancellationToken token) => ListAsync(source, source, 0, token);

    private async IAsyncEnumerable<DownloadEntry> ListAsync(string listUrl, string source, int depth, [EnumeratorCancellation] CancellationToken token)
    {
        var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var errors = new List<string>();
        using var listing = CancellationTokenSource.CreateLinkedTokenSource(token);
        var stoppedEarly = false;
        var listed = 0;
        reporter.Message(BatchMessageLevel.Verbose, depth == 0 ? $"Listing '{listUrl}' with yt-dlp." : $"Listing '{listUrl}' (part of '{source}').");
        var run = RunListingAsync(listUrl, lines.Writer, errors, listing.Token);
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
                    reporter.Message(BatchMessageLevel.Verbose, $"yt-dlp printed a line that is not an item ({e.Message}); it is ignored.");
                    continue;
                }
                listed++;
                if (entry.IsNestedPlaylist && depth < MaxDepth && entry.Url != DownloadNaming.CleanUrl(listUrl))
                {
                    await foreach (var nested in ListAsync(entry.Url, source, depth + 1, token).ConfigureAwait(false))
                    {
                        yield return nested;
                    }
                }
                else if (!IsDoneBefore(entry))
                {
                    yield return entry;
                }
                if (reporter.Tally.MaxItemsReached)
                {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        finally
        {
            // The listing must be gone before this method returns, whatever happened (the reader may have stopped early).
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
            reporter.Message(BatchMessageLevel.Verbose, $"Stopped listing '{listUrl}': {options.MaxItems} items have landed, the most this batch may download.");
            yield break;
        }
        int exitCode;
        try
        {
            exitCode = await run.ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            reporter.SourceFailed(source, listUrl, $"yt-dlp ('{tool.Path}') could not be started: {e.Message}");
            yield break;
        }
        catch (OperationCanceledException)
        {
            yield break;
        }
        if (exitCode != 0)
        {
            string[] said;
            lock (errors) said = errors.Distinct().ToArray();
            var reason = said.Length > 0 ? string.Join(" ", said) : $"yt-dlp exited with code {exitCode}";
            reporter.SourceFailed(source, listUrl, listed > 0 ? $"{reason} (after {listed} items were listed)" : reason);
        }
        else if (listed == 0)
        {
            reporter.Message(BatchMessageLevel.Warning, $"'{listUrl}' lists no items to download.");
        }
    }

    // yt-dlp's JSON lines go to the reader; its errors are kept for the failure, the rest is relayed.
    private async Task<int> RunListingAsync(string listUrl, ChannelWriter<string> lines, List<string> errors, CancellationToken token)
    {
        try
        {
            return await YtDlpProcess.RunAsync(tool.Path, YtDlpArguments.Enumerate(options, listUrl), options.WorkingDirectory,
                async line =>
                {
                    if (line.TrimStart().StartsWith('{'))
                    {
                        await lines.WriteAsync(line, token).ConfigureAwait(false);
                    }
                    else if (line.Trim().Length > 0)
                    {
                        reporter.Message(BatchMessageLevel.Verbose, $"yt-dlp: {line.Trim()}");
                    }
                },
                line =>
                {
                    var parsed = YtDlpLineParser.Parse(line);
                    if (parsed is YtDlpErrorLine { Text.Length: > 0 } e)
                    {
                        lock (errors) errors.Add(e.Text);
                    }
                    else
                    {
                        reporter.Relay(parsed);
                    }
                },
                token).ConfigureAwait(false);
        }
        finally
        {
            lines.TryComplete();
        }
    }

    /// <summary>Whether this batch landed <paramref name="entry"/> already or the archive names it; if so, reports the skip.</summary>
    private bool IsDoneBefore(DownloadEntry entry)
    {
        var identity = entry.Identity;
        DownloadedItem? existing = null;
        string? reason = null;
        if (reporter.Tally.FindLanded(identity.ArchiveKey) is { } landed)
        {
            existing = landed;
            reason = "it was listed more than once; it is downloaded once";
        }
        else if (archive is not null && archive.Contains(identity.ArchiveKey))
        {
            existing = manifest.Find(identity.FileStem);
            reason = $"already downloaded (the archive has '{identity.ArchiveKey}')";
        }
        if (reason is null)
        {
            return false;
        }
        reporter.Skipped(entry, identity.ArchiveKey, existing, reason);
        return true;
    }
}
