using YtPipe.Core.Output;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Support;

/// <summary>Synthetic transcripts for the writers.</summary>
public static class TestTranscripts
{
    /// <summary>A segment with times in seconds, converted exactly (no truncation to a tick below).</summary>
    public static TranscriptSegment Segment(double startSeconds, double endSeconds, string text, float? probability = null) =>
        new(Seconds(startSeconds), Seconds(endSeconds), text, probability);

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    /// <summary>A local file's transcript made of <paramref name="segments"/>.</summary>
    public static Transcript With(params TranscriptSegment[] segments) => new()
    {
        SourcePath = "/media/talk.wav",
        VideoId = "talk",
        Model = "base.en",
        Device = "cpu",
        ComputeType = "f16",
        Duration = Seconds(3.25),
        Language = "en",
        Segments = segments,
    };

    public static Transcript TwoSegments { get; } = With(Segment(0, 1.5, "Hello there."), Segment(1.5, 3.25, "General Kenobi."));

    /// <summary>What <paramref name="writer"/> writes for <paramref name="transcript"/>.</summary>
    public static string Render(ITranscriptWriter writer, Transcript transcript)
    {
        using var text = new StringWriter();
        writer.Write(transcript, text);
        return text.ToString();
    }
}
