using YtPipe.Core.Download;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Download;

/// <summary>An output folder, a fake yt-dlp, and a way to run a whole batch and collect what it said.</summary>
public sealed class DownloadTestBed : IDisposable
{
    public TempFolder Out { get; } = new();

    public FakeYtDlp YtDlp { get; } = new();

    public DownloadOptions Options(int? maxItems = null, bool archive = true, string[]? extra = null) => new()
    {
        OutputDirectory = Out.Path,
        MaxItems = maxItems,
        UseArchive = archive,
        ExtraArguments = extra ?? [],
    };

    /// <summary>Runs a batch over <paramref name="sources"/> to its end.</summary>
    public async Task<DownloadRun> RunAsync(DownloadOptions options, params string[] sources)
    {
        await using var batch = new DownloadBatch(options, YtDlp.Tool);
        foreach (var s in sources)
        {
            batch.Submit(s);
        }
        batch.Complete();
        var events = new List<DownloadEvent>();
        await foreach (var e in batch.Events.ReadAllAsync().WithCancellation(new CancellationTokenSource(TaskTimeouts.Default * 3).Token))
        {
            events.Add(e);
        }
        var summary = await batch.Completion.WaitAsync(TaskTimeouts.Default);
        return new DownloadRun(events, summary);
    }

    /// <summary>The files under audio/, by name.</summary>
    public string[] AudioFiles() =>
        Directory.Exists(Path.Combine(Out.Path, "audio"))
            ? Directory.GetFiles(Path.Combine(Out.Path, "audio")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray()
            : [];

    public string[] ManifestLines() =>
        File.Exists(Path.Combine(Out.Path, "manifest.jsonl")) ? File.ReadAllLines(Path.Combine(Out.Path, "manifest.jsonl")) : [];

    public string[] ArchiveLines() =>
        File.Exists(Path.Combine(Out.Path, "downloaded.txt")) ? File.ReadAllLines(Path.Combine(Out.Path, "downloaded.txt")) : [];

    public bool StagingLeft() => Directory.Exists(Path.Combine(Out.Path, StagingArea.FolderName));

    public void Dispose()
    {
        YtDlp.Dispose();
        Out.Dispose();
    }
}

/// <summary>What a batch said, in order, and how it ended.</summary>
public sealed record DownloadRun(IReadOnlyList<DownloadEvent> Events, DownloadSummary Summary)
{
    public IReadOnlyList<DownloadedItem> Landed => Events.OfType<DownloadItemLandedEvent>().Select(e => e.Item).ToList();

    public IReadOnlyList<DownloadFailure> Failures => Events.OfType<DownloadFailedEvent>().Select(e => e.Failure).ToList();

    public IReadOnlyList<DownloadItemSkippedEvent> Skipped => Events.OfType<DownloadItemSkippedEvent>().ToList();
}
