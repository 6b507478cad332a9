namespace YtPipe.Core.Download;

/// <summary>A snapshot of a download batch's progress, cheap to take; the host decides how often to show it.</summary>
public sealed record DownloadProgress
{
    /// <summary>Items listed so far that were not skipped (the total grows while sources are listed).</summary>
    public int Found { get; init; }

    /// <summary>Items that landed.</summary>
    public int Landed { get; init; }

    /// <summary>Items skipped (already downloaded).</summary>
    public int Skipped { get; init; }

    /// <summary>Items and sources that failed.</summary>
    public int Failed { get; init; }

    /// <summary>The most items that may land (<see cref="DownloadOptions.MaxItems"/>), if any.</summary>
    public int? MaxItems { get; init; }

    /// <summary>Sources given so far, and how many are finished.</summary>
    public int SourcesTotal { get; init; }

    /// <summary>Sources finished.</summary>
    public int SourcesDone { get; init; }

    /// <summary>The source being listed or downloaded from.</summary>
    public string? CurrentSource { get; init; }

    /// <summary>The item in work, if any.</summary>
    public DownloadItemProgress? Current { get; init; }

    /// <summary>Time since the batch started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Items this batch will have downloaded or failed when it ends, as far as known now.</summary>
    public int ExpectedItems => MaxItems is { } max ? Math.Min(max + Failed, Found) : Found;

    /// <summary>Fraction of the items known so far that are done, 0..1, with the item in work counted by its bytes.</summary>
    public double Fraction
    {
        get
        {
            var expected = ExpectedItems;
            if (expected <= 0)
            {
                return 0;
            }
            var done = Landed + Failed + (Current?.Fraction ?? 0);
            return Math.Clamp(done / expected, 0, 1);
        }
    }
}
