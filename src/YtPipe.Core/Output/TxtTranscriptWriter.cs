using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>Plain text: one segment per line, no timestamps.</summary>
public sealed class TxtTranscriptWriter : ITranscriptWriter
{
    public OutputFormat Format => OutputFormat.Txt;

    public void Write(Transcript transcript, TextWriter writer)
    {
        foreach (var segment in transcript.Segments)
        {
            var text = segment.Text.Trim();
            if (text.Length > 0)
            {
                writer.Write(text);
                writer.Write('\n');
            }
        }
    }
}
