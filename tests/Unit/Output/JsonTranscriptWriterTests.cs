using System.Text.Json;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Output;

public sealed class JsonTranscriptWriterTests
{
    private readonly JsonTranscriptWriter writer = new();

    [Fact]
    public void Output_HasTheSeedSchema_WithTimesInSeconds()
    {
        using var json = JsonDocument.Parse(Render(writer, TwoSegments));
        var root = json.RootElement;

        Assert.Equal("talk", root.GetProperty("video_id").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("source_url").ValueKind);
        Assert.Equal("base.en", root.GetProperty("model").GetString());
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.Equal("f16", root.GetProperty("compute_type").GetString());
        Assert.Equal(3.25, root.GetProperty("duration").GetDouble());
        Assert.Equal("en", root.GetProperty("language").GetString());
        Assert.Equal(
            new[] { (0.0, 1.5, "Hello there."), (1.5, 3.25, "General Kenobi.") },
            root.GetProperty("segments").EnumerateArray()
                .Select(s => (s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(), s.GetProperty("text").GetString()!)));
    }

    [Fact]
    public void Output_AddsWholeTextSourcePathAndVersion()
    {
        using var json = JsonDocument.Parse(Render(writer, TwoSegments));
        var root = json.RootElement;

        Assert.Equal("Hello there. General Kenobi.", root.GetProperty("text").GetString());
        Assert.Equal("/media/talk.wav", root.GetProperty("source_path").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("ytpipe_version").GetString()));
    }

    [Fact]
    public void Runtime_SaysWhichWhisperCppBuildRan_AndNullWhenUnknown()
    {
        var transcript = TwoSegments with { Runtime = new TranscriptionRuntime { Name = "native", SystemInfo = "CPU : AVX512 = 1 |" } };

        using var json = JsonDocument.Parse(Render(writer, transcript));
        using var unknown = JsonDocument.Parse(Render(writer, TwoSegments with { Runtime = null }));

        Assert.Equal("native", json.RootElement.GetProperty("runtime").GetString());
        Assert.Equal("CPU : AVX512 = 1 |", json.RootElement.GetProperty("runtime_info").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.RootElement.GetProperty("runtime").ValueKind);
    }

    [Fact]
    public void Quality_IsWrittenAsAnObject_WithItsReason()
    {
        var repeat = new CollapsedRepeat("Go.", TimeSpan.Zero, TimeSpan.FromSeconds(3), 3);
        var transcript = TwoSegments with { Quality = TranscriptQuality.Assess(TwoSegments.Segments, [repeat], TwoSegments.Duration) with { AverageProbability = 0.91234 } };

        using var json = JsonDocument.Parse(Render(writer, transcript));
        var quality = json.RootElement.GetProperty("quality");

        Assert.Equal(0.9123, quality.GetProperty("avg_probability").GetDouble());
        Assert.Equal(0, quality.GetProperty("no_speech_dropped").GetInt32());
        Assert.Equal(1, quality.GetProperty("repeats_collapsed").GetInt32());
        Assert.True(quality.GetProperty("suspect").GetBoolean());
        Assert.Equal("1 repeated segment run(s) collapsed", quality.GetProperty("suspect_reason").GetString());
    }

    [Fact]
    public void Quality_WhenNothingIsKnown_IsNullAverageAndNotSuspect()
    {
        using var json = JsonDocument.Parse(Render(writer, TwoSegments));
        var quality = json.RootElement.GetProperty("quality");

        Assert.Equal(JsonValueKind.Null, quality.GetProperty("avg_probability").ValueKind);
        Assert.False(quality.GetProperty("suspect").GetBoolean());
        Assert.Equal(JsonValueKind.Null, quality.GetProperty("suspect_reason").ValueKind);
    }

    [Fact]
    public void KnownSourceUrlAndUnknownLanguage_AreWrittenAsSuch()
    {
        var transcript = TwoSegments with { SourceUrl = "https://example.org/v/talk", Language = null };

        using var json = JsonDocument.Parse(Render(writer, transcript));

        Assert.Equal("https://example.org/v/talk", json.RootElement.GetProperty("source_url").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("language").ValueKind);
    }

    [Fact]
    public void Times_AreRoundedToMilliseconds_AndProbabilityToFourPlaces()
    {
        var transcript = With(new TranscriptSegment(TimeSpan.FromTicks(12_345_678), TimeSpan.FromTicks(29_999_999), "A", 0.87654f), Segment(3, 4, "B"));

        using var json = JsonDocument.Parse(Render(writer, transcript));

        var segments = json.RootElement.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(1.235, segments[0].GetProperty("start").GetDouble());
        Assert.Equal(3.0, segments[0].GetProperty("end").GetDouble());
        Assert.Equal(0.8765, segments[0].GetProperty("probability").GetDouble());
        Assert.False(segments[1].TryGetProperty("probability", out _), "no probability was reported for B");
    }

    [Fact]
    public void NonAsciiText_StaysReadable()
    {
        const string text = "Grüße aus 東京 – “ja”";

        var output = Render(writer, With(Segment(0, 1, text)));

        Assert.Contains(text, output);
        Assert.DoesNotContain("\\u", output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(text, json.RootElement.GetProperty("segments")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Output_EndsWithANewline() =>
        Assert.EndsWith("}\n", Render(writer, TwoSegments));
}
