using Whisper.net;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Vad;

/// <summary>
/// The Silero VAD model, loaded with the whisper model (once per device, shared by its workers).
/// Whisper.net's <see cref="WhisperVadFactory"/> loads a native context per processor, and a
/// processor serialises its calls, so each worker gets its own detector. Loading checks the file
/// and builds one processor, so a bad model is one error before any file, not one per file.
/// </summary>
internal sealed class SileroVadModel : IDisposable
{
    private readonly WhisperVadFactory factory;
    private readonly VadOptions options;
    // Workers start together; each build loads a native context from the file, one at a time.
    private readonly object building = new();

    private SileroVadModel(WhisperVadFactory factory, VadOptions options)
    {
        this.factory = factory;
        this.options = options;
    }

    /// <summary>Loads <see cref="VadOptions.ModelPath"/>. Call after the native runtime is configured.</summary>
    /// <exception cref="ModelNotFoundException">There is no file.</exception>
    /// <exception cref="ModelInvalidException">It is not a Silero model whisper.cpp can load.</exception>
    public static SileroVadModel Load(VadOptions options)
    {
        SileroModelHeader.Read(options.ModelPath);
        var factory = WhisperVadFactory.FromPath(options.ModelPath);
        var model = new SileroVadModel(factory, options);
        try
        {
            using var probe = model.Build(1);
        }
        catch (WhisperModelLoadException e)
        {
            factory.Dispose();
            throw new ModelInvalidException(options.ModelPath, "whisper.cpp could not load it as a Silero VAD model", e)
            {
                Fix = $"Download {VadOptions.DefaultModelName} again with {HostWording.Command(HostWording.DownloadModel)} and replace the file.",
            };
        }
        return model;
    }

    /// <summary>One worker's detector.</summary>
    public ISpeechDetector CreateDetector(int threads)
    {
        lock (building)
        {
            return new SileroSpeechDetector(Build(Math.Max(1, threads)));
        }
    }

    public void Dispose() => factory.Dispose();

    // Padding and the cut into chunks are YtPipe's (SpeechChunker). whisper.cpp's max-speech split
    // still helps: it cuts long speech at a pause where one exists, before SpeechChunker's hard
    // cut. Asked for room for the padding (whisper.cpp also truncates it to whole seconds), so a
    // padded region still fits one chunk rather than being halved.
    private WhisperVadProcessor Build(int threads) => factory.CreateBuilder()
        .WithThreads(threads)
        .WithThreshold(options.Threshold)
        .WithMinSpeechDuration(options.MinSpeech)
        .WithMinSilenceDuration(options.MinSilence)
        .WithMaxSpeechDuration(TimeSpan.FromSeconds(Math.Max(1, (options.MaxChunk - 2 * options.SpeechPad).TotalSeconds)))
        .WithSpeechPadding(TimeSpan.Zero)
        .Build();
}
