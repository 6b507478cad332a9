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

    private int calls;

    /// <summary>How many times a transcriber was asked to transcribe (a packed buffer counts once).</summary>
    public int TranscribeCalls => Volatile.Read(ref calls);

    /// <summary>Whether <paramref name="samples"/> are a packed buffer rather than one decoded clip.</summary>
    internal bool IsPack(float[] samples)
    {
        Interlocked.Increment(ref calls);
        return !decoder.IsClip(samples);
    }

    /// <summary>
    /// What the model "hears" in a packed buffer: each marked run of samples is a file (see
    /// <see cref="FakeAudioDecoder.MarkClips"/>), whose segments are moved to where it lies.
    /// </summary>
    internal RecognitionResult HearPack(float[] samples)
    {
        var segments = new List<TranscriptSegment>();
        string? language = null;
        var i = 0;
        while (i < samples.Length)
        {
            if (samples[i] == 0) { i++; continue; }
            var start = i;
            while (i < samples.Length && samples[i] == samples[start]) i++;
            var file = decoder.FileOfMarker(samples[start]);
            transcriptionOrder.Enqueue(file.Path);
            file.OnTranscriptionStarted();
            if (file.TranscribeError is { } error) throw error;
            language ??= file.Language;
            var offset = TimeSpan.FromTicks(start * (TimeSpan.TicksPerSecond / Core.Audio.AudioClip.SampleRate));
            segments.AddRange(file.Segments.Select(s => s with
            {
                Start = s.Start + offset,
                End = s.End + offset,
                Words = s.Words?.Select(w => w with { Start = w.Start + offset, End = w.End + offset }).ToList(),
            }));
        }
        return new RecognitionResult(segments, language);
    }

    internal FakeAudioFile BeginTranscription(float[] samples)
    {
        var file = decoder.FileOf(samples);
        transcriptionOrder.Enqueue(file.Path);
        file.OnTranscriptionStarted();
        return file;
    }
}
