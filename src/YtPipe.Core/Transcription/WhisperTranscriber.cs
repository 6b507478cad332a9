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

    public Task<RecognitionResult> TranscribeAsync(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // One decision per file: with VAD the first chunk detects the language and the others keep it.
        var language = new FileLanguage(options.Language);
        return speech is not null && options.Vad is { } vad
            ? VadTranscription.TranscribeAsync(samples, speech, vad,
                (slice, chunkProgress, token) => TranscribeSliceAsync(slice, language, chunkProgress, token),
                options.Language, progress, cancellationToken)
            : TranscribeSliceAsync(samples, language, progress, cancellationToken);
    }

    // A whole file, or one VAD chunk sliced from it in place; times from the slice's start.
    private async Task<RecognitionResult> TranscribeSliceAsync(ReadOnlyMemory<float> samples, FileLanguage language, IProgress<double>? progress,
        CancellationToken cancellationToken)
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
            var (chosen, probability) = ChooseLanguage(processor, samples, language, cancellationToken);
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
    private (string? Language, float? Probability) ChooseLanguage(WhisperProcessor processor, ReadOnlyMemory<float> samples, FileLanguage language,
        CancellationToken cancellationToken)
    {
        if (options.Language is not null)
        {
            return (options.Language, null);
        }
        if (!language.Decided)
        {
            if (samples.Length == 0)
            {
                return (null, null);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var candidates = options.LanguageCandidates ?? [];
            var window = samples.Span[..Math.Min(samples.Length, Audio.AudioClip.SampleRate * DetectionSeconds)];
            var (detected, probability) = processor.DetectLanguageWithProbability(window, [.. candidates]);
            (language.Language, language.Probability) = LanguageCandidates.Accept(detected, probability, candidates);
            language.Decided = true;
        }
        // Processors are per audio-context size and serve this worker's next file too, so the file's
        // decision is set on the one in use; "auto" lets whisper.cpp detect when detection failed.
        processor.ChangeLanguage(language.Language ?? "auto");
        return (language.Language, language.Probability);
    }

    /// <summary>The language of the file being transcribed, decided once (on its first chunk with VAD).</summary>
    private sealed class FileLanguage(string? forced)
    {
        public string? Language { get; set; } = forced;

        public float? Probability { get; set; }

        public bool Decided { get; set; } = forced is not null;
    }

    private const int DetectionSeconds = 30;

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
