namespace YtPipe.Core.Vad;

/// <summary>
/// Voice activity detection before transcription: which Silero model finds the speech, how it
/// decides, and how the speech is cut into chunks for whisper. Null on
/// <see cref="Transcription.TranscriptionOptions.Vad"/> means off, the default: published
/// measurements show VAD can raise the word error rate on some data (whisper.cpp #2454).
/// </summary>
public sealed record VadOptions
{
    /// <summary>The catalog's Silero model, resolved and downloaded like any model.</summary>
    public const string DefaultModelName = "silero-v6.2.0";

    /// <summary>The longest chunk whisper can take in one window.</summary>
    public static readonly TimeSpan MaxChunkLimit = TimeSpan.FromSeconds(30);

    /// <summary>Full path of the Silero ggml model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>A frame whose speech probability is at least this is speech. 0..1; whisper.cpp's default 0.5.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Speech shorter than this is dropped. whisper.cpp's default 250 ms.</summary>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Silence must last this long to end a speech region. whisper.cpp's default 100 ms.</summary>
    public TimeSpan MinSilence { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest chunk handed to whisper; at most <see cref="MaxChunkLimit"/>, since a chunk must fit one window.</summary>
    public TimeSpan MaxChunk { get; init; } = MaxChunkLimit;

    /// <summary>Audio kept on each side of a speech region, so word edges are not cut. whisper.cpp's default 30 ms.</summary>
    public TimeSpan SpeechPad { get; init; } = TimeSpan.FromMilliseconds(30);
}
