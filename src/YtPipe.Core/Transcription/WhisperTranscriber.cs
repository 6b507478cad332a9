using Whisper.net;
using YtPipe.Core.Vad;

namespace YtPipe.Core.Transcription;

/// <summary>
/// One worker's <see cref="WhisperProcessor"/>s. Threads, sampling, language and the hallucination guards are always set
/// explicitly: Whisper.net's defaults (min(4, cores) threads, greedy, English) differ from the seed's.
/// </summary>
internal sealed class WhisperTranscriber : ITranscriber
{
    private readonly WhisperFactory factory;
    private readonly TranscriptionOptions options;
    private readonly int threads;
    // A processor holds only its parameters (whisper.cpp state is made per call), and the audio
    // context is one of them: one processor per context size, made when first needed.
    private readonly Dictionary<int, WhisperProcessor> processors = [];
    private readonly ISpeechDetector? speech;
    private IProgress<double>? currentProgress;

    // speech: this worker's detector when VAD is on, owned (disposed with the transcriber); null transcribes whole files.
    public WhisperTranscriber(WhisperFactory factory, TranscriptionOptions options, int threads, ISpeechDetector? speech = null)
    {
        this.factory = factory;
        this.options = options;
        this.threads = Math.Max(1, threads);
        this.speech = speech;
        _ = Processor(AudioContextSize.Full);
    }

    public Task<RecognitionResult> TranscribeAsync(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken) =>
        speech is not null && options.Vad is { } vad
            ? VadTranscription.TranscribeAsync(samples, speech, vad, TranscribeSliceAsync, options.Language, progress, cancellationToken)
            : TranscribeSliceAsync(samples, progress, cancellationToken);

    // A whole file, or one VAD chunk sliced from it in place; times from the slice's start.
    private async Task<RecognitionResult> TranscribeSliceAsync(ReadOnlyMemory<float> samples, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        currentProgress = progress;
        try
        {
            var context = options.ShortClip == ShortClipMode.AudioContext
                ? AudioContextSize.For(TimeSpan.FromSeconds(samples.Length / (double)Audio.AudioClip.SampleRate))
                : AudioContextSize.Full;
            var segments = new List<TranscriptSegment>();
            string? detected = null;
            await foreach (var s in Processor(context).ProcessAsync(samples, cancellationToken).ConfigureAwait(false))
            {
                detected ??= string.IsNullOrEmpty(s.Language) ? null : s.Language;
                segments.Add(new TranscriptSegment(s.Start, s.End, s.Text.Trim(), s.Probability));
            }
            cancellationToken.ThrowIfCancellationRequested();
            return new RecognitionResult(segments, detected ?? options.Language);
        }
        finally
        {
            currentProgress = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var processor in processors.Values)
        {
            await processor.DisposeAsync().ConfigureAwait(false);
        }
        processors.Clear();
        if (speech is not null)
        {
            await speech.DisposeAsync().ConfigureAwait(false);
        }
    }

    private WhisperProcessor Processor(int audioContext)
    {
        if (processors.TryGetValue(audioContext, out var existing)) return existing;
        var builder = factory.CreateBuilder()
            .WithThreads(threads)
            .WithProbabilities()
            .WithProgressHandler(percent => currentProgress?.Report(percent / 100.0));
        // 0 is whisper.cpp's "the model's own" (1500); anything else cuts the encoder's window.
        builder = builder.WithAudioContextSize(audioContext >= AudioContextSize.Full ? 0 : audioContext);
        builder = options.Language is null ? builder.WithLanguageDetection() : builder.WithLanguage(options.Language);
        if (options.Translate)
        {
            builder = builder.WithTranslate();
        }
        builder = options.BeamSize > 1
            ? builder.WithBeamSearchSamplingStrategy(b => b.WithBeamSize(options.BeamSize))
            : builder.WithGreedySamplingStrategy(_ => { });
        var guards = options.Guards;
        builder = builder
            .WithNoSpeechThreshold(guards.NoSpeechThreshold)
            .WithTemperature(guards.Temperature)
            .WithTemperatureInc(guards.TemperatureIncrement)
            .WithEntropyThreshold(guards.EntropyThreshold)
            .WithLogProbThreshold(guards.LogProbThreshold)
            .WithMaxLastTextTokens(guards.MaxContext);
        if (!string.IsNullOrEmpty(guards.Prompt))
        {
            builder = builder.WithPrompt(guards.Prompt).WithCarryInitialPrompt(guards.CarryPrompt);
        }
        var processor = builder.Build();
        processors[audioContext] = processor;
        return processor;
    }
}
