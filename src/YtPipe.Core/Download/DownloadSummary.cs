namespace YtPipe.Core.Download;

/// <summary>How a download batch ended.</summary>
public sealed record DownloadSummary
{
    /// <summary>Items that landed.</summary>
    public int Landed { get; init; }

    /// <summary>Items skipped because they were downloaded before.</summary>
    public int Skipped { get; init; }

    /// <summary>Sources and items that failed, in order.</summary>
    public IReadOnlyList<DownloadFailure> Failures { get; init; } = [];

    /// <summary>Whether the batch stopped early because <see cref="DownloadOptions.MaxItems"/> items had landed.</summary>
    public bool MaxItemsReached { get; init; }

    /// <summary>Whether it was cancelled.</summary>
    public bool Cancelled { get; init; }
}
