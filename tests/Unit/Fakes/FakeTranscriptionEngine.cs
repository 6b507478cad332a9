using System.Collections.Concurrent;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Fakes;

/// <summary>Loads fake models and records what the batch asked of it.</summary>
public sealed class FakeTranscriptionEngine(FakeAudioDecoder decoder) : ITranscriptionEngine
{
    private readonly ConcurrentQueue<FakeTranscriptionModel> models = new();
    private readonly ConcurrentQueue<DeviceSpec> loadedDevices = new();
    private readonly ConcurrentQueue<string> transcriptionOrder = new();

    /// <summary>Thrown by <see cref="LoadModel"/> when set.</summary>
    public Exception? LoadError { get; set; }

    /// <summary>The device the loaded models say they run on; null means the one asked for.</summary>
    public string? ReportedDevice { get; set; }

    /// <summary>The runtime the loaded models report.</summary>
    public TranscriptionRuntime Runtime { get; set; } = new() { Name = TranscriptionRuntime.StockName, SystemInfo = "fake" };

    /// <summary>What loading a model tells the user.</summary>
    public IReadOnlyList<Core.Batch.PlanNote> LoadNotes { get; set; } = [];

    public IReadOnlyList<DeviceSpec> LoadedDevices => loadedDevices.ToList();

    public IReadOnlyList<FakeTranscriptionModel> Models => models.ToList();

    /// <summary>Input paths in the order their transcription started.</summary>
    public IReadOnlyList<string> TranscriptionOrder => transcriptionOrder.ToList();

    public int TranscribersCreated => models.Sum(m => m.Transcribers.Count);

    public ITranscriptionModel LoadModel(DeviceSpec device)
    {
        loadedDevices.Enqueue(device);
        if (LoadError is { } error) throw error;
        var model = new FakeTranscriptionModel(this, ReportedDevice ?? device.ToString());
        models.Enqueue(model);
        return model;
    }

    internal FakeAudioFile BeginTranscription(float[] samples)
    {
        var file = decoder.FileOf(samples);
        transcriptionOrder.Enqueue(file.Path);
        file.OnTranscriptionStarted();
        return file;
    }
}
