using YtPipe.Core.Batch;

namespace YtPipe.Core.Reporting;

/// <summary>The totals of a report.</summary>
public sealed record ReportTotals
{
    /// <summary>Inputs reported.</summary>
    public int Files { get; init; }

    /// <summary>Inputs transcribed.</summary>
    public int Transcribed { get; init; }

    /// <summary>Inputs whose last attempt failed.</summary>
    public int Failed { get; init; }

    /// <summary>Audio transcribed (the transcribed inputs' durations).</summary>
    public TimeSpan Audio { get; init; }

    /// <summary>Time spent on the inputs, summed over every shard and worker (not wall time).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The shards that wrote, sorted; empty for unsharded runs.</summary>
    public IReadOnlyList<string> Shards { get; init; } = [];

    /// <summary>The models used, sorted.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>The devices used, sorted.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>Failures by error id, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> FailuresByErrorId { get; init; } = [];

    /// <summary>The totals of <paramref name="entries"/>.</summary>
    public static ReportTotals Of(IReadOnlyCollection<ReportEntry> entries)
    {
        static IReadOnlyList<string> Distinct(IEnumerable<string?> values) =>
            values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var transcribed = entries.Where(e => e.Status == FileStatus.Transcribed).ToList();
        return new ReportTotals
        {
            Files = entries.Count,
            Transcribed = transcribed.Count,
            Failed = entries.Count(e => e.Status == FileStatus.Failed),
            Audio = transcribed.Aggregate(TimeSpan.Zero, (sum, e) => sum + (e.Duration ?? TimeSpan.Zero)),
            Elapsed = entries.Aggregate(TimeSpan.Zero, (sum, e) => sum + (e.Elapsed ?? TimeSpan.Zero)),
            Shards = Distinct(entries.Select(e => e.Shard)),
            Models = Distinct(entries.Select(e => e.Model)),
            Devices = Distinct(entries.Select(e => e.Device)),
            FailuresByErrorId = entries.Where(e => e.Status == FileStatus.Failed)
                .GroupBy(e => e.ErrorId ?? "Unknown", StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .ToList(),
        };
    }
}
