namespace YtPipe.Core.Sharding;

/// <summary>One input as the shard rule sees it.</summary>
/// <param name="Key">Its stable name: the path relative to the folder the user named (a file named
/// directly: its full path), compared ordinally. Ties in weight are broken by it.</param>
/// <param name="Weight">How much work it is (bytes: see <see cref="ShardPlanner"/>).</param>
public sealed record ShardItem(string Key, long Weight);
