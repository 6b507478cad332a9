using System.Collections.Concurrent;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Fakes;

public sealed class FakeTranscriptionModel(FakeTranscriptionEngine engine, string device) : ITranscriptionModel
{
    private readonly ConcurrentQueue<FakeTranscriber> transcribers = new();

    public string Device { get; } = device;

    public string ComputeType => "f16";

    public TranscriptionRuntime Runtime => engine.Runtime;

    public IReadOnlyList<Core.Batch.PlanNote> LoadNotes => engine.LoadNotes;

    public bool IsDisposed { get; private set; }

    public IReadOnlyList<FakeTranscriber> Transcribers => transcribers.ToList();

    public ITranscriber CreateTranscriber(int threads)
    {
        var transcriber = new FakeTranscriber(engine, threads);
        transcribers.Enqueue(transcriber);
        return transcriber;
    }

    public void Dispose() => IsDisposed = true;
}
