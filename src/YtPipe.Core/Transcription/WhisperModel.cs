using Whisper.net;
using YtPipe.Core.Vad;

namespace YtPipe.Core.Transcription;

/// <summary>A loaded whisper model; creates one processor per worker.</summary>
internal sealed class WhisperModel(WhisperFactory factory, TranscriptionOptions options, string device, string computeType,
    TranscriptionRuntime runtime, IReadOnlyList<Batch.PlanNote> loadNotes, SileroVadModel? vad = null)
    : ITranscriptionModel
{
    public string Device => device;

    public string ComputeType => computeType;

    public TranscriptionRuntime Runtime => runtime;

    public IReadOnlyList<Batch.PlanNote> LoadNotes => loadNotes;

    public ITranscriber CreateTranscriber(int threads) => new WhisperTranscriber(factory, options, threads, vad?.CreateDetector(threads));

    public void Dispose()
    {
        factory.Dispose();
        vad?.Dispose();
    }
}
