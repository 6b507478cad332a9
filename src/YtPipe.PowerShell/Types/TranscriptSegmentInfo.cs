namespace YtPipe.PowerShell;

/// <summary>One segment of a transcript, as scripts see it.</summary>
public sealed class TranscriptSegmentInfo
{
    /// <summary>Where the segment starts.</summary>
    public TimeSpan Start { get; init; }

    /// <summary>Where the segment ends.</summary>
    public TimeSpan End { get; init; }

    /// <summary>The text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Mean token probability, 0..1.</summary>
    public float? Probability { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"[{Start:hh\\:mm\\:ss\\.fff} --> {End:hh\\:mm\\:ss\\.fff}] {Text}";
}
