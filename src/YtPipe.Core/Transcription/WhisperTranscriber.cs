using Whisper.net;

namespace YtPipe.Core.Transcription;

/// <summary>
/// One worker's <see cref="WhisperProcessor"/>. Threads, sampling and language are always set
/// explicitly: Whisper.net's defaults (min(4, cores) threads, greedy, English) differ from the seed's.
/// </summary>
internal sealed class WhisperTranscriber : ITranscriber
{
    private readonly WhisperProcessor processor;
    private readonly string? language;
    private IProgress<double>? currentProgress;

    public WhisperTranscriber(WhisperFactory factory, TranscriptionOptions options, int threads)
    {
        language = options.Language;
        var builder = factory.CreateBuilder()
            .WithThreads(Math.Max(1, threads))
            .WithProbabilities()
            .WithProgressHandler(percent => currentProgress?.Report(percent / 100.0));
        builder = options.Language is null ? builder.WithLanguageDetection() : builder.WithLanguage(options.Language);
        if (options.Translate)
        {
            builder = builder.WithTranslate();
        }
        builder = options.BeamSize > 1
            ? builder.WithBeamSearchSamplingStrategy(b => b.WithBeamSize(options.BeamSize))
            : builder.WithGreedySamplingStrategy(_ => { });
        processor = builder.Build();
    }

    public async Task<RecognitionResult> TranscribeAsync(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        currentProgress = progress;
        try
        {
            var segments = new List<TranscriptSegment>();
            string? detected = null;
            await foreach (var s in processor.ProcessAsync(samples, cancellationToken).ConfigureAwait(false))
            {
                detected ??= string.IsNullOrEmpty(s.Language) ? null : s.Language;
                segments.Add(new TranscriptSegment(s.Start, s.End, s.Text.Trim(), s.Probability));
            }
            cancellationToken.ThrowIfCancellationRequested();
            return new RecognitionResult(segments, detected ?? language);
        }
        finally
        {
            currentProgress = null;
        }
    }

    public ValueTask DisposeAsync() => processor.DisposeAsync();
}
