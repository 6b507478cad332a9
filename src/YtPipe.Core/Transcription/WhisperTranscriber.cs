using Whisper.net;

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
    private IProgress<double>? currentProgress;

    public WhisperTranscriber(WhisperFactory factory, TranscriptionOptions options, int threads)
    {
        this.factory = factory;
        this.options = options;
        this.threads = Math.Max(1, threads);
        _ = Processor(AudioContextSize.Full);
    }

    public async Task<RecognitionResult> TranscribeAsync(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        currentProgress = progress;
        try
        {
            var context = options.ShortClip == ShortClipMode.AudioContext
                ? AudioContextSize.For(TimeSpan.FromSeconds(samples.Length / (double)Audio.AudioClip.SampleRate))
                : AudioContextSize.Full;
            var segments = new List<TranscriptSegment>();
            string? detected = null;
            var processor = Processor(context);
            var (chosen, probability) = ChooseLanguage(processor, samples, cancellationToken);
            await foreach (var s in processor.ProcessAsync(samples, cancellationToken).ConfigureAwait(false))
            {
                detected ??= string.IsNullOrEmpty(s.Language) ? null : s.Language;
                segments.Add(WhisperSegments.ToSegment(s, options.WordTimestamps));
            }
            cancellationToken.ThrowIfCancellationRequested();
            return new RecognitionResult(segments, chosen ?? detected ?? options.Language, probability);
        }
        finally
        {
            currentProgress = null;
        }
    }

    /// <summary>
    /// Detects the language on the first 30 s (among the candidates, when there are some) and forces
    /// it on the processor for this file. whisper.cpp's own detection inside the transcription would
    /// cost the same encoder pass but report no probability and know no candidates; with the language
    /// forced it is skipped, so the encoder runs over the first window once for detection, as before.
    /// </summary>
    private (string? Language, float? Probability) ChooseLanguage(WhisperProcessor processor, float[] samples, CancellationToken cancellationToken)
    {
        if (options.Language is not null || samples.Length == 0)
        {
            return (options.Language, null);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var candidates = options.LanguageCandidates ?? [];
        var window = samples.AsSpan(0, Math.Min(samples.Length, Audio.AudioClip.SampleRate * DetectionSeconds));
        var (language, probability) = processor.DetectLanguageWithProbability(window, [.. candidates]);
        var chosen = LanguageCandidates.Accept(language, probability, candidates);
        // The processor serves this worker's next file too: "auto" lets whisper.cpp detect when detection failed here.
        processor.ChangeLanguage(chosen.Language ?? "auto");
        return chosen;
    }

    private const int DetectionSeconds = 30;

    public async ValueTask DisposeAsync()
    {
        foreach (var processor in processors.Values)
        {
            await processor.DisposeAsync().ConfigureAwait(false);
        }
        processors.Clear();
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
        if (options.WordTimestamps)
        {
            // Also with DTW: tokens DTW cannot place (the first of a window) keep whisper.cpp's own times.
            builder = builder.WithTokenTimestamps();
        }
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
