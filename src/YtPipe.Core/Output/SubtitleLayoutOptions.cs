namespace YtPipe.Core.Output;

/// <summary>How SRT and VTT cues are laid out. Plain text keeps whole segments and ignores these.</summary>
public sealed record SubtitleLayoutOptions
{
    /// <summary>42 characters, 2 lines, 1 second: the common broadcast limits.</summary>
    public static SubtitleLayoutOptions Default { get; } = new();

    /// <summary>The most characters (text elements) on one line of a cue. At least 1.</summary>
    public int MaxLineWidth { get; init; } = 42;

    /// <summary>The most lines in one cue. At least 1.</summary>
    public int MaxLineCount { get; init; } = 2;

    /// <summary>
    /// How long a cue stays at least, as far as the next cue's start allows: a cue is stretched into
    /// the silence after it, never over the next cue.
    /// </summary>
    public TimeSpan MinCueDuration { get; init; } = TimeSpan.FromSeconds(1);
}
