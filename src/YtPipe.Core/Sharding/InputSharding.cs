using System.Runtime.InteropServices;
using YtPipe.Core.Batch;

namespace YtPipe.Core.Sharding;

/// <summary>Applies the shard rule (<see cref="ShardPlanner"/>) to transcription inputs.</summary>
public static class InputSharding
{
    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// The inputs of <paramref name="shard"/> among <paramref name="inputs"/>: the whole set, every
    /// file whether or not it is transcribed already. A file given twice counts once.
    /// </summary>
    public static ShardSelection Select(IEnumerable<TranscriptionInput> inputs, ShardSpec shard)
    {
        var distinct = new List<TranscriptionInput>();
        var seen = new HashSet<string>(PathComparer);
        foreach (var input in inputs)
        {
            if (seen.Add(input.FilePath)) distinct.Add(input);
        }
        // The full path only breaks a tie between two folders that hold the same relative path.
        var items = distinct.Select(i => new ShardItem(KeyOf(i) + "\n" + i.FilePath, SizeOf(i.FilePath))).ToList();
        var shards = ShardPlanner.Assign(items, shard.Count);
        var mine = new List<TranscriptionInput>();
        long mineBytes = 0;
        for (var i = 0; i < distinct.Count; i++)
        {
            if (shards[i] != shard.Index) continue;
            mine.Add(distinct[i]);
            mineBytes += items[i].Weight;
        }
        return new ShardSelection(shard, mine, distinct.Count, items.Sum(i => i.Weight), mineBytes);
    }

    /// <summary>
    /// The stable name of an input: relative to the folder the user named, with '/' separators, so
    /// hosts that mount the corpus at different paths agree; a file named directly keeps its full path.
    /// </summary>
    public static string KeyOf(TranscriptionInput input) =>
        input.Root is null
            ? input.FilePath.Replace('\\', '/')
            : Path.GetRelativePath(input.Root, input.FilePath).Replace('\\', '/');

    // A file that vanished weighs nothing here and fails with its own error when its shard reaches it.
    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
