using YtPipe.Core.Output;

namespace YtPipe.Core.Batch;

/// <summary>What a batch writes and where. Immutable.</summary>
public sealed record BatchOptions
{
    /// <summary>The transcript formats to write.</summary>
    public IReadOnlyList<OutputFormat> Formats { get; init; } = [OutputFormat.Json, OutputFormat.Txt];

    /// <summary>Where transcripts go; null writes each beside its input.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Redo files whose transcripts exist, and replace those transcripts.</summary>
    public bool Force { get; init; }

    /// <summary>How SRT and VTT cues are laid out.</summary>
    public SubtitleLayoutOptions SubtitleLayout { get; init; } = SubtitleLayoutOptions.Default;

    /// <summary>The shard this batch is (recorded in each result and transcript); null when it does the whole corpus.</summary>
    public Sharding.ShardSpec? Shard { get; init; }
}
