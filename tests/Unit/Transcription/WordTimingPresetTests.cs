using System.Reflection;
using Whisper.net;
using YtPipe.Core.Models;
using YtPipe.Core.Transcription;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Transcription;

/// <summary>Which alignment heads DTW uses for which model, and that word timestamps reach whisper.cpp.</summary>
public sealed class WordTimingPresetTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static GgmlModelInfo Shape(int textLayers, int textState, int mels, bool englishOnly) =>
        new(englishOnly ? 51864 : 51865, 1500, textState, 6, textLayers, 448, textState, 6, textLayers, mels, 1);

    public static TheoryData<string, GgmlModelInfo, WhisperAlignmentHeadsPreset> Models => new()
    {
        { "tiny.en", Shape(4, 384, 80, true), WhisperAlignmentHeadsPreset.TinyEn },
        { "tiny.en-q5_1", Shape(4, 384, 80, true), WhisperAlignmentHeadsPreset.TinyEn },
        { "base", Shape(6, 512, 80, false), WhisperAlignmentHeadsPreset.Base },
        { "base-q8_0", Shape(6, 512, 80, false), WhisperAlignmentHeadsPreset.Base },
        { "small.en", Shape(12, 768, 80, true), WhisperAlignmentHeadsPreset.SmallEn },
        { "medium-q5_0", Shape(24, 1024, 80, false), WhisperAlignmentHeadsPreset.Medium },
        { "large-v2", Shape(32, 1280, 80, false), WhisperAlignmentHeadsPreset.LargeV2 },
        { "large-v3", Shape(32, 1280, 128, false), WhisperAlignmentHeadsPreset.LargeV3 },
        { "large-v3-turbo-q8_0", Shape(4, 1280, 128, false), WhisperAlignmentHeadsPreset.LargeV3Turbo },
        // Fine-tunes and unknown files fall back to token timestamps: their heads are not OpenAI's.
        { "small.en-tdrz", Shape(12, 768, 80, true), WhisperAlignmentHeadsPreset.None },
        { "my-finetune", Shape(6, 512, 80, false), WhisperAlignmentHeadsPreset.None },
        // A name that lies about the file (a distil model saved as large-v3) gets no heads that would not fit.
        { "large-v3", Shape(2, 1280, 128, false), WhisperAlignmentHeadsPreset.None },
        { "base", Shape(6, 512, 80, true), WhisperAlignmentHeadsPreset.None },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Preset_FollowsTheCatalogName_WhenTheFileHasThatShape(string name, GgmlModelInfo info, WhisperAlignmentHeadsPreset expected)
    {
        Assert.Equal(expected, AlignmentHeads.PresetFor(name, info));
    }

    [Fact]
    public void WordTimingNote_SaysWhichMethodTimesTheWords()
    {
        var options = new TranscriptionOptions { ModelPath = "m", ModelName = "custom", WordTimestamps = true };

        Assert.Contains("DTW over the alignment heads of TinyEn (flash attention off", AlignmentNote(WhisperAlignmentHeadsPreset.TinyEn, options));
        Assert.Contains("token timestamps (no alignment-heads preset for 'custom'", AlignmentNote(WhisperAlignmentHeadsPreset.None, options));
    }

    private static string AlignmentNote(WhisperAlignmentHeadsPreset heads, TranscriptionOptions options) => WhisperEngine.WordTimingNote(heads, options);

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task WordTimestamps_TurnOnWhisperCppsTokenTimestamps(bool words, byte expected)
    {
        var path = GgmlModelWriter.TinyEn.WriteTo(folder.PathOf("ggml-tiny.en.bin"));
        var options = new TranscriptionOptions { ModelPath = path, ModelName = "tiny.en", Language = "en", WordTimestamps = words };
        using var model = new WhisperEngine(options).LoadModel(DeviceSpec.Cpu);
        await using var transcriber = model.CreateTranscriber(1);

        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var processors = (System.Collections.IDictionary)typeof(WhisperTranscriber).GetField("processors", Private)!.GetValue(transcriber)!;
        var processor = Assert.Single(processors.Values.Cast<WhisperProcessor>());
        var native = typeof(WhisperProcessor).GetField("whisperParams", Private)!.GetValue(processor)!;
        Assert.Equal(expected, (byte)native.GetType().GetField("UseTokenTimestamps")!.GetValue(native)!);
        Assert.Equal(words, model.LoadNotes.Any(n => n.Text.StartsWith("Word timestamps: DTW over the alignment heads of TinyEn", StringComparison.Ordinal)));
    }
}
