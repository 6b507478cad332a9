using System.Text.Json;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;
using YtPipe.Tests.Support;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

/// <summary>Word timestamps and the language probability in the JSON transcript, read back and laid out again.</summary>
public sealed class JsonTranscriptWordsTests
{
    private static readonly TranscriptWord[] HelloWords =
    [
        new(Seconds(0.5), Seconds(1), "Hello", 0.91f), new(Seconds(1), Seconds(2), "there,", 0.5f),
        new(Seconds(7), Seconds(8), "general", null), new(Seconds(8), Seconds(9.25), "Kenobi.", 0.75f),
    ];

    private static Transcript WithWords() =>
        With(Segment(0, 10, "Hello there, general Kenobi.") with { Words = HelloWords }, Segment(10, 11, "No words here.")) with
        {
            Duration = Seconds(11),
            LanguageProbability = 0.8123f,
        };

    [Fact]
    public void Words_AreWrittenPerSegment_AsWordStartEndProbability()
    {
        using var json = JsonDocument.Parse(Render(new JsonTranscriptWriter(), WithWords()));
        var segments = json.RootElement.GetProperty("segments");

        var first = segments[0].GetProperty("words")[1];
        Assert.Equal(["word", "start", "end", "probability"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("there,", 1.0, 2.0, 0.5), (first.GetProperty("word").GetString(), first.GetProperty("start").GetDouble(),
            first.GetProperty("end").GetDouble(), first.GetProperty("probability").GetDouble()));
        Assert.False(segments[1].TryGetProperty("words", out _));
        Assert.Equal(0.8123, json.RootElement.GetProperty("language_probability").GetDouble());
    }

    [Fact]
    public void Words_AndLanguageProbability_SurviveAWriteAndRead()
    {
        using var folder = new TempFolder();
        var path = folder.WriteFile("talk.json", Render(new JsonTranscriptWriter(), WithWords()));

        var read = JsonTranscriptReader.Read(path);

        Assert.Equal(HelloWords, read.Segments[0].Words);
        Assert.Null(read.Segments[1].Words);
        Assert.Equal(0.8123f, read.LanguageProbability);
    }

    [Fact]
    public void WordsFromJson_SplitCuesAtTheirTimes()
    {
        using var folder = new TempFolder();
        var path = folder.WriteFile("talk.json", Render(new JsonTranscriptWriter(), WithWords()));
        var options = new SubtitleLayoutOptions { MaxLineWidth = 14, MaxLineCount = 1, MinCueDuration = TimeSpan.Zero };

        var cues = SubtitleLayout.Cues(JsonTranscriptReader.Read(path).Segments, options);

        // By characters the first cue would end at 4.286 s; the words say 2 s, and the next starts at 7 s.
        Assert.Equal(new[]
        {
            new SubtitleCue(500, 2000, "Hello there,"), new SubtitleCue(7000, 8000, "general"),
            new SubtitleCue(8000, 9250, "Kenobi."), new SubtitleCue(10000, 11000, "No words here."),
        }, cues);
    }

    [Theory]
    [InlineData("""{"segments":[{"start":0,"end":1,"text":"a","words":{}}]}""")]
    [InlineData("""{"segments":[{"start":0,"end":1,"text":"a","words":[{"start":0,"end":1}]}]}""")]
    [InlineData("""{"segments":[{"start":0,"end":1,"text":"a","words":[{"word":"a","start":-1,"end":1}]}]}""")]
    public void MalformedWords_AreTranscriptInvalid(string content)
    {
        using var folder = new TempFolder();
        var path = folder.WriteFile("bad.json", content);

        var error = Assert.Throws<TranscriptInvalidException>(() => JsonTranscriptReader.Read(path));

        Assert.Contains("segment 0", error.Message);
    }
}
