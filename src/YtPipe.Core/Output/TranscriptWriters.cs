namespace YtPipe.Core.Output;

/// <summary>The writer and file extension for each <see cref="OutputFormat"/>.</summary>
public static class TranscriptWriters
{
    /// <summary>The writer for <paramref name="format"/>.</summary>
    public static ITranscriptWriter For(OutputFormat format) => format switch
    {
        OutputFormat.Json => new JsonTranscriptWriter(),
        OutputFormat.Txt => new TxtTranscriptWriter(),
        OutputFormat.Srt => new SrtTranscriptWriter(),
        OutputFormat.Vtt => new VttTranscriptWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The extension, with its dot: <c>.json</c>, <c>.txt</c>, <c>.srt</c>, <c>.vtt</c>.</summary>
    public static string Extension(OutputFormat format) => "." + format.ToString().ToLowerInvariant();
}
