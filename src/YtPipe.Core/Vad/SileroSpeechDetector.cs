using Whisper.net;

namespace YtPipe.Core.Vad;

/// <summary>
/// Silero through one <see cref="WhisperVadProcessor"/>, with its padding off (YtPipe pads, see
/// <see cref="SpeechChunker"/>). whisper.cpp keeps region times in centiseconds; Whisper.net 1.9.1
/// returns them in seconds (checked by SileroVadTests). The last region can reach past the audio,
/// since whisper.cpp counts whole 512-sample frames; <see cref="SpeechChunker"/> clips it.
/// </summary>
internal sealed class SileroSpeechDetector(WhisperVadProcessor processor) : ISpeechDetector
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeechRegion>> DetectAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        if (samples.IsEmpty) return [];
        var found = await processor.DetectSpeechAsync(samples, cancellationToken).ConfigureAwait(false);
        return found.Select(s => SpeechRegion.FromTimes(s.Start, s.End)).Where(r => r.Length > 0).ToList();
    }

    public ValueTask DisposeAsync() => processor.DisposeAsync();
}
