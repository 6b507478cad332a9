using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>Plain text: one segment per line, no timestamps.</summary>
internal sealed class TxtTranscriptWriter : ITranscriptWriter
{
    public OutputFormat Format => OutputFormat.Txt;

    public void Write(Transcript transcript, TextWriter writer)
    {
        foreach (var segment in transcript.Segments)
        {
            // One segment, one line: a line break inside a segment's text would split it.
            var text = SegmentText.OneLine(segment.Text);
            if (text.Length > 0)
            {
                writer.Write(text);
                writer.Write('\n');
            }
        }
    }
}
