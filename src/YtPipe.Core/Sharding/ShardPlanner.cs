namespace YtPipe.Core.Sharding;

/// <summary>
/// The shard rule: greedy longest-processing-time first. Items are taken heaviest first (ties:
/// key, ordinal) and each goes to the shard with the least weight so far (ties: the lowest
/// index). Every shard runs this over the same whole input set, the files already transcribed
/// included, so every shard computes the same plan without talking to the others, and a
/// rerun or requeued shard gets exactly the files it had.
/// <para>
/// The weight is the file's size: free to read (a stat, where a probe of the duration costs
/// ~75 ms of ffprobe per file on every shard, for every file), and never different between
/// shards the way a probe that fails on one host but not another would be. Within one codec and
/// bitrate, size is proportional to audio length; across mixed codecs it is only a proxy (see
/// docs/about_YtPipe_ScaleOut.md). LPT keeps every shard within one heaviest file of the ideal.
/// </para>
/// </summary>
public static class ShardPlanner
{
    /// <summary>The shard (0 to <paramref name="count"/> - 1) of each of <paramref name="items"/>, in their order.</summary>
    /// <remarks>The result does not depend on the order of <paramref name="items"/>, only on their keys and weights.</remarks>
    public static int[] Assign(IReadOnlyList<ShardItem> items, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var order = Enumerable.Range(0, items.Count)
            .OrderByDescending(i => items[i].Weight)
            .ThenBy(i => items[i].Key, StringComparer.Ordinal)
            .ToList();
        var shards = new int[items.Count];
        var loads = new PriorityQueue<int, (long Load, int Index)>();
        for (var s = 0; s < count; s++)
        {
            loads.Enqueue(s, (0, s));
        }
        foreach (var i in order)
        {
            loads.TryDequeue(out var shard, out var load);
            shards[i] = shard;
            loads.Enqueue(shard, (load.Load + Math.Max(0, items[i].Weight), shard));
        }
        return shards;
    }
}
