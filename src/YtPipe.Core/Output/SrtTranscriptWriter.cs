using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>SubRip: numbered cues laid out by <see cref="SubtitleLayout"/>, <c>00:00:01,000 --> 00:00:02,500</c>, a blank line after each.</summary>
internal sealed class SrtTranscriptWriter(SubtitleLayoutOptions? layout = null) : ITranscriptWriter
{
    public OutputFormat Format => OutputFormat.Srt;

    public void Write(Transcript transcript, TextWriter writer)
    {
        var number = 0;
        foreach (var cue in SubtitleLayout.Cues(transcript.Segments, layout ?? SubtitleLayoutOptions.Default))
        {
            writer.Write($"{++number}\n");
            writer.Write($"{SubtitleTime.Format(cue.StartMs, ',')} --> {SubtitleTime.Format(cue.EndMs, ',')}\n");
            writer.Write($"{cue.Text}\n\n");
        }
    }
}
