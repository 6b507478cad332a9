using YtPipe.Core.Transcription;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Transcription;

public sealed class TranscriptQualityTests
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public void PlainConfidentSpeech_IsNotSuspect()
    {
        var quality = TranscriptQuality.Assess([Segment(0, 5, "Hello there, how are you?", 0.9f), Segment(5, 10, "Fine, thanks.", 0.7f)], [], TenSeconds);

        Assert.False(quality.Suspect);
        Assert.Null(quality.SuspectReason);
        Assert.Equal(0.8, quality.AverageProbability!.Value, 3);
        Assert.Equal(0, quality.RepeatsCollapsed);
        Assert.Equal(0, quality.NoSpeechDropped);
    }

    [Fact]
    public void ACollapsedRepeat_MakesItSuspect()
    {
        var repeat = new CollapsedRepeat("Thanks.", TimeSpan.Zero, TenSeconds, 4);

        var quality = TranscriptQuality.Assess([Segment(0, 10, "Thanks.", 0.9f)], [repeat], TenSeconds);

        Assert.True(quality.Suspect);
        Assert.Equal(1, quality.RepeatsCollapsed);
        Assert.Contains("1 repeated segment run(s) collapsed", quality.SuspectReason);
    }

    [Fact]
    public void LowAverageProbability_MakesItSuspect()
    {
        var quality = TranscriptQuality.Assess([Segment(0, 5, "Something.", 0.3f), Segment(5, 10, "Else.", 0.4f)], [], TenSeconds);

        Assert.True(quality.Suspect);
        Assert.Contains("average token probability 0.35 is below 0.4", quality.SuspectReason);
    }

    [Fact]
    public void MoreWordsPerSecondThanSpeechAllows_MakesItSuspect()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 60));

        var quality = TranscriptQuality.Assess([Segment(0, 10, text, 0.9f)], [], TenSeconds);

        Assert.True(quality.Suspect);
        Assert.Contains("6.0 words per second", quality.SuspectReason);
    }

    [Fact]
    public void NoProbabilities_LeaveTheAverageUnknown_AndNotSuspect()
    {
        var quality = TranscriptQuality.Assess([Segment(0, 10, "Hello.")], [], TenSeconds);

        Assert.Null(quality.AverageProbability);
        Assert.False(quality.Suspect);
    }

    [Fact]
    public void TheBuilder_CollapsesRepeats_AndSummarisesThem()
    {
        var recognized = new RecognitionResult(
            [Segment(0, 1, "Go.", 0.9f), Segment(1, 2, "Go.", 0.9f), Segment(2, 3, "Go.", 0.9f), Segment(3, 4, "Now.", 0.9f)], "en");

        var transcript = TranscriptBuilder.Build("/media/x.wav", null, recognized, new Fakes.FakeTranscriptionModel(new Fakes.FakeTranscriptionEngine(new Fakes.FakeAudioDecoder()), "cpu"), "tiny", TimeSpan.FromSeconds(4));

        Assert.Equal("Go. Now.", transcript.Text);
        Assert.Equal(1, transcript.Quality.RepeatsCollapsed);
        Assert.True(transcript.Quality.Suspect);
    }
}
