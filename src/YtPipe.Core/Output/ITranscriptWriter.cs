using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>Turns a transcript into one file format.</summary>
public interface ITranscriptWriter
{
    /// <summary>The format this writer produces.</summary>
    OutputFormat Format { get; }

    /// <summary>Writes <paramref name="transcript"/> to <paramref name="writer"/>.</summary>
    void Write(Transcript transcript, TextWriter writer);
}
