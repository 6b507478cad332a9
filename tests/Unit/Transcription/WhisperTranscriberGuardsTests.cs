using System.Reflection;
using YtPipe.Core.Transcription;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Transcription;

/// <summary>
/// The guards reach whisper.cpp: read back from the <c>whisper_full_params</c> struct Whisper.net
/// builds for the native call (a private field, so a Whisper.net upgrade that renames it fails here
/// loudly rather than silently dropping the guards). A zero-filled tiny.en model is enough to build a processor.
/// </summary>
public sealed class WhisperTranscriberGuardsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task GuardValues_ReachTheNativeParameters()
    {
        var guards = new DecodingGuards
        {
            NoSpeechThreshold = 0.35f,
            Temperature = 0.1f,
            TemperatureIncrement = 0.3f,
            EntropyThreshold = 2.9f,
            LogProbThreshold = -0.7f,
            MaxContext = 0,
            Prompt = "Kubernetes, Grafana.",
            CarryPrompt = true,
        };

        var native = await NativeParamsFor(guards);

        Assert.Equal(0.35f, Field<float>(native, "NoSpeechThreshold"));
        Assert.Equal(0.1f, Field<float>(native, "Temperature"));
        Assert.Equal(0.3f, Field<float>(native, "TemperatureInc"));
        Assert.Equal(2.9f, Field<float>(native, "EntropyThreshold"));
        Assert.Equal(-0.7f, Field<float>(native, "LogProbThreshold"));
        Assert.Equal(0, Field<int>(native, "MaxLastTextTokens"));
        Assert.Equal(1, Field<byte>(native, "CarryInitialPrompt"));
        Assert.NotEqual(IntPtr.Zero, Field<IntPtr>(native, "InitialPrompt"));
    }

    [Fact]
    public async Task DefaultGuards_AreWhisperCppsDefaults()
    {
        var native = await NativeParamsFor(DecodingGuards.Default);

        Assert.Equal(0.6f, Field<float>(native, "NoSpeechThreshold"));
        Assert.Equal(0f, Field<float>(native, "Temperature"));
        Assert.Equal(0.2f, Field<float>(native, "TemperatureInc"));
        Assert.Equal(2.4f, Field<float>(native, "EntropyThreshold"));
        Assert.Equal(-1f, Field<float>(native, "LogProbThreshold"));
        Assert.Equal(16384, Field<int>(native, "MaxLastTextTokens"));
        Assert.Equal(IntPtr.Zero, Field<IntPtr>(native, "InitialPrompt"));
    }

    /// <summary>The native parameters of the processor a worker builds with <paramref name="guards"/>.</summary>
    private async Task<object> NativeParamsFor(DecodingGuards guards)
    {
        var path = GgmlModelWriter.TinyEn.WithFileType(7).WriteZeroFilledTo(folder.PathOf("ggml-tiny.en.bin"));
        var options = new TranscriptionOptions { ModelPath = path, ModelName = "tiny.en", Language = "en", Guards = guards };
        using var model = new WhisperEngine(options).LoadModel(DeviceSpec.Cpu);
        await using var transcriber = model.CreateTranscriber(1);
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var processors = (System.Collections.IDictionary)typeof(WhisperTranscriber).GetField("processors", Private)!.GetValue(transcriber)!;
        var processor = Assert.Single(processors.Values.Cast<Whisper.net.WhisperProcessor>());
        return typeof(Whisper.net.WhisperProcessor).GetField("whisperParams", Private)!.GetValue(processor)!;
    }

    private static T Field<T>(object native, string name) => (T)native.GetType().GetField(name)!.GetValue(native)!;
}
