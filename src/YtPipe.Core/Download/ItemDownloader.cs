using System.ComponentModel;
using System.Text;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Download;

/// <summary>
/// Downloads one listed item with its own yt-dlp call, from its JSON line (<c>--load-info-json</c>:
/// nothing is extracted twice), into a staging folder of its own that is removed afterwards. Each
/// file yt-dlp reports finished is landed at once; an exit without a file is a failure, or a skip
/// when yt-dlp's own archive check found the item. A failing item fails alone.
/// </summary>
internal sealed class ItemDownloader(DownloadOptions options, YtDlpTool tool, DownloadArchive? archive, StagingArea staging, ItemLander lander, DownloadReporter reporter)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Downloads <paramref name="entry"/> and lands what yt-dlp finishes.</summary>
    /// <returns>False when yt-dlp says the user interrupted it: Ctrl+C reached it too, and the whole batch should stop.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="token"/> was cancelled; yt-dlp's process tree is gone.</exception>
    public async Task<bool> DownloadAsync(DownloadEntry entry, CancellationToken token)
    {
        var number = reporter.Started(entry);
        var folder = staging.NewItemFolder();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var run = new ItemRun(entry, folder, number, reporter, (r, path) => Land(r, path, stop));
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
            var args = YtDlpArguments.Download(options, entryPath, folder, scratch, reporter.Tally.Remaining);
            reporter.Message(BatchMessageLevel.Verbose, $"Downloading item {number}: {ItemRun.Describe(entry.Title, entry.Url)}.");
            int exitCode;
            try
            {
                exitCode = await YtDlpProcess.RunAsync(tool.Path, args, options.WorkingDirectory,
                    line =>
                    {
                        run.OnLine(line);
                        return ValueTask.CompletedTask;
                    },
                    run.OnLine,
                    stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // Stopped by Land once the item limit was reached.
                return true;
            }
            catch (Win32Exception e)
            {
                Fail(run, DownloadReporter.ItemError(entry.Url, $"yt-dlp ('{tool.Path}') could not be started: {e.Message}", FailureKind.NotInstalled));
                return true;
            }
            if (run.Interrupted)
            {
                return false;
            }
            if (exitCode is not 0 and not 101)
            {
                if (!run.Failed)
                {
                    var said = run.Errors();
                    Fail(run, DownloadReporter.ItemError(entry.Url, said.Length > 0 ? string.Join(" ", said) : $"yt-dlp exited with code {exitCode}"));
                }
            }
            else if (run.FilesLanded == 0 && !run.Failed)
            {
                reporter.Skipped(entry, null, null, archive is not null
                    ? "yt-dlp downloaded nothing: the archive already has it under its extractor's id"
                    : "yt-dlp found nothing to download");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(run, DownloadReporter.ItemError(entry.Url, $"the staging folder '{folder}' cannot be written: {e.Message}", FailureKind.WriteError));
        }
        finally
        {
            StagingArea.Remove(folder);
            reporter.Tally.SetCurrent(null);
        }
        return true;
    }

    private void Land(ItemRun run, string reportedPath, CancellationTokenSource stop)
    {
        try
        {
            var staged = lander.Inspect(run.Entry.Url, run.Folder, reportedPath);
            var item = lander.Land(run.Entry, staged, run.NextFileIndex());
            if (reporter.Landed(item, item.ArchiveKey!, run.Entry.Identity.ArchiveKey))
            {
                // An item that turned out to be a playlist must not go past the item limit.
                stop.Cancel();
            }
        }
        catch (DownloadFailedException e)
        {
            Fail(run, e);
        }
    }

    private void Fail(ItemRun run, DownloadFailedException error)
    {
        run.MarkFailed();
        reporter.ItemFailed(run.Entry, run.Title, error);
    }
}
