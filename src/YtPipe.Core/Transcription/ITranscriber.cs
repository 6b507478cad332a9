namespace YtPipe.Core.Transcription;

/// <summary>One worker's transcription state. Not thread-safe: one file at a time.</summary>
public interface ITranscriber : IAsyncDisposable
{
    /// <summary>Transcribes 16 kHz mono samples.</summary>
    /// <param name="samples">The audio.</param>
    /// <param name="progress">Receives the fraction done, 0..1.</param>
    /// <param name="cancellationToken">Stops the work promptly.</param>
    Task<RecognitionResult> TranscribeAsync(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken);
}
