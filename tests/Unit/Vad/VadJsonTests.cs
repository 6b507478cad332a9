using System.Text.Json;
using YtPipe.Core.Output;
using YtPipe.Core.Vad;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Vad;

/// <summary>The JSON transcript says whether VAD chose what was transcribed, and what it found and skipped.</summary>
public sealed class VadJsonTests
{
    private readonly JsonTranscriptWriter writer = new();

    [Fact]
    public void WithoutVad_TheVadFieldIsNull()
    {
        using var json = JsonDocument.Parse(Render(writer, TwoSegments));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("vad").ValueKind);
    }

    [Fact]
    public void WithVad_TheVadObjectHasUsedSpeechSkippedAndChunks_InSeconds()
    {
        var transcript = TwoSegments with { Vad = new VadSummary(Seconds(3.8204), Seconds(14.18), 2) };

        using var json = JsonDocument.Parse(Render(writer, transcript));

        var vad = json.RootElement.GetProperty("vad");
        Assert.Equal(["used", "speech_seconds", "skipped_seconds", "chunks"], vad.EnumerateObject().Select(p => p.Name));
        Assert.True(vad.GetProperty("used").GetBoolean());
        Assert.Equal(3.82, vad.GetProperty("speech_seconds").GetDouble());
        Assert.Equal(14.18, vad.GetProperty("skipped_seconds").GetDouble());
        Assert.Equal(2, vad.GetProperty("chunks").GetInt32());
    }
}
