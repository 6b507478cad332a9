using System.Collections.Concurrent;
using YtPipe.Core.Audio;

namespace YtPipe.Tests.Fakes;

/// <summary>
/// Decodes the files a test registered, as their <see cref="FakeAudioFile"/> says, into silent clips
/// of the right length. Remembers which clip came from which file, so the fake transcriber can tell.
/// </summary>
public sealed class FakeAudioDecoder : IAudioDecoder
{
    private readonly ConcurrentDictionary<string, FakeAudioFile> files = new();
    private readonly ConcurrentDictionary<float[], FakeAudioFile> clips = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<float, FakeAudioFile> markers = new();
    private int probes;
    private int decodes;

    /// <summary>
    /// Fills each decoded clip with a value of its file's own instead of silence, so that the fake
    /// transcriber can tell the files of a packed buffer (-ShortClip Pack) apart.
    /// </summary>
    public bool MarkClips { get; set; }

    /// <summary>The file whose clips are filled with <paramref name="marker"/> (see <see cref="MarkClips"/>).</summary>
    public FakeAudioFile FileOfMarker(float marker) =>
        markers.TryGetValue(marker, out var file) ? file : throw new InvalidOperationException($"No file is marked {marker}.");

    /// <summary>Whether <paramref name="samples"/> are one decoded clip, as the decoder made it.</summary>
    public bool IsClip(float[] samples) => clips.ContainsKey(samples);

    public int ProbeCount => Volatile.Read(ref probes);

    public int DecodeCount => Volatile.Read(ref decodes);

    public FakeAudioFile Add(string path, TimeSpan duration)
    {
        var file = new FakeAudioFile(path, duration);
        if (!files.TryAdd(path, file)) throw new InvalidOperationException($"'{path}' is registered twice.");
        return file;
    }

    /// <summary>The file whose decoding produced <paramref name="samples"/>.</summary>
    public FakeAudioFile FileOf(float[] samples) =>
        clips.TryGetValue(samples, out var file) ? file : throw new InvalidOperationException("These samples did not come from the fake decoder.");

    public async Task<TimeSpan> ProbeDurationAsync(string path, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref probes);
        var file = Get(path);
        file.OnProbeStarted();
        if (file.ProbeGate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }
        await Task.Yield();
        if (file.ProbeError is { } error) throw error;
        return file.Duration;
    }

    public async Task<AudioClip> DecodeAsync(string path, TimeSpan expectedLength, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref decodes);
        var file = Get(path);
        file.OnDecodeStarted();
        if (file.DecodeGate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }
        if (file.DecodeError is { } error) throw error;
        var samples = new float[(int)Math.Round((file.DecodedDuration ?? file.Duration).TotalSeconds * AudioClip.SampleRate)];
        if (MarkClips)
        {
            var marker = (float)(files.Keys.Order(StringComparer.Ordinal).ToList().IndexOf(path) + 1);
            markers[marker] = file;
            Array.Fill(samples, marker);
        }
        clips[samples] = file;
        return new AudioClip(samples);
    }

    private FakeAudioFile Get(string path) =>
        files.TryGetValue(path, out var file) ? file : throw new InvalidOperationException($"'{path}' is not a registered fake media file.");
}
