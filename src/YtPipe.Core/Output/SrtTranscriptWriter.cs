using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>SubRip: numbered cues, <c>00:00:01,000 --> 00:00:02,500</c>, a blank line after each.</summary>
internal sealed class SrtTranscriptWriter : ITranscriptWriter
{
    public OutputFormat Format => OutputFormat.Srt;

    public void Write(Transcript transcript, TextWriter writer)
    {
        var number = 0;
        foreach (var cue in SubtitleCue.FromSegments(transcript.Segments))
        {
            writer.Write($"{++number}\n");
            writer.Write($"{SubtitleTime.Format(cue.StartMs, ',')} --> {SubtitleTime.Format(cue.EndMs, ',')}\n");
            writer.Write($"{cue.Text}\n\n");
        }
    }
}
