using System.Diagnostics;

namespace YtPipe.Core.Download;

/// <summary>
/// The running tally of a download batch: its counts, the source and item in work, its failures,
/// and the items landed so far by archive key. The batch's worker writes it while the host reads
/// snapshots from its own thread, so everything is behind one lock: a snapshot never shows an item
/// both in work and landed, and the item limit is decided once per landing.
/// </summary>
internal sealed class DownloadTally(int? maxItems)
{
    private readonly object gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<string, DownloadedItem> landedByKey = new(StringComparer.Ordinal);
    private readonly List<DownloadFailure> failures = [];
    private int sourcesTotal;
    private int sourcesDone;
    private int found;
    private int landed;
    private int skipped;
    private bool maxItemsReached;
    private string? currentSource;
    private DownloadItemProgress? current;

    /// <summary>The most items that may land; null for no limit.</summary>
    public int? MaxItems => maxItems;

    /// <summary>Whether <see cref="MaxItems"/> items have landed.</summary>
    public bool MaxItemsReached
    {
        get { lock (gate) return maxItemsReached; }
    }

    /// <summary>
    /// How many items may still land, at least 1 (the next download call is only made while the
    /// limit is not reached, and a call may find a playlist); null without a limit.
    /// </summary>
    public int? Remaining
    {
        get { lock (gate) return maxItems is { } max ? Math.Max(1, max - landed) : null; }
    }

    /// <summary>A source was queued.</summary>
    public void SourceQueued()
    {
        lock (gate) sourcesTotal++;
    }

    /// <summary>A source is being listed and its items downloaded.</summary>
    public void SourceStarted(string source)
    {
        lock (gate) currentSource = source;
    }

    /// <summary>The current source is finished (listed, skipped or failed).</summary>
    public void SourceDone()
    {
        lock (gate)
        {
            sourcesDone++;
            currentSource = null;
        }
    }

    /// <summary>An item is to be downloaded; returns its number in this batch, from 1.</summary>
    public int ItemFound()
    {
        lock (gate) return ++found;
    }

    /// <summary>An item was not downloaded: it was done before.</summary>
    public void ItemSkipped()
    {
        lock (gate) skipped++;
    }

    /// <summary>
    /// An item landed; it is remembered under <paramref name="keys"/> (the key it landed as, and the
    /// one it was listed with). Returns whether that made <see cref="MaxItems"/>.
    /// </summary>
    public bool ItemLanded(DownloadedItem item, params string[] keys)
    {
        lock (gate)
        {
            foreach (var key in keys)
            {
                landedByKey[key] = item;
            }
            landed++;
            if (maxItems is { } max && landed >= max)
            {
                maxItemsReached = true;
            }
            return maxItemsReached;
        }
    }

    /// <summary>The item this batch landed under <paramref name="archiveKey"/>, or null.</summary>
    public DownloadedItem? FindLanded(string archiveKey)
    {
        lock (gate) return landedByKey.GetValueOrDefault(archiveKey);
    }

    /// <summary>A source or an item failed.</summary>
    public void Failed(DownloadFailure failure)
    {
        lock (gate) failures.Add(failure);
    }

    /// <summary>The item in work, or null between items.</summary>
    public void SetCurrent(DownloadItemProgress? progress)
    {
        lock (gate) current = progress;
    }

    /// <summary>A consistent snapshot for the host.</summary>
    public DownloadProgress Snapshot()
    {
        lock (gate)
        {
            return new DownloadProgress
            {
                Found = found,
                Landed = landed,
                Skipped = skipped,
                Failed = failures.Count,
                MaxItems = maxItems,
                SourcesTotal = sourcesTotal,
                SourcesDone = sourcesDone,
                CurrentSource = currentSource,
                Current = current,
                Elapsed = clock.Elapsed,
            };
        }
    }

    /// <summary>How the batch ended.</summary>
    public DownloadSummary Summary(bool cancelled)
    {
        lock (gate)
        {
            return new DownloadSummary
            {
                Landed = landed,
                Skipped = skipped,
                Failures = failures.ToList(),
                MaxItemsReached = maxItemsReached,
                Cancelled = cancelled,
            };
        }
    }
}
