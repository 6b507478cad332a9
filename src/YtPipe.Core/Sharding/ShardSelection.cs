using YtPipe.Core.Batch;

namespace YtPipe.Core.Sharding;

/// <summary>What one shard takes of the whole input set.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Mine">Its inputs, in the order they came.</param>
/// <param name="TotalFiles">How many distinct inputs the whole set has.</param>
/// <param name="TotalBytes">Their size.</param>
/// <param name="MineBytes">The size of <paramref name="Mine"/>.</param>
public sealed record ShardSelection(ShardSpec Shard, IReadOnlyList<TranscriptionInput> Mine, int TotalFiles, long TotalBytes, long MineBytes)
{
    /// <summary>One line for -Verbose: what this shard took.</summary>
    public string Describe() =>
        $"Shard {Shard}: {Mine.Count} of {TotalFiles} files, {Mib(MineBytes)} of {Mib(TotalBytes)} MiB.";

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
