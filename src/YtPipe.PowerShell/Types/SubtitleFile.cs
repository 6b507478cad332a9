namespace YtPipe.PowerShell;

/// <summary>One subtitle (or text) file ConvertTo-YtSubtitle wrote.</summary>
public sealed class SubtitleFile
{
    /// <summary>The file written.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Srt, Vtt or Txt.</summary>
    public string Format { get; init; } = string.Empty;

    /// <summary>The JSON transcript it was made from.</summary>
    public string TranscriptPath { get; init; } = string.Empty;

    /// <summary>The line width the cues were laid out to.</summary>
    public int MaxLineWidth { get; init; }

    /// <summary>The most lines a cue has.</summary>
    public int MaxLineCount { get; init; }
}
