namespace YtPipe.Core.Transcription;

/// <summary>A model loaded on one device. Thread-safe: many transcribers share it.</summary>
public interface ITranscriptionModel : IDisposable
{
    /// <summary>What really does the work (<c>cpu</c>, <c>cuda:1</c>), which may differ from what was asked for.</summary>
    string Device { get; }

    /// <summary>The model's weight type, such as <c>f16</c>.</summary>
    string ComputeType { get; }

    /// <summary>Creates the state one worker needs; one transcriber serves one thread at a time.</summary>
    ITranscriber CreateTranscriber(int threads);
}
