namespace YtPipe.Core.Vad;

/// <summary>Finds where people speak. One worker's state: one file at a time.</summary>
public interface ISpeechDetector : IAsyncDisposable
{
    /// <summary>The speech regions of 16 kHz mono <paramref name="samples"/>, in order, without padding.</summary>
    /// <param name="samples">The whole file's audio.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    Task<IReadOnlyList<SpeechRegion>> DetectAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken);
}
