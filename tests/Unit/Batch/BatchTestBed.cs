using YtPipe.Core.Batch;
using YtPipe.Core.Transcription;
using YtPipe.Tests.Fakes;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Batch;

/// <summary>
/// A <see cref="TranscriptionBatch"/> over the fakes, in a temp folder of its own: register files,
/// start the batch, submit, finish. Disposing cancels whatever still runs and deletes the folder.
/// </summary>
public sealed class BatchTestBed : IAsyncDisposable
{
    private TranscriptionBatch? batch;
    private BatchEventCollector? events;

    public BatchTestBed() => Engine = new FakeTranscriptionEngine(Decoder);

    public static TranscriptionOptions Transcription { get; } = new() { ModelPath = "fake", ModelName = "fake" };

    public TempFolder Folder { get; } = new();

    public FakeAudioDecoder Decoder { get; } = new();

    public FakeTranscriptionEngine Engine { get; }

    public TranscriptionBatch Batch => batch ?? throw new InvalidOperationException("Start the batch first.");

    public BatchEventCollector Events => events ?? throw new InvalidOperationException("Start the batch first.");

    /// <summary><paramref name="count"/> CPU workers of one thread each.</summary>
    public static WorkerPlan CpuWorkers(int count) =>
        new("Test", Enumerable.Range(0, count).Select(i => new WorkerSlot(i, DeviceSpec.Cpu, 1)).ToList(), "test");

    /// <summary>Creates a dummy media file on disk whose probed length is <paramref name="seconds"/>.</summary>
    public FakeAudioFile AddFile(string relativePath, double seconds) =>
        Decoder.Add(Folder.WriteFile(relativePath), TimeSpan.FromSeconds(seconds));

    public TranscriptionBatch Start(int workers, BatchOptions? options = null, TranscriptionOptions? transcription = null) =>
        Start(CpuWorkers(workers), options, transcription);

    public TranscriptionBatch Start(WorkerPlan plan, BatchOptions? options = null, TranscriptionOptions? transcription = null)
    {
        if (batch is not null) throw new InvalidOperationException("The batch is already started.");
        batch = new TranscriptionBatch(options ?? new BatchOptions(), transcription ?? Transcription, plan, Engine, Decoder);
        events = new BatchEventCollector(batch.Events);
        return batch;
    }

    public OutputPlan Plan(FakeAudioFile file) =>
        Batch.Plan(new TranscriptionInput(file.Path)) ?? throw new InvalidOperationException($"'{file.Path}' was planned twice.");

    public void Submit(params FakeAudioFile[] files)
    {
        foreach (var file in files)
        {
            Batch.Submit(Plan(file));
        }
    }

    /// <summary>Says no more files come, reads every event, and waits for the batch to end.</summary>
    public async Task<IReadOnlyList<FileResult>> FinishAsync()
    {
        Batch.Complete();
        await Events.Drained.OrTimeout();
        await Batch.Completion.OrTimeout();
        return Events.Results;
    }

    public async ValueTask DisposeAsync()
    {
        if (batch is not null)
        {
            await batch.DisposeAsync().AsTask().OrTimeout();
        }
        Folder.Dispose();
    }
}
