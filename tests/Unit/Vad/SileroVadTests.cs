using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;
using YtPipe.Core.Vad;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Vad;

/// <summary>
/// The real Whisper.net VAD path on a Silero-shaped model the test writes (<see cref="SileroModelWriter"/>):
/// zero weights make every frame's speech probability exactly 0.5, so a threshold of 0.4 hears
/// speech everywhere and 0.6 nowhere, whatever the audio.
/// </summary>
public sealed class SileroVadTests : IDisposable
{
    private const int Rate = 16_000;
    private readonly TempFolder folder = new();

    public SileroVadTests() => NativeRuntime.Configure();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ZeroModel_BelowHalf_HearsOneRegionOverTheWholeFile_InSeconds()
    {
        using var model = SileroVadModel.Load(Options(threshold: 0.4f));
        await using var detector = model.CreateDetector(1);

        var regions = await detector.DetectAsync(Tone(3 * Rate), CancellationToken.None);

        // whisper.cpp counts whole 512-sample frames, so the region may end up to one frame past the audio.
        var region = Assert.Single(regions);
        Assert.Equal(0, region.Start);
        Assert.InRange(region.End, 3 * Rate, 3 * Rate + 512);
    }

    [Fact]
    public async Task ZeroModel_AboveHalf_HearsNoSpeech()
    {
        using var model = SileroVadModel.Load(Options(threshold: 0.6f));
        await using var detector = model.CreateDetector(1);

        Assert.Empty(await detector.DetectAsync(Tone(3 * Rate), CancellationToken.None));
    }

    [Fact]
    public async Task LongSpeech_ThroughTheRealDetector_IsCutIntoChunksOfAtMostTheMaximum_CoveringAllOfIt()
    {
        using var model = SileroVadModel.Load(Options(threshold: 0.4f) with { MaxChunk = TimeSpan.FromSeconds(20) });
        await using var detector = model.CreateDetector(1);
        var samples = Tone(65 * Rate);
        var slices = new List<int>();

        var result = await VadTranscription.TranscribeAsync(samples, detector, Options(0.4f) with { MaxChunk = TimeSpan.FromSeconds(20) },
            (slice, _, _) => { slices.Add(slice.Length); return Task.FromResult(new RecognitionResult([], "en")); },
            "en", null, CancellationToken.None);

        Assert.All(slices, length => Assert.InRange(length, 1, 20 * Rate));
        Assert.Equal(65 * Rate, slices.Sum());
        Assert.Equal(new VadSummary(TimeSpan.FromSeconds(65), TimeSpan.Zero, slices.Count), result.Vad);
    }

    [Fact]
    public void AWhisperModelGivenAsTheVadModel_IsModelInvalid_BeforeWhisperCppReadsIt()
    {
        var path = GgmlModelWriter.TinyEn.WriteTo(folder.PathOf("ggml-silero-v6.2.0.bin"));

        var e = Assert.Throws<ModelInvalidException>(() => SileroVadModel.Load(new VadOptions { ModelPath = path }));
        Assert.Equal("ModelInvalid", e.ErrorId);
        Assert.Equal(path, e.Target);
    }

    [Fact]
    public void AMissingVadModel_IsModelNotFound()
    {
        var path = folder.PathOf("ggml-silero-v6.2.0.bin");

        var e = Assert.Throws<ModelNotFoundException>(() => SileroVadModel.Load(new VadOptions { ModelPath = path }));
        Assert.Equal("ModelNotFound", e.ErrorId);
    }

    [Fact]
    public async Task Engine_WithVad_TranscribesTheSpeechAndReportsIt_AndNoSpeechIsAnEmptyTranscript()
    {
        var whisper = GgmlModelWriter.TinyEn.WriteTo(folder.PathOf("ggml-tiny.en.bin"));
        var samples = Tone(2 * Rate);

        var heard = await Transcribe(whisper, threshold: 0.4f, samples);
        var silent = await Transcribe(whisper, threshold: 0.6f, samples);

        Assert.Equal(new VadSummary(TimeSpan.FromSeconds(2), TimeSpan.Zero, 1), heard.Vad);
        Assert.Empty(silent.Segments);
        Assert.Equal(new VadSummary(TimeSpan.Zero, TimeSpan.FromSeconds(2), 0), silent.Vad);
    }

    private async Task<RecognitionResult> Transcribe(string whisper, float threshold, float[] samples)
    {
        var options = new TranscriptionOptions
        {
            ModelPath = whisper, ModelName = "tiny.en", Language = "en", BeamSize = 1, ShortClip = ShortClipMode.AudioContext,
            Vad = Options(threshold),
        };
        using var model = new WhisperEngine(options).LoadModel(DeviceSpec.Cpu);
        await using var transcriber = model.CreateTranscriber(1);
        return await transcriber.TranscribeAsync(samples, null, CancellationToken.None);
    }

    private VadOptions Options(float threshold) => new()
    {
        ModelPath = File.Exists(folder.PathOf("ggml-silero-v6.2.0.bin"))
            ? folder.PathOf("ggml-silero-v6.2.0.bin")
            : new SileroModelWriter().WriteTo(folder.PathOf("ggml-silero-v6.2.0.bin")),
        Threshold = threshold,
    };

    private static float[] Tone(int count) =>
        Enumerable.Range(0, count).Select(i => 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / Rate)).ToArray();
}
