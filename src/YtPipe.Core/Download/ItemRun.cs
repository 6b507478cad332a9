using YtPipe.Core.Batch;

namespace YtPipe.Core.Download;

/// <summary>
/// One item's yt-dlp call, as its output lines tell it: the progress (kept in the tally as the item
/// in work), the errors said so far, and each finished file, handed to <c>onLanded</c>. Both output
/// streams feed it, each from its own thread, so its state is behind a lock.
/// </summary>
internal sealed class ItemRun
{
    private readonly object gate = new();
    private readonly List<string> errors = [];
    private readonly DownloadReporter reporter;
    private readonly Action<ItemRun, string> onLanded;
    private DownloadItemProgress progress;
    private int filesLanded;
    private bool receiving;
    private bool failed;
    private bool interrupted;

    /// <summary>
    /// Starts the run of <paramref name="entry"/>, item <paramref name="number"/>, in
    /// <paramref name="folder"/>; it is the item in work in <paramref name="reporter"/>'s tally from
    /// now on. <paramref name="onLanded"/> gets the path yt-dlp reports for each finished file.
    /// </summary>
    public ItemRun(DownloadEntry entry, string folder, int number, DownloadReporter reporter, Action<ItemRun, string> onLanded)
    {
        Entry = entry;
        Folder = folder;
        Number = number;
        this.reporter = reporter;
        this.onLanded = onLanded;
        progress = new DownloadItemProgress { Number = number, Url = entry.Url, Title = entry.Title };
        reporter.Tally.SetCurrent(progress);
    }

    /// <summary>The item as listed.</summary>
    public DownloadEntry Entry { get; }

    /// <summary>Its staging folder.</summary>
    public string Folder { get; }

    /// <summary>Its number in this batch.</summary>
    public int Number { get; }

    /// <summary>Its title: the one yt-dlp extracted, else the listed one.</summary>
    public string? Title
    {
        get { lock (gate) return progress.Title ?? Entry.Title; }
    }

    /// <summary>Files of this item that landed.</summary>
    public int FilesLanded
    {
        get { lock (gate) return filesLanded; }
    }

    /// <summary>Whether a failure of this item was reported.</summary>
    public bool Failed
    {
        get { lock (gate) return failed; }
    }

    /// <summary>Whether yt-dlp said the user interrupted it (Ctrl+C reached it too, from the same terminal).</summary>
    public bool Interrupted
    {
        get { lock (gate) return interrupted; }
    }

    /// <summary>Counts one more landed file of this item and returns its index, from 1.</summary>
    public int NextFileIndex()
    {
        lock (gate) return ++filesLanded;
    }

    /// <summary>A failure of this item was reported; none is reported again for its exit code.</summary>
    public void MarkFailed()
    {
        lock (gate) failed = true;
    }

    /// <summary>The distinct errors yt-dlp said, in order.</summary>
    public string[] Errors()
    {
        lock (gate) return errors.Distinct().ToArray();
    }

    /// <summary>Takes one line of yt-dlp's stdout or stderr.</summary>
    public void OnLine(string raw)
    {
        switch (YtDlpLineParser.Parse(raw))
        {
            case YtDlpProgressLine p:
                OnProgress(p);
                break;
            case YtDlpItemLine i:
                lock (gate)
                {
                    progress = progress with { Title = i.Title ?? progress.Title, Stage = "downloading" };
                    reporter.Tally.SetCurrent(progress);
                }
                break;
            case YtDlpLandedLine l:
                onLanded(this, l.FilePath);
                break;
            case YtDlpErrorLine { Text.Length: > 0 } e:
                lock (gate)
                {
                    errors.Add(e.Text);
                    interrupted |= e.Text.Contains("Interrupted by user", StringComparison.OrdinalIgnoreCase);
                }
                break;
            case var other:
                reporter.Relay(other);
                break;
        }
    }

    /// <summary>How an item is named in messages: its title and URL, or its URL alone.</summary>
    public static string Describe(string? title, string url) => string.IsNullOrWhiteSpace(title) ? $"'{url}'" : $"'{title}' ({url})";

    private void OnProgress(YtDlpProgressLine p)
    {
        var first = false;
        DownloadItemProgress now;
        lock (gate)
        {
            progress = progress with
            {
                DownloadedBytes = p.DownloadedBytes ?? progress.DownloadedBytes,
                TotalBytes = p.Size ?? progress.TotalBytes,
                Speed = p.Speed,
                Eta = p.Eta is { } eta ? TimeSpan.FromSeconds(eta) : null,
                Stage = p.Status == "finished" ? "finishing" : "downloading",
            };
            now = progress;
            // Set under this run's lock: lines of two threads must not leave an older snapshot last.
            reporter.Tally.SetCurrent(now);
            if (!receiving && p.DownloadedBytes > 0)
            {
                receiving = first = true;
            }
        }
        if (first)
        {
            var size = p.Size is { } s ? $"{s:N0} bytes" : "size unknown";
            reporter.Message(BatchMessageLevel.Verbose, $"Receiving item {Number}: {Describe(now.Title, Entry.Url)} ({size}).");
        }
    }
}
