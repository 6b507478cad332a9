using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>WebVTT: a <c>WEBVTT</c> header, then cues laid out by <see cref="SubtitleLayout"/> with <c>.</c> before the milliseconds; text is escaped.</summary>
internal sealed class VttTranscriptWriter(SubtitleLayoutOptions? layout = null) : ITranscriptWriter
{
    public OutputFormat Format => OutputFormat.Vtt;

    public void Write(Transcript transcript, TextWriter writer)
    {
        writer.Write("WEBVTT\n\n");
        foreach (var cue in SubtitleLayout.Cues(transcript.Segments, layout ?? SubtitleLayoutOptions.Default))
        {
            writer.Write($"{SubtitleTime.Format(cue.StartMs, '.')} --> {SubtitleTime.Format(cue.EndMs, '.')}\n");
            writer.Write($"{Escape(cue.Text)}\n\n");
        }
    }

    // In a cue payload '&' and '<' start markup, and "-->" would end the timing line's meaning.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
