using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Fakes;

/// <summary>"Hears" the segments of the <see cref="FakeAudioFile"/> the samples were decoded from.</summary>
public sealed class FakeTranscriber(FakeTranscriptionEngine engine, int threads) : ITranscriber
{
    private int busy;

    public int Threads { get; } = threads;

    public bool IsDisposed { get; private set; }

    public async Task<RecognitionResult> TranscribeAsync(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // A transcriber is one worker's state: two files at once would be an engine defect.
        if (Interlocked.Exchange(ref busy, 1) != 0) throw new InvalidOperationException("A transcriber was used by two threads at once.");
        try
        {
            if (engine.IsPack(samples))
            {
                await Task.Yield();
                return engine.HearPack(samples);
            }
            var file = engine.BeginTranscription(samples);
            if (file.TranscribeGate is { } gate)
            {
                await gate.WaitAsync(cancellationToken);
            }
            else
            {
                await Task.Yield();
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (file.TranscribeError is { } error) throw error;
            progress?.Report(1.0);
            return new RecognitionResult(file.Segments, file.Language);
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return ValueTask.CompletedTask;
    }
}
