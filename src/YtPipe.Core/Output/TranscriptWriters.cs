namespace YtPipe.Core.Output;

/// <summary>The writer and file extension for each <see cref="OutputFormat"/>.</summary>
public static class TranscriptWriters
{
    /// <summary>The writer for <paramref name="format"/>; SRT and VTT lay cues out by <paramref name="layout"/> (null: the defaults).</summary>
    public static ITranscriptWriter For(OutputFormat format, SubtitleLayoutOptions? layout = null) => format switch
    {
        OutputFormat.Json => new JsonTranscriptWriter(),
        OutputFormat.Txt => new TxtTranscriptWriter(),
        OutputFormat.Srt => new SrtTranscriptWriter(layout),
        OutputFormat.Vtt => new VttTranscriptWriter(layout),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The extension, with its dot: <c>.json</c>, <c>.txt</c>, <c>.srt</c>, <c>.vtt</c>.</summary>
    public static string Extension(OutputFormat format) => "." + format.ToString().ToLowerInvariant();
}
