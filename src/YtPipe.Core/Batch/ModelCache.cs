using System.Collections.Concurrent;
using System.Diagnostics;
using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// One loaded model per device for the whole batch, shared by that device's workers (the seed
/// loaded one per file), loaded by the first worker that needs it. A load that fails fails every
/// worker that asks, and ends the batch.
/// </summary>
internal sealed class ModelCache(ITranscriptionEngine engine, TranscriptionOptions transcription, Action<BatchEvent> post) : IDisposable
{
    private readonly ConcurrentDictionary<DeviceSpec, Lazy<ITranscriptionModel>> models = new();

    /// <summary>The model on <paramref name="device"/>, loaded on first use.</summary>
    public ITranscriptionModel Get(DeviceSpec device) =>
        models.GetOrAdd(device, d => new Lazy<ITranscriptionModel>(() => Load(d), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Frees every model that loaded.</summary>
    public void Dispose()
    {
        foreach (var model in models.Values.Where(m => m.IsValueCreated))
        {
            try { model.Value.Dispose(); }
            catch (Exception) { /* a model that failed to load has nothing to free */ }
        }
    }

    private ITranscriptionModel Load(DeviceSpec device)
    {
        post(new BatchMessageEvent(BatchMessageLevel.Verbose, $"Loading model {transcription.ModelName} ({transcription.ModelPath}) on {device}."));
        var started = Stopwatch.GetTimestamp();
        var model = engine.LoadModel(device);
        post(new BatchMessageEvent(BatchMessageLevel.Verbose,
            $"Model {transcription.ModelName} ({model.ComputeType}) loaded on {model.Device} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s."));
        foreach (var note in model.LoadNotes)
        {
            post(new BatchMessageEvent(note.Level, note.Text));
        }
        if (model.Device != device.ToString())
        {
            // Never claim a GPU did work that the CPU did.
            post(new BatchMessageEvent(BatchMessageLevel.Warning,
                $"{device} was asked for, but the work runs on {model.Device}: this build of YtPipe has no CUDA runtime, or CUDA could not start. For GPU support: {HostWording.Command(HostWording.BuildWithCuda)}."));
        }
        return model;
    }
}
