namespace YtPipe.Core.Transcription;

/// <summary>A model loaded on one device. Thread-safe: many transcribers share it.</summary>
public interface ITranscriptionModel : IDisposable
{
    /// <summary>What really does the work (<c>cpu</c>, <c>cuda:1</c>), which may differ from what was asked for.</summary>
    string Device { get; }

    /// <summary>The model's weight type, such as <c>f16</c>.</summary>
    string ComputeType { get; }

    /// <summary>The whisper.cpp build that does the work (stock or native) and the CPU features it uses.</summary>
    TranscriptionRuntime Runtime { get; }

    /// <summary>What loading found worth telling: which runtime runs, and a warning when a native runtime could not be used.</summary>
    IReadOnlyList<Batch.PlanNote> LoadNotes { get; }

    /// <summary>Creates the state one worker needs; one transcriber serves one thread at a time.</summary>
    ITranscriber CreateTranscriber(int threads);
}
