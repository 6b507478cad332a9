using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Fakes;

/// <summary>
/// One fake media file: what probing and decoding it yield, and how its transcription goes. A test
/// sets the knobs before submitting the file and awaits the signals to know which stage it reached.
/// </summary>
public sealed class FakeAudioFile(string path, TimeSpan duration)
{
    private readonly TaskCompletionSource probeStarted = NewSignal();
    private readonly TaskCompletionSource decodeStarted = NewSignal();
    private readonly TaskCompletionSource transcriptionStarted = NewSignal();

    public string Path { get; } = path;

    /// <summary>The file name without extension: the stem of its transcripts.</summary>
    public string Stem => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The length probing declares.</summary>
    public TimeSpan Duration { get; } = duration;

    /// <summary>The length decoding yields; a much shorter one makes the file look truncated.</summary>
    public TimeSpan? DecodedDuration { get; set; }

    public Exception? ProbeError { get; set; }

    public Exception? DecodeError { get; set; }

    public Exception? TranscribeError { get; set; }

    /// <summary>Probing waits for this task (or cancellation) before it returns.</summary>
    public Task? ProbeGate { get; set; }

    /// <summary>Decoding waits for this task (or cancellation) before it returns.</summary>
    public Task? DecodeGate { get; set; }

    /// <summary>Transcription waits for this task (or cancellation) before it returns.</summary>
    public Task? TranscribeGate { get; set; }

    /// <summary>What the model "hears"; by default one segment over the whole file.</summary>
    public IReadOnlyList<TranscriptSegment> Segments { get; set; } =
        [new TranscriptSegment(TimeSpan.Zero, duration, $"Words of {System.IO.Path.GetFileNameWithoutExtension(path)}.")];

    public string? Language { get; set; } = "en";

    /// <summary>The path of this file's transcript in <paramref name="extension"/> (".json"), beside the file.</summary>
    public string OutputPath(string extension) => System.IO.Path.ChangeExtension(Path, extension);

    public Task ProbeStarted => probeStarted.Task;

    public Task DecodeStarted => decodeStarted.Task;

    public Task TranscriptionStarted => transcriptionStarted.Task;

    internal void OnProbeStarted() => probeStarted.TrySetResult();

    internal void OnDecodeStarted() => decodeStarted.TrySetResult();

    internal void OnTranscriptionStarted() => transcriptionStarted.TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
